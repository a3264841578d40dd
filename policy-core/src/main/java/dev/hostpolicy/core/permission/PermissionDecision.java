package dev.hostpolicy.core.permission;

import dev.hostpolicy.api.Decision;
import dev.hostpolicy.api.PermissionMode;
import java.util.Objects;

/**
 * The answer to a {@link PermissionRequest}: the kind, the mode that was applied and the
 * {@link Decision} with its reason code.
 *
 * <table>
 *   <caption>Reason codes</caption>
 *   <tr><th>code</th><th>when</th></tr>
 *   <tr><td>{@code allowed}</td><td>the mode is {@code auto}</td></tr>
 *   <tr><td>{@code permission.approved}</td><td>the mode is {@code ask} and the approver said yes (allowed)</td></tr>
 *   <tr><td>{@code permission.denied}</td><td>the mode is {@code deny}</td></tr>
 *   <tr><td>{@code permission.no-approver}</td><td>the mode is {@code ask} and there is no interactive approver</td></tr>
 *   <tr><td>{@code permission.rejected}</td><td>the approver said no</td></tr>
 *   <tr><td>{@code permission.approver-failed}</td><td>the approver threw</td></tr>
 *   <tr><td>{@code permission.loosening-refused}</td><td>the request asked for a looser mode than the policy grants</td></tr>
 * </table>
 *
 * <pre>{@code
 * PermissionDecision d = policy.decide(PermissionRequest.of(ActionKind.EXECUTE, "rm -rf build"));
 * if (d.denied()) {
 *   return toolError(d.reason());     // "permission.denied"
 * }
 * }</pre>
 *
 * @param kind the kind of action
 * @param mode the mode applied (the policy's, or the stricter one the request asked for)
 * @param decision allowed or denied, with the reason code
 */
public record PermissionDecision(ActionKind kind, PermissionMode mode, Decision decision) {

  /** Approved by the interactive approver. */
  public static final String APPROVED = "permission.approved";
  /** The mode is {@code deny}. */
  public static final String DENIED = "permission.denied";
  /** {@code ask} without an approver. */
  public static final String NO_APPROVER = "permission.no-approver";
  /** The approver said no. */
  public static final String REJECTED = "permission.rejected";
  /** The approver threw. */
  public static final String APPROVER_FAILED = "permission.approver-failed";
  /** The request asked for a looser mode than the policy grants. */
  public static final String LOOSENING_REFUSED = "permission.loosening-refused";

  /** Checks the parts are present. */
  public PermissionDecision {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(decision, "decision");
  }

  /** Whether the action may proceed. */
  public boolean allowed() {
    return decision.allowed();
  }

  /** Whether it may not. */
  public boolean denied() {
    return decision.denied();
  }

  /** The reason code. */
  public String reason() {
    return decision.reason();
  }

  /** Returns this decision if allowed; otherwise throws {@link dev.hostpolicy.api.PolicyViolationException} with its reason. */
  public PermissionDecision requireAllowed() {
    decision.requireAllowed();
    return this;
  }
}
