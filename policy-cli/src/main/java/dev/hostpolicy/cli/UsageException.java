package dev.hostpolicy.cli;

/**
 * A usage mistake found while a command runs (an unknown docs topic, an unreadable secret file); the
 * CLI prints the message and exits with {@link ExitCodes#USAGE}.
 *
 * <pre>{@code
 * throw new UsageException("unknown topic 'nope'; topics: index, spi, threat-model");
 * }</pre>
 */
public final class UsageException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** A usage error with a message for the user. */
  public UsageException(String message) {
    super(message);
  }
}
