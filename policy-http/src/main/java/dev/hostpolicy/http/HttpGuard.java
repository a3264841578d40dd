package dev.hostpolicy.http;

import java.io.IOException;

/**
 * One stage of the guard chain: look at the request, then answer it ({@link Outcome#respond}) or let
 * the rest of the chain decide ({@link GuardChain#proceed}) — at most once; a guard that calls
 * {@code proceed} twice fails the request with 500. A guard may change what the rest of the chain
 * returns (add a header). An exception thrown by a guard fails the request closed (500, never
 * forwarded). The built-in stages ({@link HostOriginGuard}, {@link TokenInUrlGuard},
 * {@link BearerAuthGuard}, {@link BrowserSessionGuard}, {@link WebhookIngress}, {@link EventEndpoint},
 * {@link SecurityHeadersGuard}) are ordinary guards.
 *
 * <pre>{@code
 * HttpGuard readOnly = (request, chain) -> request.method().equals("GET") || request.method().equals("HEAD")
 *     ? chain.proceed(request)
 *     : Outcome.respond(GuardResponse.error(405, "http.read-only", request.correlationId()));
 * }</pre>
 */
@FunctionalInterface
public interface HttpGuard {

  /**
   * Decides {@code request}.
   *
   * @param request the request as the guards before this one left it
   * @param chain the rest of the chain; proceed at most once
   * @throws IOException if reading the body fails (the request fails closed)
   */
  Outcome handle(GuardRequest request, GuardChain chain) throws IOException;
}
