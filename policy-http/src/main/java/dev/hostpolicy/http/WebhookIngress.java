package dev.hostpolicy.http;

import dev.hostpolicy.api.Decision;
import dev.hostpolicy.api.WebhookHeaders;
import dev.hostpolicy.api.spi.AuditActor;
import dev.hostpolicy.api.spi.WebhookSignatureScheme;
import dev.hostpolicy.core.ratelimit.RateLimitResult;
import dev.hostpolicy.core.ratelimit.RateLimiter;
import dev.hostpolicy.core.token.TriggerId;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.util.Optional;

/**
 * Webhook ingress, {@code POST /hooks/<triggerId>}. No bearer token: the unguessable trigger id and,
 * where the trigger's scheme signs, the signature authenticate the sender. The checks, in order
 * (the first failing one answers):
 *
 * <table>
 *   <caption>Ingress responses</caption>
 *   <tr><th>check</th><th>status</th><th>body {@code error}</th></tr>
 *   <tr><td>method is not POST (any id)</td><td>405, {@code Allow: POST}</td><td>{@code http.method-not-allowed}</td></tr>
 *   <tr><td>raw body over the ingress limit (declared or read; nothing past limit+1 is read)</td>
 *       <td>413</td><td>{@code webhook.body-too-large}</td></tr>
 *   <tr><td>id malformed, unknown, or its trigger disabled</td><td>404, identical for all three</td>
 *       <td>{@code not-found}</td></tr>
 *   <tr><td>the trigger's rate-limit bucket is empty</td><td>429, {@code Retry-After}</td>
 *       <td>{@code ratelimit.exceeded}</td></tr>
 *   <tr><td>the trigger table refuses (see {@link dev.hostpolicy.core.webhook.WebhookTrigger})</td>
 *       <td>401 (signature missing, malformed, mismatch, expired, replayed), 413 (the trigger's own
 *       smaller limit), 503 (replay cache full), 500 (misconfigured, verifier error)</td>
 *       <td>the reason code</td></tr>
 *   <tr><td>accepted, audited, handed to the {@link WebhookReceiver}</td><td>202</td>
 *       <td>— ({@code {"accepted":true,"correlationId":…}})</td></tr>
 * </table>
 *
 * <p>Every answer but the 404 carries the correlation id in its body; all carry it in
 * {@code x-correlation-id}. The 404 body is fixed, so an unknown and a disabled trigger answer with
 * the same status, headers (but the correlation id) and body. Each delivery is audited as
 * {@value #ACCEPTED} or {@value #REJECTED} with its reason (the audit line, not the response, tells
 * unknown from disabled).
 *
 * <pre>{@code
 * HttpGuards guards = HttpGuards.builder(bound).apiToken(token).audit(sink)
 *     .webhooks(WebhookRoutes.of(List.of(route)), delivery -> queue.add(delivery))
 *     .webhookRateLimiter(RateLimiter.create(Rate.perMinute(120)))
 *     .build();
 * }</pre>
 */
public final class WebhookIngress implements HttpGuard {
  private static final System.Logger LOG = System.getLogger(WebhookIngress.class.getName());

  /** Audit event of an accepted delivery. */
  public static final String ACCEPTED = "webhook.accepted";

  /** Audit event of a refused delivery (field {@code reason}). */
  public static final String REJECTED = "webhook.rejected";

  /** Audit reason of an id that is malformed or has no route. */
  public static final String UNKNOWN_TRIGGER = "webhook.unknown-trigger";

  /** Audit reason of a disabled trigger. */
  public static final String DISABLED_TRIGGER = "webhook.trigger-disabled";

  /** Audit reason of a receiver that threw. */
  public static final String RECEIVER_ERROR = "webhook.receiver-error";

  private static final String NOT_FOUND_BODY = "{\"error\":\"not-found\"}";

  private final Routes routes;
  private final WebhookRoutes table;
  private final WebhookReceiver receiver;
  private final RateLimiter limiter;
  private final long maxBodyBytes;
  private final GuardAudit audit;

  WebhookIngress(Routes routes, WebhookRoutes table, WebhookReceiver receiver, RateLimiter limiter, long maxBodyBytes, GuardAudit audit) {
    this.routes = routes;
    this.table = table;
    this.receiver = receiver;
    this.limiter = limiter;
    this.maxBodyBytes = maxBodyBytes;
    this.audit = audit;
  }

