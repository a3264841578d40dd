package dev.hostpolicy.testkit.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hostpolicy.api.Secret;
import dev.hostpolicy.api.spi.AuditEvent;
import dev.hostpolicy.api.spi.AuditEvents;
import dev.hostpolicy.testkit.fake.InMemoryAuditSink;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
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
  void findsEncodedForms() {
    InMemoryAuditSink sink = InMemoryAuditSink.create().forbidding("sekrit-123");
    String b64 = Base64.getEncoder().withoutPadding().encodeToString("sekrit-123".getBytes(StandardCharsets.UTF_8));
    assertThatThrownBy(() -> sink.append(AuditEvent.builder("run.start").field("auth", "Basic " + b64).build()))
        .isInstanceOf(AssertionError.class);
    assertThatThrownBy(() -> sink.append(AuditEvent.builder("run.start").field("url", "/x?q=%73%65%6B%72%69%74%2D%31%32%33").build()))
        .isInstanceOf(AssertionError.class);
    assertThat(sink.leaks()).hasSize(2);
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

  @Test
  void refusesWhatTheJsonlSinkRefuses() {
    InMemoryAuditSink sink = InMemoryAuditSink.create();
    assertThatThrownBy(() -> sink.append(AuditEvent.builder("audit.chain.start").build())).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> sink.append(AuditEvent.builder("webhook.accepted").field("requestBody", "{}").build()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("body");
    sink.append(AuditEvent.builder("host.custom").build());
    sink.requireCatalogued();
    assertThatThrownBy(() -> sink.append(AuditEvent.builder("host.custom").build())).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("catalogue");
    sink.append(AuditEvents.runStart("r1").build());
    assertThat(sink.single("run.start").fields()).containsEntry("run", "r1");
    assertThatThrownBy(() -> sink.single("run.settle")).isInstanceOf(AssertionError.class);
    sink.close();
    assertThatThrownBy(() -> sink.append(AuditEvents.runStart("r2").build())).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void awaitWaitsForEventsFromOtherThreadsWithABound() throws Exception {
    InMemoryAuditSink sink = InMemoryAuditSink.create();
    CompletableFuture<AuditEvent> waiting = CompletableFuture.supplyAsync(() -> sink.await("egress.denied", Duration.ofSeconds(30)));
    sink.append(AuditEvents.egressDenied("a:1", "egress.private-address").build());
    assertThat(waiting.get().fields()).containsEntry("reason", "egress.private-address");
    assertThat(sink.await(e -> e.event().startsWith("egress."), 1, Duration.ofSeconds(1))).hasSize(1);
    assertThatThrownBy(() -> sink.await("run.start", Duration.ofMillis(20))).isInstanceOf(AssertionError.class)
        .hasMessageContaining("run.start");
  }
}
