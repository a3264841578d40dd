package dev.hostpolicy.testkit.fuzz;

import static dev.hostpolicy.testkit.fuzz.Fuzz.typed;
import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.hostpolicy.api.Decision;
import dev.hostpolicy.api.Secret;
import dev.hostpolicy.api.WebhookHeaders;
import dev.hostpolicy.api.spi.WebhookSignatureScheme;
import dev.hostpolicy.core.webhook.ReplayCache;
import dev.hostpolicy.core.webhook.WebhookSchemes;
import dev.hostpolicy.testkit.fake.FakeTimeSource;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/**
 * The signature headers of every built-in webhook scheme. Input: the first byte picks the scheme;
 * the rest is UTF-8 text whose lines are the values of the scheme's headers in the order below
 * (further lines repeat the headers). The scheme's raw verifier — not the exception-catching
 * wrapper — must return a typed decision for any input, and never allow a delivery it did not see
 * signed.
 */
class WebhookHeadersFuzzTest {
  /** The clock of every verification: 2026-01-01T00:00:00Z (unix 1767225600). */
  static final Instant NOW = Instant.ofEpochSecond(1_767_225_600L);
  static final byte[] BODY = "{\"action\":\"opened\"}".getBytes(StandardCharsets.UTF_8);
  static final List<String> SCHEMES = List.of("github", "stripe", "slack", "standard-webhooks", "generic");
  static final List<List<String>> HEADERS = List.of(
      List.of("X-Hub-Signature-256", "X-Hub-Signature"),
      List.of("Stripe-Signature"),
      List.of("X-Slack-Signature", "X-Slack-Request-Timestamp"),
      List.of("webhook-id", "webhook-timestamp", "webhook-signature"),
      List.of("X-Signature"));
  static final Secret HMAC_SECRET = Secret.fromUtf8("fuzz-secret-0123456789abcdef");
  static final Secret STANDARD_SECRET =
      Secret.fromUtf8("whsec_" + Base64.getEncoder().encodeToString("fuzz-secret-0123456789ab".getBytes(StandardCharsets.US_ASCII)));
  private static final WebhookSchemes BUILT_INS = WebhookSchemes.builtIns();

  @FuzzTest(maxDuration = "2m")
  void signatureHeaders(byte[] data) {
    if (data.length == 0) {
      return;
    }
    int which = (data[0] & 0xff) % SCHEMES.size();
    WebhookSignatureScheme scheme = BUILT_INS.require(SCHEMES.get(which));
    List<String> names = HEADERS.get(which);
    String[] lines = new String(data, 1, data.length - 1, StandardCharsets.UTF_8).split("\n", -1);
    WebhookHeaders.Builder headers = WebhookHeaders.builder();
    for (int i = 0; i < lines.length && i < 16; i++) {
      headers.add(names.get(i % names.size()), lines[i]);
    }
    WebhookHeaders h = headers.build();
    Secret secret = which == 3 ? STANDARD_SECRET : HMAC_SECRET;
    FakeTimeSource time = FakeTimeSource.at(NOW);
    Decision d = typed(scheme.verifier(List.of(secret)).verify(BODY, h, new WebhookSignatureScheme.Context(time, ReplayCache.create(time))));
    if (d.allowed()) {
      // the signature covers the body: the same headers over another body never pass
      byte[] other = Arrays.copyOf(BODY, BODY.length + 1);
      Decision tampered = typed(scheme.verifier(List.of(secret)).verify(other, h, new WebhookSignatureScheme.Context(time, ReplayCache.create(time))));
      assertThat(tampered.allowed()).as("allowed over another body: %s", h).isFalse();
    }
    Decision without = typed(scheme.verifier(List.of()).verify(BODY, h, new WebhookSignatureScheme.Context(time, ReplayCache.create(time))));
    assertThat(without.allowed()).isFalse();
  }
}
