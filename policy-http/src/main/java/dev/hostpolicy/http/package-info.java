/**
 * The guard chain a host puts in front of its own local HTTP server, framework-neutral: a request
 * view ({@link dev.hostpolicy.http.GuardRequest}), answers ({@link dev.hostpolicy.http.GuardResponse},
 * {@link dev.hostpolicy.http.Outcome}), one-method guards ({@link dev.hostpolicy.http.HttpGuard}) in
 * an ordered chain ({@link dev.hostpolicy.http.HttpGuards}), and the built-in stages: Host / Origin,
 * tokens in URLs, bearer authentication, the browser login session, webhook ingress, the devloop-style
 * event endpoint and security headers. Adapters live in {@code .jdk} and {@code .servlet}; see
 * docs/http.md.
 *
 * <pre>{@code
 * HttpGuards guards = HttpGuards.builder(bound).apiToken(token).audit(sink).browserLogin().build();
 * Outcome outcome = guards.handle(GuardRequest.builder("GET", "/api/runs").headers(headers).build());
 * }</pre>
 */
package dev.hostpolicy.http;
