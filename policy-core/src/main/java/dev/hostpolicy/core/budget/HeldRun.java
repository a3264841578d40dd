package dev.hostpolicy.core.budget;

import java.time.Instant;
import java.util.Objects;

/**
 * A queued run the total-cost cap held back: the host's run id, the host's own description of the run
 * (what it needs to start it later, e.g. the trigger and its payload as JSON) and when it was held.
 *
 * <pre>{@code
 * for (HeldRun run : held.list()) {
 *   queue.submit(run.runId(), run.payload());
 *   held.release(run.runId());
 * }
 * }</pre>
 *
 * @param runId the host's run id ({@code [A-Za-z0-9_-]}, 1 to 128 characters)
 * @param payload the host's description of the run (never a secret: it is stored as it is)
 * @param heldAt when it was held
 */
public record HeldRun(String runId, String payload, Instant heldAt) {

  /** Checks the parts. */
  public HeldRun {
    HeldRuns.checkRunId(runId);
    Objects.requireNonNull(payload, "payload");
    Objects.requireNonNull(heldAt, "heldAt");
  }
}
