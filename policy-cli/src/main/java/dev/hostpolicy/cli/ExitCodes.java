package dev.hostpolicy.cli;

/**
 * The exit codes of the {@code hostpolicy} command (DESIGN.md, CLI contract).
 *
 * <pre>{@code
 * if (decision.denied()) return ExitCodes.DENIED;
 * }</pre>
 */
public final class ExitCodes {
  private ExitCodes() {}

  /** Success, or the policy allowed the action. */
  public static final int OK = 0;

  /** An unexpected error (a bug, an I/O failure). */
  public static final int UNEXPECTED = 1;

  /** Bad usage or a configuration error. */
  public static final int USAGE = 2;

  /** The policy denied the action. */
  public static final int DENIED = 3;
}
