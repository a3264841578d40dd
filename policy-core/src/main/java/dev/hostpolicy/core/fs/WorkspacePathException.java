package dev.hostpolicy.core.fs;

import dev.hostpolicy.api.Decision;
import dev.hostpolicy.api.PolicyViolationException;
import java.util.Objects;

/**
 * A workspace path was refused. The {@link #reason() reason code} is the {@link #violation()}'s code
 * ({@code path.outside-workspace}, {@code path.dangling-symlink}, …). The detail names the requested
 * path (with control characters escaped) and never contains file contents, and never the location a
 * link points to outside the workspace.
 *
 * <pre>{@code
 * try {
 *   Path file = workspace.resolveForRead(requested);
 * } catch (WorkspacePathException e) {
 *   return Response.forbidden(e.reason()); // e.g. "path.outside-workspace"
 * }
 * }</pre>
 */
public final class WorkspacePathException extends PolicyViolationException {
  private static final long serialVersionUID = 1L;

  private final PathViolation violation;

  /** A refusal for {@code violation} with a human detail (cleaned and capped by {@link Decision}). */
  public WorkspacePathException(PathViolation violation, String detail) {
    super(Decision.deny(Objects.requireNonNull(violation, "violation").code(), detail));
    this.violation = violation;
  }

  /** Why the path was refused. */
  public PathViolation violation() {
    return violation;
  }
}
