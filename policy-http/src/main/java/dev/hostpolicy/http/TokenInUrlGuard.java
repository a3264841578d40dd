package dev.hostpolicy.http;

import dev.hostpolicy.api.Decision;
import dev.hostpolicy.api.spi.AuditActor;
import dev.hostpolicy.api.spi.AuditSink;
import dev.hostpolicy.core.token.UrlTokenGuard;
import java.io.IOException;
import java.util.Objects;

/**
 * Refuses every request whose target carries a token — a {@code token} or {@code access_token}
 * parameter, or the API token itself anywhere in the path or query, raw or percent-encoded (see
 * {@link UrlTokenGuard}) — with {@code 400 {"error":"token.in-url","correlationId":…}}, before any
 * authentication, so a token pasted into a URL is refused even when it is right. The audit event
 * ({@value HostOriginGuard#EVENT}, reason {@code token.in-url}) never holds the URL.
 *
 * <pre>{@code
 * HttpGuard urls = TokenInUrlGuard.of(UrlTokenGuard.forSecret(token), auditSink);
 * }</pre>
 */
public final class TokenInUrlGuard implements HttpGuard {
  private final UrlTokenGuard guard;
  private final GuardAudit audit;

  private TokenInUrlGuard(UrlTokenGuard guard, AuditSink audit) {
    this.guard = guard;
    this.audit = new GuardAudit(audit);
  }

  /** A stage applying {@code guard}, auditing refusals to {@code audit}. */
  public static TokenInUrlGuard of(UrlTokenGuard guard, AuditSink audit) {
    return new TokenInUrlGuard(Objects.requireNonNull(guard, "guard"), Objects.requireNonNull(audit, "audit"));
  }

  @Override
  public Outcome handle(GuardRequest request, GuardChain chain) throws IOException {
    Decision d = guard.check(request.target());
    if (d.denied()) {
      audit.bestEffort(GuardAudit.event(HostOriginGuard.EVENT, AuditActor.OPEN, "denied", request).field("reason", d.reason()));
      return Outcome.respond(GuardResponse.error(400, d.reason(), request.correlationId()));
    }
    return chain.proceed(request);
  }

  @Override
  public String toString() {
    return "TokenInUrlGuard[" + guard + "]";
  }
}
