package dev.hostpolicy.core.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hostpolicy.api.PolicyConfigurationException;
import dev.hostpolicy.api.spi.AuditEvent;
import dev.hostpolicy.api.spi.AuditSink;
import dev.hostpolicy.core.HostPolicy;
import dev.hostpolicy.core.Settings;
import java.nio.file.Path;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditSinksTest {

  @Test
  void theJsonlSinkIsDiscoveredUnboundAndOpenedById(@TempDir Path data) throws Exception {
    ClassLoader loader = getClass().getClassLoader();
    assertThat(AuditSinks.ids(loader)).contains("jsonl");
    AuditSink discovered = ServiceLoader.load(AuditSink.class, loader).stream()
        .map(ServiceLoader.Provider::get).filter(s -> s.id().equals("jsonl")).findFirst().orElseThrow();
    assertThatThrownBy(() -> discovered.append(AuditEvent.builder("run.start").build()))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("unbound");
    try (AuditSink sink = AuditSinks.open("jsonl", data, AuditOptions.defaults(), loader)) {
      assertThat(sink).isInstanceOf(JsonlAuditSink.class);
      sink.append(AuditEvent.builder("run.start").build());
    }
    assertThat(AuditLog.at(data).tail(5).toList()).hasSize(1);
    assertThatThrownBy(() -> AuditSinks.open("nope", data, AuditOptions.defaults(), loader))
        .isInstanceOf(PolicyConfigurationException.class).hasMessageContaining("audit.sink").hasMessageContaining("jsonl");
  }

  @Test
  void aPolicyOpensItsAuditLogWithTheOperatorsRotation(@TempDir Path data) throws Exception {
    HostPolicy policy = HostPolicy.builder().profile("minimal").namespace("ACME")
        .settings(Settings.fromEnvironment(Map.of("ACME_AUDIT_MAX_BYTES", "8192", "ACME_AUDIT_MAX_FILES", "3")))
        .dataDir(data).build();
    assertThat(policy.auditOptions().maxBytes()).isEqualTo(8192);
    assertThat(policy.auditOptions().maxFiles()).isEqualTo(3);
    try (JsonlAuditSink sink = policy.openAuditLog()) {
      assertThat(sink.directory()).isEqualTo(data.resolve("audit").toRealPath());
      assertThat(sink.options().maxFiles()).isEqualTo(3);
    }
    HostPolicy withToken = HostPolicy.builder().profile("minimal").namespace("ACME")
        .settings(Settings.fromEnvironment(Map.of("ACME_API_TOKEN", "acme_token_0123456789abcdefghij")))
        .dataDir(data).build();
    try (JsonlAuditSink sink = withToken.openAuditLog()) {
      // the host's own API token never reaches a line, whichever field it is smuggled into
      sink.append(AuditEvent.builder("run.start").field("note", "argv had acme_token_0123456789abcdefghij in it").build());
    }
    String log = java.nio.file.Files.readString(data.resolve("audit/audit.jsonl"));
    assertThat(log).doesNotContain("acme_token_0123456789abcdefghij").contains(dev.hostpolicy.api.Secret.REDACTED);
    HostPolicy noDir = HostPolicy.builder().profile("minimal").build();
    assertThatThrownBy(noDir::openAuditLog).isInstanceOf(PolicyConfigurationException.class).hasMessageContaining("audit.data-dir");
  }
}
