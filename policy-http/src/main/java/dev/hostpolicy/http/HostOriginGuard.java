package dev.hostpolicy.http;

import dev.hostpolicy.api.Decision;
import dev.hostpolicy.api.spi.AuditActor;
import dev.hostpolicy.api.spi.AuditSink;
import dev.hostpolicy.core.net.HostHeaderGuard;
import java.io.IOException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Stops DNS rebinding and cross-site requests against the local server by applying a
 * {@link HostHeaderGuard} to every request: exactly one {@code Host} header naming this server
 * (missing or repeated is refused), and, for state-changing methods, at most one {@code Origin}
 * that is this server or an allowed origin. A refusal is {@code 403} with
 * {@code {"error":"host-header.mismatch"|"origin.mismatch","correlationId":…}} and an audit event
 * {@value #EVENT}.
 *
 * <pre>{@code
 * HttpGuard hosts = HostOriginGuard.of(HostHeaderGuard.forPort(8080), auditSink);
 * }</pre>
 */
public final class HostOriginGuard implements HttpGuard {

  /** The audit event of a refused request. */
  public static final String EVENT = "http.request.refused";

  private final HostHeaderGuard guard;
  private final GuardAudit audit;

  private HostOriginGuard(HostHeaderGuard guard, AuditSink audit) {
    this.guard = guard;
    this.audit = new GuardAudit(audit);
  }

  /** A stage applying {@code guard}, auditing refusals to {@code audit}. */
  public static HostOriginGuard of(HostHeaderGuard guard, AuditSink audit) {
    return new HostOriginGuard(Objects.requireNonNull(guard, "guard"), Objects.requireNonNull(audit, "audit"));
  }

  @Override
  public Outcome handle(GuardRequest request, GuardChain chain) throws IOException {
    Decision d = decide(request);
    if (d.denied()) {
      audit.bestEffort(GuardAudit.event(EVENT, AuditActor.OPEN, "denied", request).field("reason", d.reason()));
      return Outcome.respond(GuardResponse.error(403, d.reason(), request.correlationId()));
    }
    return chain.proceed(request);
  }

  private Decision decide(GuardRequest request) {
    List<String> hosts = request.headers().all("Host");
    if (hosts.size() != 1) {
      return Decision.deny("host-header.mismatch", hosts.isEmpty() ? "no Host header" : "more than one Host header");
    }
    Decision host = guard.checkHost(hosts.get(0));
    if (host.denied()) {
      return host;
    }
    List<String> origins = request.headers().all("Origin");
    if (origins.size() > 1) {
      return Decision.deny("origin.mismatch", "more than one Origin header");
    }
    return guard.checkOrigin(request.method(), origins.isEmpty() ? Optional.empty() : Optional.of(origins.get(0)));
  }

  @Override
  public String toString() {
    return "HostOriginGuard";
  }
}
