package dev.hostpolicy.process;

import dev.hostpolicy.core.token.RunId;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How a child run ended: its exit status — {@code 128 + N} when a signal {@code N} killed it, as the
 * shell reports it — how long it ran, whether (and why) the host cancelled it, and how many bytes it
 * wrote to pumped streams ({@code -1} for an inherited or discarded one).
 *
 * <pre>{@code
 * RunResult r = launcher.run(spec);
 * if (r.cancelReason().isPresent()) {
 *   log.log(WARNING, "run " + r.runId() + " cancelled: " + r.cancelReason().get());
 * } else if (r.exitCode() != 0) {
 *   log.log(WARNING, "run " + r.runId() + " failed with " + r.exitCode() + " after " + r.duration());
 * }
 * }</pre>
 *
 * @param runId the run
 * @param exitCode the exit status (128 + N when killed by signal N)
 * @param duration from start to exit, on the launcher's clock
 * @param cancelReason the reason code given to {@link RunningChild#cancel(String)}, if it was cancelled
 * @param stdoutBytes bytes written to standard output ({@code -1} when inherited or discarded)
 * @param stderrBytes bytes written to standard error ({@code -1} when inherited or discarded)
 */
public record RunResult(RunId runId, int exitCode, Duration duration, Optional<String> cancelReason, long stdoutBytes, long stderrBytes) {

  /** Checks the parts. */
  public RunResult {
    Objects.requireNonNull(runId, "runId");
    Objects.requireNonNull(duration, "duration");
    Objects.requireNonNull(cancelReason, "cancelReason");
  }

  /** Exit status 0 and not cancelled. */
  public boolean succeeded() {
    return exitCode == 0 && cancelReason.isEmpty();
  }

  /** Whether the host cancelled the run. */
  public boolean cancelled() {
    return cancelReason.isPresent();
  }
}
