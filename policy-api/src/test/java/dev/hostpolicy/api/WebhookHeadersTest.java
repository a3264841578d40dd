package dev.hostpolicy.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WebhookHeadersTest {

  @Test
  void lookupIgnoresAsciiCase() {
    WebhookHeaders h = WebhookHeaders.builder().add("X-Hub-Signature-256", "sha256=ab").build();
    assertThat(h.first("x-hub-signature-256")).contains("sha256=ab");
    assertThat(h.first("X-HUB-SIGNATURE-256")).contains("sha256=ab");
    assertThat(h.contains("x-hub-signature")).isFalse();
  }

  @Test
  void nonAsciiLookAlikesAreDifferentNames() {
    // U+212A KELVIN SIGN lower-cases to 'k' under Unicode rules; it must not alias X-Slack-Signature.
    WebhookHeaders h = WebhookHeaders.builder().add("X-Slac\u212a-Signature", "v0=00").build();
    assertThat(h.contains("X-Slack-Signature")).isFalse();
    assertThat(h.contains("x-slac\u212a-signature")).isTrue();
    // U+0130 (dotted capital I) lower-cases to "i\u0307"; it must not alias an 'i'.
    WebhookHeaders i = WebhookHeaders.builder().add("webhook-\u0130d", "msg_1").build();
    assertThat(i.contains("webhook-id")).isFalse();
  }

  @Test
  void repeatedHeadersKeepEveryValueInOrder() {
    WebhookHeaders h = WebhookHeaders.builder().add("A", "1").add("b", "2").add("a", "3").build();
    assertThat(h.all("a")).containsExactly("1", "3");
    assertThat(h.size()).isEqualTo(3);
    assertThat(h.entries()).extracting(Map.Entry::getKey).containsExactly("A", "b", "a");
    assertThat(h.without("A").all("a")).isEmpty();
    assertThat(h.replacing("a", "9").all("a")).containsExactly("9");
    assertThat(h.toString()).isEqualTo("WebhookHeaders[a x2, b]");
  }

  @Test
  void valuesAreKeptExactly() {
    WebhookHeaders h = WebhookHeaders.builder().add("X", " padded\t").build();
    assertThat(h.first("x")).contains(" padded\t");
  }

  @Test
  void fromAMultiValuedMapSkippingTheNullStatusLine() {
    Map<String, List<String>> raw = new HashMap<>();
    raw.put(null, List.of("HTTP/1.1 200 OK"));
    raw.put("Webhook-Id", new ArrayList<>(List.of("msg_1")));
    WebhookHeaders h = WebhookHeaders.of(raw);
    assertThat(h.size()).isEqualTo(1);
    assertThat(h.first("webhook-id")).contains("msg_1");
    raw.get("Webhook-Id").add("changed later");
    assertThat(h.all("webhook-id")).containsExactly("msg_1");
  }

  @Test
  void rejectsNullValues() {
    assertThatThrownBy(() -> WebhookHeaders.builder().add("a", null)).isInstanceOf(NullPointerException.class);
    Map<String, List<String>> raw = new HashMap<>();
    List<String> values = new ArrayList<>();
    values.add(null);
    raw.put("a", values);
    assertThatThrownBy(() -> WebhookHeaders.of(raw)).isInstanceOf(NullPointerException.class);
  }

  @Test
  void toStringNeverShowsValuesAndEscapesNames() {
    WebhookHeaders h = WebhookHeaders.builder().add("X-Sig\r\nInjected", "sha256=secretish").build();
    assertThat(h.toString()).doesNotContain("secretish").doesNotContain("\r").contains("\\u000d");
  }

  @Test
  void headerLinesAreWhatASignerPrints() {
    WebhookHeaders h = WebhookHeaders.builder().add("webhook-id", "msg_1").add("webhook-timestamp", "1").build();
    assertThat(h.toHeaderLines()).isEqualTo("webhook-id: msg_1\nwebhook-timestamp: 1\n");
    assertThat(WebhookHeaders.empty().toHeaderLines()).isEmpty();
  }

  @Test
  void equalityFollowsTheEntries() {
    WebhookHeaders a = WebhookHeaders.builder().add("A", "1").build();
    assertThat(a).isEqualTo(WebhookHeaders.builder().add("A", "1").build()).hasSameHashCodeAs(WebhookHeaders.builder().add("A", "1").build());
    assertThat(a).isNotEqualTo(WebhookHeaders.builder().add("A", "2").build());
    assertThat(a.withAll(a).all("a")).containsExactly("1", "1");
  }
}
