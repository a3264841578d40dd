package dev.hostpolicy.process.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Signals a whole process group through the {@code kill} program ({@code kill -SIG -- -PGID}), or the
 * {@code kill} builtin of {@code /bin/sh} where there is no such program: the JDK can signal one
 * process but not a group. The group id is always the child's own pid, never the
 * host's group, so a group that does not exist yet (the child has not called {@code setsid} yet) or
 * any more is simply "no such process".
 *
 * <pre>{@code
 * GroupSignals g = GroupSignals.program(Path.of("/usr/bin/kill"));
 * boolean someone = g.signal(childPid, "TERM");
 * }</pre>
 */
public final class GroupSignals {
  private static final System.Logger LOG = System.getLogger(GroupSignals.class.getName());
  private final Path kill;
  private final boolean shellBuiltin;

  private GroupSignals(Path kill, boolean shellBuiltin) {
    this.kill = kill;
    this.shellBuiltin = shellBuiltin;
  }

  /** Signals with the {@code kill} program at {@code kill}. */
  public static GroupSignals program(Path kill) {
    return new GroupSignals(kill, false);
  }

  /** Signals with the {@code kill} builtin of the POSIX shell at {@code sh}. */
  public static GroupSignals shellBuiltin(Path sh) {
    return new GroupSignals(sh, true);
  }

  /**
   * Sends {@code signal} ({@code TERM}, {@code KILL}, {@code INT}, {@code HUP} or {@code 0} to probe)
   * to every process of group {@code pgid}; returns whether at least one process got it.
   */
  public boolean signal(long pgid, String signal) {
    if (pgid <= 1) {
      throw new IllegalArgumentException("refusing to signal process group " + pgid);
    }
    List<String> command = shellBuiltin
        ? List.of(kill.toString(), "-c", "kill -s \"$1\" -- \"-$2\"", "sh", signal, Long.toString(pgid))
        : List.of(kill.toString(), "-" + signal, "--", "-" + pgid);
    ProcessBuilder pb = new ProcessBuilder(command)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .redirectError(ProcessBuilder.Redirect.DISCARD);
    pb.environment().clear();
    try {
      Process p = pb.start();
      p.getOutputStream().close();
      if (!p.waitFor(10, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        LOG.log(System.Logger.Level.WARNING, "{0} did not finish signalling process group {1}", kill, pgid);
        return false;
      }
      return p.exitValue() == 0;
    } catch (IOException e) {
      LOG.log(System.Logger.Level.WARNING, "cannot run {0} to signal process group {1}: {2}", kill, pgid, e.getMessage());
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** Whether any process of group {@code pgid} is left. */
  public boolean alive(long pgid) {
    return signal(pgid, "0");
  }
}
