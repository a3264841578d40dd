package dev.hostpolicy.cli;

import dev.hostpolicy.core.net.BindGuard;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The CLI process's logging backend: the library logs through {@code System.Logger}, which in a plain
 * JVM ends in {@code java.util.logging}; this makes each record one stderr line prefixed like the
 * CLI's own messages ({@code hostpolicy: WARNING: …}), and mutes the bind guard's log copy of the
 * insecure banner for {@code bind}, which prints that banner itself. The only class allowed to touch
 * {@code java.util.logging} (the application owns its logging backend; library code never does).
 *
 * <pre>{@code
 * CliLogging.configure(args); // first thing in main
 * }</pre>
 */
final class CliLogging {
  private CliLogging() {}

  /** Held so the level set here is not lost when the logger is collected. */
  private static Logger bindGuardLog;

  /** Configures the process's logging for a CLI invocation with {@code args}. */
  static void configure(String[] args) {
    if (System.getProperty("java.util.logging.SimpleFormatter.format") == null) {
      System.setProperty("java.util.logging.SimpleFormatter.format", "hostpolicy: %4$s: %5$s%6$s%n");
    }
    if (args.length > 0 && "bind".equals(args[0])) {
      bindGuardLog = Logger.getLogger(BindGuard.class.getName());
      bindGuardLog.setLevel(Level.SEVERE);
    }
  }
}
