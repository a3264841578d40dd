package dev.hostpolicy.http;

import dev.hostpolicy.api.SafeText;
import dev.hostpolicy.api.spi.AuditActor;
import dev.hostpolicy.api.spi.AuditEvent;
import dev.hostpolicy.api.spi.AuditSink;
import java.lang.System.Logger.Level;

/**
 * Audit emission for the built-in guards. A refusal is refused even when its event cannot be
 * recorded (logged); an action that lets something through is only taken once its event is
 * acknowledged, so an unavailable sink fails the request closed with 503.
 */
final class GuardAudit {
  private static final System.Logger LOG = System.getLogger(HttpGuards.class.getName());

  /** Thrown when an allowing event could not be recorded; the pipeline answers 503. */
  static final class Unavailable extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Unavailable(RuntimeException cause) {
      super("the audit sink did not record the event", cause);
    }
  }

  private final AuditSink sink;

  GuardAudit(AuditSink sink) {
    this.sink = sink;
  }

  static AuditEvent.Builder event(String name, AuditActor actor, String outcome, GuardRequest request) {
    return AuditEvent.builder(name)
        .actor(actor)
        .outcome(outcome)
        .correlationId(request.correlationId().value())
        .field("method", SafeText.clean(request.method(), 16))
        .field("remote", request.remoteAddress().getAddress() == null
            ? request.remoteAddress().getHostString()
            : request.remoteAddress().getAddress().getHostAddress());
  }

  /** Records a refusal (or a logout): a sink failure is logged, and what was decided stands. */
  void bestEffort(AuditEvent.Builder event) {
    try {
      sink.append(event.build());
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, () -> "audit sink " + sink.id() + " failed to record a refusal: " + e.getClass().getName());
    }
  }

  /**
   * Records an event that lets something through.
   *
   * @throws Unavailable if the sink did not acknowledge it
   */
  void required(AuditEvent.Builder event) {
    try {
      sink.append(event.build());
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, () -> "audit sink " + sink.id() + " failed; refusing the request: " + e.getClass().getName());
      throw new Unavailable(e);
    }
  }
}
