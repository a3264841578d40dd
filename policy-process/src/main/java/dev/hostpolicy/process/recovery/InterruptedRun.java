package dev.hostpolicy.process.recovery;

import java.time.Instant;
import java.util.Objects;

/**
 * A run that was in flight when its instance died: recovery hands it to the host to record as failed
 * (and audits {@code run.reconciled} with state {@code interrupted}).
 *
 * <pre>{@code
 * registry.recover(run -> runStore.markFailed(run.runId(), "interrupted: the host stopped at " + run.startedAt()));
 * }</pre>
 *
 * @param runId the run
 * @param instanceId the instance that ran it
 * @param startedAt when the run began
 */
public record InterruptedRun(String runId, String instanceId, Instant startedAt) {

  /** Checks the parts. */
  public InterruptedRun {
    PidRegistry.checkName(runId, "run id");
    PidRegistry.checkName(instanceId, "instance id");
    Objects.requireNonNull(startedAt, "startedAt");
  }
}
