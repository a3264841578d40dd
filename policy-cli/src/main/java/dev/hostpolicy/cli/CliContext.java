package dev.hostpolicy.cli;

import java.io.InputStream;
import java.io.PrintStream;
import java.util.Map;
import java.util.Objects;

/**
 * What a command may touch of the outside world: standard streams and the environment. Injected so
 * tests can run every command in-process with a scripted environment.
 *
 * <pre>{@code
 * int code = HostPolicyCli.run(new CliContext(System.in, System.out, System.err, System.getenv()),
 *     "profiles");
 * }</pre>
 *
 * @param in standard input (bytes, read exactly)
 * @param out standard output
 * @param err standard error
 * @param env the environment variables
 */
public record CliContext(InputStream in, PrintStream out, PrintStream err, Map<String, String> env) {
  /** Copies the environment. */
  public CliContext {
    Objects.requireNonNull(in, "in");
    Objects.requireNonNull(out, "out");
    Objects.requireNonNull(err, "err");
    env = Map.copyOf(env);
  }

  /** The real process streams and environment. */
  public static CliContext system() {
    return new CliContext(System.in, System.out, System.err, System.getenv());
  }
}
