package dev.hostpolicy.http.internal.proxy;

import dev.hostpolicy.api.spi.AuditActor;
import dev.hostpolicy.api.spi.AuditEvent;
import dev.hostpolicy.api.spi.AuditSink;
import dev.hostpolicy.core.net.IpAddress;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Sends every proxy decision to the {@link AuditSink}: {@code egress.allowed} / {@code egress.denied}
 * with the target authority (never the path or query, which may carry credentials), the reason code,
 * the detail, the method and the run id — never a header or a body.
 */
final class ProxyAudit {
  private static final System.Logger LOG = System.getLogger(ProxyAudit.class.getName());
  private static final Pattern CID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

  private final AuditSink sink;
  private final String runId;

  ProxyAudit(AuditSink sink, String runId) {
    this.sink = sink;
    this.runId = runId;
  }

  /**
   * Records an allowed decision.
   *
   * @throws RuntimeException if the sink could not record it (the caller then refuses the connection)
   */
  void allowed(String method, String target, String reason, String detail, List<InetSocketAddress> addresses) {
    List<String> ips = new ArrayList<>(addresses.size());
    for (InetSocketAddress a : addresses) {
      ips.add(IpAddress.of(a.getAddress()).toString());
    }
    AuditEvent.Builder b = base("egress.allowed", AuditActor.SYSTEM, "allowed")
        .field("method", method)
        .field("target", target)
        .field("reason", reason)
        .field("detail", detail)
        .field("addresses", ips);
    sink.append(b.build());
  }

  /** Records a denial; a sink failure is logged (the request is denied either way). */
  void denied(AuditActor actor, Optional<String> method, Optional<String> target, String reason, String detail) {
    try {
      AuditEvent.Builder b = base("egress.denied", actor, "denied");
      method.ifPresent(m -> b.field("method", m));
      target.ifPresent(t -> b.field("target", t));
      b.field("reason", reason).field("detail", detail);
      sink.append(b.build());
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "egress proxy: the audit sink failed to record a denial (" + reason + "): "
          + e.getClass().getName());
    }
  }

  private AuditEvent.Builder base(String event, AuditActor actor, String outcome) {
    AuditEvent.Builder b = AuditEvent.builder(event).actor(actor).outcome(outcome).field("run", runId);
    if (CID.matcher(runId).matches()) {
      b.correlationId(runId);
    }
    return b;
  }
}
