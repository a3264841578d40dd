package dev.hostpolicy.api;

import java.util.Optional;

/**
 * Thrown at startup when a policy cannot be built: an unknown profile, a malformed operator setting,
 * an untrusted plugin that tries to loosen a rule, a provider that fails to load. HostPolicy never
 * replaces a bad value with a silent default; it stops and names what to fix.
 *
 * <p>When one setting or rule is at fault, {@link #key()} names it (for example
 * {@code INFLOOP_WEBHOOK_RATE_LIMIT}) and the message starts with it. Messages never contain a
 * secret value.
 *
 * <pre>{@code
 * try {
 *   policy = HostPolicy.builder().profile("infinite-loop").namespace("INFLOOP")
 *       .settings(Settings.fromEnvironment()).build();
 * } catch (PolicyConfigurationException e) {
 *   err.println("configuration error: " + e.getMessage());
 *   System.exit(2);
 * }
 * }</pre>
 */
public final class PolicyConfigurationException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String key;

  /** A configuration error not tied to one key. */
  public PolicyConfigurationException(String message) {
    this(null, message, null);
  }

  /** A configuration error about {@code key}; the message is prefixed with the key. */
  public PolicyConfigurationException(String key, String message) {
    this(key, message, null);
  }

  /**
   * A configuration error about {@code key} caused by {@code cause}. The cause's message is not
   * copied into this message, so a library error text cannot smuggle a value in.
   */
  public PolicyConfigurationException(String key, String message, Throwable cause) {
    super(
        (key == null ? "" : SafeText.clean(key, 128) + ": ") + SafeText.clean(message, 2048), cause);
    this.key = key;
  }

  /** The setting or rule at fault, when there is one. */
  public Optional<String> key() {
    return Optional.ofNullable(key);
  }
}
