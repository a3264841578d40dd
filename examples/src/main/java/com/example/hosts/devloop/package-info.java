/**
 * A devloop-style supervisor: a loopback-only event server with a per-run token, event URLs and the
 * token injected into otherwise scrubbed children.
 *
 * <pre>{@code
 * try (DevloopHost host = DevloopHost.builder().events(routes).start()) {
 *   host.runStep(workspace, List.of("make", "test"));
 * }
 * }</pre>
 */
package com.example.hosts.devloop;
