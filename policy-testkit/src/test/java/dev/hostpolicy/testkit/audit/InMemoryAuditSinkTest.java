package dev.hostpolicy.testkit.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hostpolicy.api.Secret;
import dev.hostpolicy.api.spi.AuditEvent;
import dev.hostpolicy.testkit.fake.InMemoryAuditSink;
import java.util.List;
import org.junit.jupiter.api.Test;

class InMemoryAuditSinkTest {

  @Test
  void recordsEventsAndFailsOnAForbiddenSecretAnywhere() {
    Secret token = Secret.fromUtf8("sekrit-123");
    InMemoryAuditSink sink = InMemoryAuditSink.create().forbidding(token);
    sink.append(AuditEvent.builder("egress.allowed").field("target", "a:443").build());
    assertThat(sink.events("egress.allowed")).hasSize(1);
    assertThatThrownBy(() -> sink.append(AuditEvent.builder("egress.denied").field("detail", "x sekrit-123 y").build()))
        .isInstanceOf(AssertionError.class).hasMessageNotContaining("sekrit");
    assertThatThrownBy(() -> sink.append(AuditEvent.builder("egress.denied").field("list", List.of("a", "..sekrit-123")).build()))
        .isInstanceOf(AssertionError.class);
    assertThat(sink.events()).hasSize(1);
    assertThat(sink.leaks()).hasSize(2);
    assertThatThrownBy(sink::assertNoLeaks).isInstanceOf(AssertionError.class).hasMessageNotContaining("sekrit");
  }

  @Test
  void failsOnDemandForFailClosedTests() {
    InMemoryAuditSink sink = InMemoryAuditSink.create();
    sink.failWith(new IllegalStateException("disk full"));
    assertThatThrownBy(() -> sink.append(AuditEvent.builder("run.start").build())).hasMessage("disk full");
    sink.failWith(null);
    sink.append(AuditEvent.builder("run.start").build());
    assertThat(sink.events()).hasSize(1);
    sink.assertNoLeaks();
    assertThatThrownBy(() -> sink.forbidding("")).isInstanceOf(IllegalArgumentException.class);
  }
}
