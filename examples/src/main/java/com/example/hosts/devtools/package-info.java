/**
 * A devtools-style dev-server agent: per-process pairing token, loopback with port fallback,
 * production gate, workspace canonicalisation and action-aware permissions.
 *
 * <pre>{@code
 * try (DevtoolsHost host = DevtoolsHost.builder(workspace).start()) {
 *   host.pairingToken();   // shown to the user once, never persisted
 * }
 * }</pre>
 */
package com.example.hosts.devtools;
