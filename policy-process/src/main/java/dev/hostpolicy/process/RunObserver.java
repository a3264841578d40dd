package dev.hostpolicy.process;

/**
 * Told about every child a {@link ProcessLauncher} starts and how it ends — the hook for a pid
 * registry (record pid, start time and process group at start; remove the record at exit) and for a
 * wall-clock budget (schedule {@link RunningChild#cancel(String)} at start).
 *
 * <p>{@link #onStart} runs on the launching thread after the child started and before
 * {@code start()} returns. If it throws, the child's process group is killed at once and
 * {@code start()} fails: a run that could not be recorded does not go on. {@link #onExit} runs on the
 * run's own thread after the child and its process group are gone and the output is drained; an
 * exception there is logged.
 *
 * <pre>{@code
 * RunObserver budget = new RunObserver() {
 *   public void onStart(RunningChild child) {
 *     scheduler.schedule(() -> child.cancel("budget.wall-clock"), maxDuration.toMillis(), MILLISECONDS);
 *   }
 * };
 * ProcessLauncher launcher = ProcessLauncher.builder().auditSink(audit).observer(budget).build();
 * }</pre>
 */
public interface RunObserver {

  /** The child is running (its {@link RunningChild#info()} holds pid, start time and process group). */
  default void onStart(RunningChild child) {}

  /** The child has exited and its process group is gone. */
  default void onExit(RunningChild child, RunResult result) {}
}
