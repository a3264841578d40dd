package dev.hostpolicy.http;

import dev.hostpolicy.api.spi.AuditActor;
import java.io.IOException;
import java.util.Optional;

/**
 * Authenticates every request no earlier stage answered or authenticated: public paths pass as
 * {@link dev.hostpolicy.api.spi.AuditActor#OPEN}; the event endpoint needs the bearer token; the
 * API (and everything else when there is no browser login) needs the bearer token or, with browser
 * login on, the session cookie. The token check is {@link dev.hostpolicy.core.token.BearerAuthenticator}'s
 * (RFC 6750 syntax, token format, constant-time comparison). A refusal is {@code 401} with
 * {@code WWW-Authenticate: Bearer} ({@code error="invalid_token"} for a wrong token or cookie,
 * {@code error="invalid_request"} for a malformed header), the body
 * {@code {"error":"auth.…","correlationId":…}}, and the audit event {@value HostOriginGuard#EVENT}.
 * A host that runs without a token ({@link HttpGuards.Builder#withoutToken()}) authenticates every
 * request as {@code OPEN}.
 *
 * <pre>{@code
 * HttpGuards guards = HttpGuards.builder(bound).apiToken(token).audit(sink).build();
 * // GET /api/runs without Authorization -> 401, WWW-Authenticate: Bearer
 * }</pre>
 */
public final class BearerAuthGuard implements HttpGuard {
  private final Routes routes;
  private final Optional<Credentials> credentials;
  private final GuardAudit audit;

  BearerAuthGuard(Routes routes, Optional<Credentials> credentials, GuardAudit audit) {
    this.routes = routes;
    this.credentials = credentials;
    this.audit = audit;
  }

  @Override
  public Outcome handle(GuardRequest request, GuardChain chain) throws IOException {
    if (request.authenticated().isPresent()) {
      return chain.proceed(request);
    }
    Routes.Kind kind = routes.classify(request.rawPath());
    if (kind == Routes.Kind.PUBLIC || credentials.isEmpty()) {
      return chain.proceed(request.authenticatedAs(AuditActor.OPEN));
    }
    Credentials.Result r = credentials.get().check(request, kind != Routes.Kind.EVENT);
    if (r.decision().allowed()) {
      return chain.proceed(request.authenticatedAs(r.actor()));
    }
    audit.bestEffort(GuardAudit.event(HostOriginGuard.EVENT, r.actor(), "denied", request).field("reason", r.decision().reason()));
    return Outcome.respond(Credentials.unauthorized(r.decision().reason(), request));
  }

  @Override
  public String toString() {
    return "BearerAuthGuard[" + (credentials.isPresent() ? "token" : "no token: open") + "]";
  }
}
