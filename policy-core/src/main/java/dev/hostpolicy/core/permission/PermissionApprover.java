package dev.hostpolicy.core.permission;

/**
 * The interactive approver a host supplies when a person can answer {@code ask} prompts (a terminal,
 * an IDE dialog, a chat message). Return {@code true} only for an explicit yes. A host running
 * unattended supplies none, and every {@code ask} becomes a denial ({@code permission.no-approver}).
 * An approver that throws denies ({@code permission.approver-failed}).
 *
 * <pre>{@code
 * PermissionApprover terminal = request ->
 *     console.readLine("Allow %s: %s? [y/N] ", request.kind().wireName(), request.subject()).equals("y");
 * PermissionDecision d = policy.decide(PermissionRequest.of(ActionKind.FILE_EDIT, "README.md"), terminal);
 * }</pre>
 */
@FunctionalInterface
public interface PermissionApprover {

  /** Asks a person; {@code true} only when they said yes. May block. */
  boolean approve(PermissionRequest request);
}
