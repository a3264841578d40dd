package dev.hostpolicy.process;

/**
 * A child's standard input: {@link #none()} (end of input at once, the default — a child waiting for
 * input never hangs the run) or {@link #inherit()} (the host's own, for an interactive command).
 *
 * <pre>{@code
 * LaunchSpec.builder().argv("python3", "-i").workspace(ws).stdin(ChildInput.inherit());
 * }</pre>
 */
public enum ChildInput {
  /** Closed at once: the child reads end of input. */
  NONE,
  /** The host's own standard input. */
  INHERIT;

  /** {@link #NONE}. */
  public static ChildInput none() {
    return NONE;
  }

  /** {@link #INHERIT}. */
  public static ChildInput inherit() {
    return INHERIT;
  }
}
