package dev.hostpolicy.process;

import java.util.Objects;

/**
 * What happens to a child's standard output or standard error: {@link #inherit()} (the host's own
 * stream — a terminal stays a terminal), {@link #discard()} (the null device), or
 * {@link #to(OutputSink)} (pumped on a dedicated thread; both streams are drained concurrently, so a
 * child writing a lot to both never deadlocks). The byte counts of pumped streams are reported in
 * {@link RunResult}.
 *
 * <pre>{@code
 * CapturedOutput err = CapturedOutput.upTo(64 * 1024);
 * LaunchSpec.builder().argv("npm", "ci").workspace(ws)
 *     .stdout(ChildOutput.inherit())
 *     .stderr(ChildOutput.to(err));
 * }</pre>
 */
public sealed interface ChildOutput permits ChildOutput.Inherit, ChildOutput.Discard, ChildOutput.Pumped {

  /** The host's own stream. */
  static ChildOutput inherit() {
    return new Inherit();
  }

  /** Sent to the null device (not counted). */
  static ChildOutput discard() {
    return new Discard();
  }

  /** Pumped into {@code sink}. */
  static ChildOutput to(OutputSink sink) {
    return new Pumped(Objects.requireNonNull(sink, "sink"));
  }

  /** See {@link #inherit()}. */
  record Inherit() implements ChildOutput {}

  /** See {@link #discard()}. */
  record Discard() implements ChildOutput {}

  /**
   * See {@link #to(OutputSink)}.
   *
   * @param sink where the bytes go
   */
  record Pumped(OutputSink sink) implements ChildOutput {
    /** Checks the sink is present. */
    public Pumped {
      Objects.requireNonNull(sink, "sink");
    }
  }
}
