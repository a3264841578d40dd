package dev.hostpolicy.process.recovery;

import java.util.List;

/**
 * What {@link PidRegistry#recover} did: the dead instances it cleaned up, the children whose process
 * groups it killed, the records it left alone because the pid now belongs to another process (or
 * the start time could not be checked), and the interrupted runs it handed to the host.
 *
 * <pre>{@code
 * RecoveryReport report = registry.recover(run -> runs.markFailed(run.runId(), "interrupted"));
 * log.info("recovered " + report.deadInstances().size() + " dead instances, reaped " + report.reaped().size());
 * }</pre>
 *
 * @param deadInstances ids of the dead instances cleaned up
 * @param reaped children whose process groups were killed (or had already gone)
 * @param spared records not acted on: the pid was reused, or its start time was unknown
 * @param interrupted runs handed to the host as interrupted
 */
public record RecoveryReport(List<String> deadInstances, List<PidRecord> reaped, List<PidRecord> spared, List<InterruptedRun> interrupted) {

  /** Copies the lists. */
  public RecoveryReport {
    deadInstances = List.copyOf(deadInstances);
    reaped = List.copyOf(reaped);
    spared = List.copyOf(spared);
    interrupted = List.copyOf(interrupted);
  }

  /** Whether there was nothing to recover. */
  public boolean nothingToRecover() {
    return deadInstances.isEmpty() && reaped.isEmpty() && spared.isEmpty() && interrupted.isEmpty();
  }
}
