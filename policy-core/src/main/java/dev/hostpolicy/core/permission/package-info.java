/**
 * Action-aware permissions: for each kind of action an agent may take — read or edit a file, run a
 * command, fetch a URL, search the web, call an MCP tool, anything else — whether it may act on its
 * own ({@code auto}), must ask a person ({@code ask}, a denial when nobody can answer) or may not
 * ({@code deny}). The modes are {@code permission.*} rules of the host's policy; a request can only
 * tighten them. See {@code docs/permissions.md}.
 *
 * <pre>{@code
 * PermissionDecision d = hostPolicy.permissionPolicy()
 *     .decide(PermissionRequest.of(ActionKind.EXECUTE, "npm install"));
 * d.reason();   // "permission.denied" unless the host granted execute
 * }</pre>
 */
package dev.hostpolicy.core.permission;
