package dev.hostpolicy.testkit;

import dev.hostpolicy.api.WebhookHeaders;
import dev.hostpolicy.api.spi.WebhookSignatureScheme;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A delivery signed by a scheme's own signer — the valid starting point that properties then
 * tamper with. {@code body()} returns a copy each time, so mutating it in a test is safe.
 *
 * <pre>{@code
 * @Property
 * void flippedBodyDenies(@ForAll("deliveries") WebhookDelivery d, @ForAll int bit) {
 *   byte[] body = d.body();
 *   body[...] ^= ...;
 *   assertThat(d.verifier().verify(body, d.headers(), context).denied()).isTrue();
 * }
 * }</pre>
 *
 * @param scheme the scheme that signed it
 * @param key the key it was signed with
 * @param headers the headers the signer produced
 * @param signedAt the signing time (whole seconds)
 * @param deliveryId the delivery id handed to the signer
 */
public record WebhookDelivery(
    WebhookSignatureScheme scheme, WebhookKey key, byte[] body, WebhookHeaders headers, Instant signedAt,
    Optional<String> deliveryId) {

  /** Validates and copies the parts. */
  public WebhookDelivery {
    Objects.requireNonNull(scheme, "scheme");
    Objects.requireNonNull(key, "key");
    body = Objects.requireNonNull(body, "body").clone();
    Objects.requireNonNull(headers, "headers");
    Objects.requireNonNull(signedAt, "signedAt");
    Objects.requireNonNull(deliveryId, "deliveryId");
  }

  /** A copy of the raw body. */
  @Override
  public byte[] body() {
    return body.clone();
  }

  /** A verifier for this delivery's verifying key. */
  public WebhookSignatureScheme.Verifier verifier() {
    return scheme.verifier(List.of(key.verifying()));
  }

  /** The scheme, body size, header names and time — never a secret. */
  @Override
  public String toString() {
    return "WebhookDelivery[" + scheme.id() + ", " + body.length + " bytes, " + headers + ", signedAt="
        + signedAt.getEpochSecond() + deliveryId.map(id -> ", id=" + id).orElse("") + "]";
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof WebhookDelivery)) {
      return false;
    }
    WebhookDelivery other = (WebhookDelivery) o;
    return other.scheme == scheme && other.key.equals(key) && Arrays.equals(other.body, body)
        && other.headers.equals(headers) && other.signedAt.equals(signedAt) && other.deliveryId.equals(deliveryId);
  }

  @Override
  public int hashCode() {
    return Objects.hash(scheme.id(), Arrays.hashCode(body), headers, signedAt, deliveryId);
  }
}
