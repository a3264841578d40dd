package dev.hostpolicy.api;

import java.util.Objects;

/**
 * Thrown when a policy check denies an action. Carries the denying {@link Decision}, so the host can
 * branch on the stable {@link #reason() reason code}. The message is the reason code and the
 * decision's detail, which never contains a secret.
 *
 * <p>Every control-specific violation extends this class, so a host can catch one type:
 *
 * <pre>{@code
 * try {
 *   Path file = workspace.resolveForRead(requested);
 * } catch (PolicyViolationException e) {
 *   return Response.forbidden(e.reason()); // e.g. "path.outside-workspace"
 * }
 * }</pre>
 */
public class PolicyViolationException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final Decision decision;

  /**
   * Creates the exception for a denying decision.
   *
   * @throws IllegalArgumentException if {@code decision} allows
   */
  public PolicyViolationException(Decision decision) {
    super(messageOf(decision));
    if (decision.allowed()) {
      throw new IllegalArgumentException("a violation needs a denying decision");
    }
    this.decision = decision;
  }

  /** Shorthand for {@code new PolicyViolationException(Decision.deny(reason, detail))}. */
  public PolicyViolationException(String reason, String detail) {
    this(Decision.deny(reason, detail));
  }

  private static String messageOf(Decision decision) {
    Objects.requireNonNull(decision, "decision");
    return decision.detail().isEmpty() ? decision.reason() : decision.reason() + ": " + decision.detail();
  }

  /** The denying decision. */
  public final Decision decision() {
    return decision;
  }

  /** The stable reason code, for example {@code egress.private-address}. */
  public final String reason() {
    return decision.reason();
  }
}
