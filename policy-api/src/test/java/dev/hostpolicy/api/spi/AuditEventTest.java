package dev.hostpolicy.api.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hostpolicy.api.Secret;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class AuditEventTest {

  @Test
  void buildsTypedFieldsInOrder() {
    AuditEvent e = AuditEvent.builder("webhook.rejected").actor(AuditActor.WEBHOOK).outcome("denied")
        .correlationId("cid_abc123").field("trigger", "t1").field("bytes", 12).field("cost", new BigDecimal("0.5"))
        .field("signed", true).field("removed", List.of("A", "B")).build();
    assertThat(e.event()).isEqualTo("webhook.rejected");
    assertThat(e.actor().wireName()).isEqualTo("webhook");
    assertThat(e.correlationId()).contains("cid_abc123");
    assertThat(e.fields()).containsExactly(
        java.util.Map.entry("trigger", "t1"), java.util.Map.entry("bytes", 12L),
        java.util.Map.entry("cost", new BigDecimal("0.5")), java.util.Map.entry("signed", true),
        java.util.Map.entry("removed", List.of("A", "B")));
  }

  @Test
  void refusesCredentialNames() {
    for (String name : new String[] {"token", "apiToken", "api_token", "X-Api-Key", "secret", "clientSecrets", "password",
        "Authorization", "set-cookie", "signature", "key", "stateKey", "webhook.signature"}) {
      assertThatThrownBy(() -> AuditEvent.builder("run.start").field(name, "v")).as(name)
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("credential");
    }
    for (String ok : new String[] {"keyboard", "monkey", "tokenizer", "run", "trigger", "reason", "target", "passthrough"}) {
      AuditEvent.builder("run.start").field(ok, "v");
    }
  }

  @Test
  void refusesSecretsReservedNamesAndBadNames() {
    Secret s = Secret.fromUtf8("abcdefghijklmnop");
    assertThatThrownBy(() -> AuditEvent.builder("run.start").field("value", s))
        .isInstanceOf(IllegalArgumentException.class).hasMessageNotContaining("abcdefghijklmnop");
    assertThatThrownBy(() -> AuditEvent.builder("run.start").field("seq", "1")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> AuditEvent.builder("run.start").field("a b", "1")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> AuditEvent.builder("Run.Start")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> AuditEvent.builder("run.start").correlationId("cid\n")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> AuditEvent.builder("run.start").outcome("Denied")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void capsLongValues() {
    AuditEvent e = AuditEvent.builder("run.start").field("note", "x".repeat(10_000)).build();
    assertThat((String) e.fields().get("note")).hasSize(AuditEvent.MAX_VALUE_CHARS);
  }
}
