package dev.hostpolicy.testkit;

import dev.hostpolicy.api.Secret;
import java.util.Objects;

/**
 * The two halves of a webhook key as a scheme sees them: the secret a sender signs with and the one
 * a receiver verifies with. For HMAC schemes both are the same {@link Secret}; for Standard Webhooks
 * {@code v1a} they are a {@code whsk_} signing key and its {@code whpk_} public key.
 *
 * <pre>{@code
 * WebhookKey key = WebhookKey.symmetric(Secret.fromUtf8("It's a Secret to Everybody"));
 * WebhookHeaders h = scheme.signer(List.of(key.signing())).sign(body, now, Optional.empty());
 * Decision d = scheme.verifier(List.of(key.verifying())).verify(body, h, context);
 * }</pre>
 *
 * @param signing what the sender signs with
 * @param verifying what the receiver verifies with
 */
public record WebhookKey(Secret signing, Secret verifying) {
  /** Validates the parts. */
  public WebhookKey {
    Objects.requireNonNull(signing, "signing");
    Objects.requireNonNull(verifying, "verifying");
  }

  /** A key whose one secret both signs and verifies. */
  public static WebhookKey symmetric(Secret secret) {
    return new WebhookKey(secret, secret);
  }

  /** Never shows a secret. */
  @Override
  public String toString() {
    return signing == verifying ? "WebhookKey[symmetric]" : "WebhookKey[asymmetric]";
  }
}
