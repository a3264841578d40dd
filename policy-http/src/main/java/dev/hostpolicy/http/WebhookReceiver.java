package dev.hostpolicy.http;

/**
 * The host's handler for accepted webhook deliveries. It runs on the request thread after the
 * delivery was audited as accepted; the sender gets {@code 202} when it returns, {@code 500} when it
 * throws. Treat the body as data: parse it, never run it.
 *
 * <pre>{@code
 * WebhookReceiver receiver = delivery -> queue.add(delivery);
 * }</pre>
 */
@FunctionalInterface
public interface WebhookReceiver {
  /** Takes one accepted delivery. */
  void receive(ReceivedWebhook delivery);
}
