/**
 * Webhook signature verification: the built-in {@link dev.hostpolicy.api.spi.WebhookSignatureScheme}s
 * ({@link dev.hostpolicy.core.webhook.GithubScheme github}, {@link dev.hostpolicy.core.webhook.StripeScheme stripe},
 * {@link dev.hostpolicy.core.webhook.SlackScheme slack},
 * {@link dev.hostpolicy.core.webhook.StandardWebhooksScheme standard-webhooks},
 * {@link dev.hostpolicy.core.webhook.GenericHmacScheme generic}), their discovery
 * ({@link dev.hostpolicy.core.webhook.WebhookSchemes}), the verify-or-refuse table of a
 * {@link dev.hostpolicy.core.webhook.WebhookTrigger} and the bounded
 * {@link dev.hostpolicy.core.webhook.ReplayCache}.
 *
 * <p>Every check works on the raw body bytes, compares in constant time, accepts several active
 * secrets at once, and answers with a {@link dev.hostpolicy.api.Decision} whose reason code tells a
 * missing signature from a malformed one, a mismatch, an expired timestamp and a replay.
 *
 * <pre>{@code
 * WebhookTrigger trigger = WebhookTrigger.builder("deploy")
 *     .scheme("github")
 *     .secret(Secret.fromUtf8(System.getenv("DEPLOY_WEBHOOK_SECRET")))
 *     .build();
 * Decision d = trigger.verify(rawBody, WebhookHeaders.of(requestHeaders));
 * }</pre>
 */
package dev.hostpolicy.core.webhook;
