package dev.hostpolicy.process;

/**
 * The signals a host may send to a child's process group with {@link RunningChild#signal}: the ones a
 * supervisor forwards (interrupt, terminate, hang-up) and the final kill.
 *
 * <pre>{@code
 * child.signal(ChildSignal.INT);   // what Ctrl-C would have sent
 * }</pre>
 */
public enum ChildSignal {
  /** SIGHUP (1). */
  HUP(1),
  /** SIGINT (2). */
  INT(2),
  /** SIGKILL (9): cannot be caught. */
  KILL(9),
  /** SIGTERM (15). */
  TERM(15);

  private final int number;

  ChildSignal(int number) {
    this.number = number;
  }

  /** The POSIX signal number; a process killed by it exits with 128 + this number as the shell reports it. */
  public int number() {
    return number;
  }
}
