package dev.hostpolicy.process.recovery;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One detached child in the pid registry ({@code <data-dir>/pids/}): its pid, the start time the
 * operating system reported for it (a pid reused by an unrelated process has another start time),
 * its process group, the instance that started it and its run.
 *
 * <pre>{@code
 * RecoveryReport report = registry.recover(run -> runs.markFailed(run.runId(), "interrupted"));
 * for (PidRecord r : report.spared()) {
 *   log.warn("pid " + r.pid() + " was reused by another process; left alone");
 * }
 * }</pre>
 *
 * @param pid the child's pid
 * @param startTime when it started, as the operating system reported it
 * @param processGroup its process group (its own, with {@code setsid})
 * @param instanceId the instance that started it
 * @param runId its run
 */
public record PidRecord(long pid, Optional<Instant> startTime, OptionalLong processGroup, String instanceId, String runId) {

  /** Checks the parts. */
  public PidRecord {
    if (pid <= 1) {
      throw new IllegalArgumentException("not a child's pid: " + pid);
    }
    Objects.requireNonNull(startTime, "startTime");
    Objects.requireNonNull(processGroup, "processGroup");
    if (processGroup.isPresent() && processGroup.getAsLong() <= 1) {
      throw new IllegalArgumentException("not a child's process group: " + processGroup.getAsLong());
    }
    PidRegistry.checkName(instanceId, "instance id");
    PidRegistry.checkName(runId, "run id");
  }
}
