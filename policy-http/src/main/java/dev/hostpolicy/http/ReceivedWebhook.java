package dev.hostpolicy.http;

import dev.hostpolicy.api.Decision;
import dev.hostpolicy.api.WebhookHeaders;
import dev.hostpolicy.core.token.CorrelationId;
import dev.hostpolicy.core.token.TriggerId;
import java.util.Objects;

/**
 * A webhook delivery that passed the ingress — size limit, enabled trigger, rate limit, signature —
 * handed to the host as data: the raw body bytes exactly as received, the headers, and the decision
 * that let it through ({@code allowed}, or {@code webhook.unsigned-accepted} for an explicitly
 * unsigned trigger, which the host should log).
 *
 * <pre>{@code
 * WebhookReceiver receiver = delivery -> runs.start(delivery.triggerName(), delivery.body(), delivery.correlationId());
 * }</pre>
 *
 * @param triggerId the id in the URL
 * @param triggerName the trigger's name
 * @param body the raw body (a copy is returned each time)
 * @param headers the request headers
 * @param decision why it was accepted
 * @param correlationId the request's correlation id, also returned to the sender
 */
public record ReceivedWebhook(TriggerId triggerId, String triggerName, byte[] body, WebhookHeaders headers, Decision decision,
    CorrelationId correlationId) {
  /** Copies the body. */
  public ReceivedWebhook {
    Objects.requireNonNull(triggerId, "triggerId");
    Objects.requireNonNull(triggerName, "triggerName");
    body = body.clone();
    Objects.requireNonNull(headers, "headers");
    Objects.requireNonNull(decision, "decision");
    Objects.requireNonNull(correlationId, "correlationId");
  }

  /** A copy of the raw body. */
  @Override
  public byte[] body() {
    return body.clone();
  }

  /** Ids, sizes and the decision; never the body. */
  @Override
  public String toString() {
    return "ReceivedWebhook[" + triggerName + ", " + body.length + " bytes, " + decision.reason() + ", " + correlationId + "]";
  }
}
