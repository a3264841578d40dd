/**
 * Crash recovery: the pid registry of detached children, active-run markers and per-instance lock
 * files under a data directory ({@link dev.hostpolicy.process.recovery.PidRegistry}); on start,
 * recovery reaps the process groups of dead instances (only where pid and start time still match),
 * hands their interrupted runs to the host and audits {@code run.reconciled}.
 *
 * <pre>{@code
 * PidRegistry registry = PidRegistry.open(dataDir, audit);
 * registry.recover(run -> runs.markFailed(run.runId(), "interrupted"));
 * ProcessLauncher launcher = ProcessLauncher.builder().auditSink(audit).observer(registry.observer()).build();
 * }</pre>
 */
package dev.hostpolicy.process.recovery;
