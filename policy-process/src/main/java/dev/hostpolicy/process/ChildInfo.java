package dev.hostpolicy.process;

import dev.hostpolicy.core.token.RunId;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What identifies a started child for as long as it may live: the run id, the pid and the process's
 * start time (together they defeat pid reuse), its process group (its own, on POSIX), the program and
 * the working directory. A pid registry records exactly this.
 *
 * <pre>{@code
 * RunObserver registry = new RunObserver() {
 *   public void onStart(RunningChild child) {
 *     ChildInfo i = child.info();
 *     records.write(i.runId(), i.pid(), i.startTime(), i.processGroup());
 *   }
 * };
 * }</pre>
 *
 * @param runId the run
 * @param pid the child's pid
 * @param startTime when the operating system says the process started, if it can tell
 * @param processGroup the child's process group id, when it leads its own
 * @param program the program name ({@code argv[0]}, or {@code /bin/sh} for a shell command)
 * @param workingDirectory the real working directory, inside the workspace
 */
public record ChildInfo(RunId runId, long pid, Optional<Instant> startTime, OptionalLong processGroup, String program, Path workingDirectory) {

  /** Checks the parts. */
  public ChildInfo {
    Objects.requireNonNull(runId, "runId");
    Objects.requireNonNull(startTime, "startTime");
    Objects.requireNonNull(processGroup, "processGroup");
    Objects.requireNonNull(program, "program");
    Objects.requireNonNull(workingDirectory, "workingDirectory");
  }
}