  /** The ingress body limit in bytes. */
  public long maxBodyBytes() {
    return maxBodyBytes;
  }

  @Override
  public Outcome handle(GuardRequest request, GuardChain chain) throws IOException {
    if (routes.classify(request.rawPath()) != Routes.Kind.WEBHOOK) {
      return chain.proceed(request);
    }
    if (!request.method().equals("POST")) {
      return Outcome.respond(GuardResponse.error(405, "http.method-not-allowed", request.correlationId()).withHeader("Allow", "POST"));
    }
    Optional<byte[]> body = request.body().readAtMost(maxBodyBytes);
    if (body.isEmpty()) {
      return reject(request, null, WebhookSignatureScheme.BODY_TOO_LARGE, 413);
    }
    String segment = request.rawPath().substring(routes.webhookPrefix().length());
    if (!TriggerId.isValid(segment)) {
      return notFound(request, null, UNKNOWN_TRIGGER);
    }
    TriggerId id = TriggerId.parse(segment);
    Optional<WebhookRoute> route = table.find(id);
    if (route.isEmpty()) {
      return notFound(request, id, UNKNOWN_TRIGGER);
    }
    if (!route.get().enabled()) {
      return notFound(request, id, DISABLED_TRIGGER);
    }
    RateLimitResult permit;
    try {
      permit = limiter.tryAcquire(id.value());
    } catch (RuntimeException e) {
      permit = new RateLimitResult(false, 0, 1_000_000_000L, false);
    }
    if (permit.denied()) {
      audit.bestEffort(event(REJECTED, request, id).field("reason", RateLimitResult.REASON));
      return Outcome.respond(GuardResponse.error(429, RateLimitResult.REASON, request.correlationId())
          .withHeader("Retry-After", Long.toString(permit.retryAfterSeconds())));
    }
    WebhookHeaders headers = request.headers().toWebhookHeaders();
    Decision d = route.get().trigger().verify(body.get(), headers);
    if (d.denied()) {
      return reject(request, id, d.reason(), statusFor(d.reason()));
    }
    audit.required(event(ACCEPTED, request, id).outcome("ok").field("reason", d.reason())
        .field("triggerName", route.get().trigger().name()).field("bytes", body.get().length));
    ReceivedWebhook delivery = new ReceivedWebhook(id, route.get().trigger().name(), body.get(), headers, d, request.correlationId());
    try {
      receiver.receive(delivery);
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, () -> "webhook receiver failed for trigger " + route.get().trigger().name() + " ("
          + request.correlationId() + "): " + e.getClass().getName());
      audit.bestEffort(event(REJECTED, request, id).field("reason", RECEIVER_ERROR));
      return Outcome.respond(GuardResponse.error(500, RECEIVER_ERROR, request.correlationId()));
    }
    return Outcome.respond(GuardResponse.builder(202)
        .json("{\"accepted\":true,\"correlationId\":" + Json.quote(request.correlationId().value()) + "}").build());
  }

  private static int statusFor(String reason) {
    switch (reason) {
      case WebhookSignatureScheme.BODY_TOO_LARGE:
        return 413;
      case WebhookSignatureScheme.REPLAY_CACHE_FULL:
        return 503;
      case WebhookSignatureScheme.MISCONFIGURED:
      case WebhookSignatureScheme.VERIFIER_ERROR:
        return 500;
      default:
        return 401;
    }
  }

  private Outcome reject(GuardRequest request, TriggerId id, String reason, int status) {
    audit.bestEffort(event(REJECTED, request, id).field("reason", reason));
    return Outcome.respond(GuardResponse.error(status, reason, request.correlationId()));
  }

  private Outcome notFound(GuardRequest request, TriggerId id, String reason) {
    audit.bestEffort(event(REJECTED, request, id).field("reason", reason));
    return Outcome.respond(GuardResponse.builder(404).json(NOT_FOUND_BODY).build());
  }

  private static dev.hostpolicy.api.spi.AuditEvent.Builder event(String name, GuardRequest request, TriggerId id) {
    dev.hostpolicy.api.spi.AuditEvent.Builder b = GuardAudit.event(name, AuditActor.WEBHOOK, "denied", request);
    if (id != null) {
      b.field("trigger", id.value());
    }
    return b;
  }

  @Override
  public String toString() {
    return "WebhookIngress[limit " + maxBodyBytes + " bytes, " + limiter.rate() + " per trigger]";
  }
}
