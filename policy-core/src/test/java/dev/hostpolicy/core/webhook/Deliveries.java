package dev.hostpolicy.core.webhook;

import dev.hostpolicy.api.Decision;
import dev.hostpolicy.api.Secret;
import dev.hostpolicy.api.TimeSource;
import dev.hostpolicy.api.WebhookHeaders;
import dev.hostpolicy.api.spi.WebhookSignatureScheme;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Small helpers for the example tests. */
final class Deliveries {
  private Deliveries() {}

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  static WebhookSignatureScheme.Context context(TimeSource time) {
    return new WebhookSignatureScheme.Context(time, ReplayCache.create(time));
  }

  static Decision verify(WebhookSignatureScheme scheme, Secret secret, byte[] body, WebhookHeaders headers, TimeSource time) {
    return scheme.verifier(List.of(secret)).verify(body, headers, context(time));
  }

  static WebhookHeaders headers(String... nameValue) {
    WebhookHeaders.Builder b = WebhookHeaders.builder();
    for (int i = 0; i < nameValue.length; i += 2) {
      b.add(nameValue[i], nameValue[i + 1]);
    }
    return b.build();
  }
}
