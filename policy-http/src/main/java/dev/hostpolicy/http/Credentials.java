package dev.hostpolicy.http;

import dev.hostpolicy.api.Decision;
import dev.hostpolicy.api.spi.AuditActor;
import dev.hostpolicy.core.token.BearerAuthenticator;
import dev.hostpolicy.core.token.SessionCookie;
import java.util.List;
import java.util.Optional;

/**
 * The credential rule shared by the built-in stages: an {@code Authorization} header, when present,
 * decides alone (a wrong bearer token never falls back to a cookie); otherwise the session cookie,
 * where the stage accepts one; otherwise {@code auth.missing}.
 */
final class Credentials {

  record Result(Decision decision, AuditActor actor) {}

  private final BearerAuthenticator bearer;
  private final Optional<SessionCookie> session;

  Credentials(BearerAuthenticator bearer, Optional<SessionCookie> session) {
    this.bearer = bearer;
    this.session = session;
  }

  Optional<SessionCookie> session() {
    return session;
  }

  BearerAuthenticator bearer() {
    return bearer;
  }

  Result check(GuardRequest request, boolean acceptCookie) {
    List<String> authorization = request.headers().all("Authorization");
    if (!authorization.isEmpty()) {
      return new Result(bearer.check(authorization), AuditActor.API_TOKEN);
    }
    if (acceptCookie && session.isPresent()) {
      return new Result(session.get().check(request.headers().all("Cookie")), AuditActor.BROWSER_SESSION);
    }
    return new Result(Decision.deny(BearerAuthenticator.MISSING, "no Authorization header; send Authorization: Bearer <token>"),
        AuditActor.API_TOKEN);
  }

  /** {@code 401} with the RFC 6750 challenge for {@code reason}. */
  static GuardResponse unauthorized(String reason, GuardRequest request) {
    String challenge;
    if (reason.equals(BearerAuthenticator.MISSING)) {
      challenge = "Bearer";
    } else if (reason.equals(BearerAuthenticator.INVALID_TOKEN) || reason.equals(SessionCookie.INVALID_COOKIE)
        || reason.startsWith("token.")) {
      challenge = "Bearer error=\"invalid_token\"";
    } else {
      challenge = "Bearer error=\"invalid_request\"";
    }
    return GuardResponse.error(401, reason, request.correlationId()).withHeader("WWW-Authenticate", challenge);
  }
}
