/**
 * The guard chain on the JDK's built-in {@code com.sun.net.httpserver} server: a {@code Filter}
 * ({@link dev.hostpolicy.http.jdk.JdkGuardFilter}) and a loopback server with port fallback whose
 * every context carries it ({@link dev.hostpolicy.http.jdk.GuardedHttpServer}). No dependency beyond
 * the JDK.
 *
 * <pre>{@code
 * try (GuardedHttpServer server = GuardedHttpServer.builder(LoopbackAddress.ipv4())
 *     .port(8080, 10)
 *     .guards(bound -> HttpGuards.builder(bound).apiToken(token).audit(sink).build())
 *     .start()) {
 *   server.context("/api/", handler);
 * }
 * }</pre>
 */
package dev.hostpolicy.http.jdk;
