package dev.hostpolicy.http.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hostpolicy.api.PolicyConfigurationException;
import dev.hostpolicy.api.Secret;
import dev.hostpolicy.api.spi.AuditSink;
import java.net.BindException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The proxy's lifecycle and configuration. */
class EgressProxyTest {

  @Test
  void anAuditSinkIsRequired() {
    assertThatThrownBy(() -> EgressProxy.builder().build()).isInstanceOf(PolicyConfigurationException.class)
        .hasMessageContaining("AuditSink.discarding()");
  }

  @Test
  void valuesOutOfRangeAreRefusedAtOnce() {
    EgressProxy.Builder b = EgressProxy.builder();
    assertThatThrownBy(() -> b.port(65536)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> b.port(-1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> b.maxHeaderBytes(100)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> b.maxConnections(0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> b.connectTimeout(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> b.idleTimeout(Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> b.bufferBytes(10)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> b.ioThreads(0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> b.runId("has space")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> b.runId("run\n")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> b.runId("")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> b.runId("_run")).isInstanceOf(IllegalArgumentException.class);
    String runId = dev.hostpolicy.core.token.RunId.generate().value(); // run_ + base64url: the launcher's run ids
    assertThat(b.runId(runId).auditSink(AuditSink.discarding()).build().runId()).isEqualTo(runId);
  }

  @Test
  void startBindsLoopbackOnceAndFailsLoudlyWhenThePortIsTaken() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        EgressProxy p = EgressProxy.builder().auditSink(AuditSink.discarding()).port(taken.getLocalPort()).build()) {
      assertThatThrownBy(p::start).isInstanceOf(BindException.class).hasMessageContaining("127.0.0.1:" + taken.getLocalPort());
      assertThat(p.isRunning()).isFalse();
      assertThatThrownBy(p::start).as("nothing started: a retry binds again").isInstanceOf(BindException.class);
    }
    try (EgressProxy p = EgressProxy.builder().auditSink(AuditSink.discarding()).build()) {
      assertThatThrownBy(p::address).isInstanceOf(IllegalStateException.class);
      assertThat(p.start().getAddress().getHostAddress()).isEqualTo("127.0.0.1");
      assertThat(p.address().getPort()).isPositive();
      assertThat(p.isRunning()).isTrue();
      assertThatThrownBy(p::start).isInstanceOf(IllegalStateException.class);
      p.close();
      p.close();
      assertThat(p.isRunning()).isFalse();
    }
  }

  @Test
  void theExportedEnvironmentCarriesTheTokenButToStringNever() throws Exception {
    Secret token = Secret.fromUtf8("t0k:en/with@odd chars");
    try (EgressProxy p = EgressProxy.builder().auditSink(AuditSink.discarding()).proxyToken(token).runId("run-7").build()) {
      p.start();
      Map<String, String> env = new HashMap<>(Map.of("NO_PROXY", "*", "no_proxy", "*", "ALL_PROXY", "socks5://x", "PATH", "/bin"));
      p.exportTo(env);
      String url = "http://hostpolicy:t0k%3Aen%2Fwith%40odd%20chars@127.0.0.1:" + p.address().getPort();
      assertThat(env).containsEntry("HTTP_PROXY", url).containsEntry("http_proxy", url).containsEntry("HTTPS_PROXY", url)
          .containsEntry("https_proxy", url).containsEntry("ALL_PROXY", url).containsEntry("all_proxy", url)
          .containsEntry("PATH", "/bin").doesNotContainKeys("NO_PROXY", "no_proxy");
      assertThat(p.toString()).doesNotContain("t0k").contains("run-7").contains("auth=true");
      assertThat(p.proxyUrl()).isEqualTo("http://127.0.0.1:" + p.address().getPort());
      assertThat(p.runId()).isEqualTo("run-7");
    }
  }

  @Test
  void aRandomRunIdWhenNoneIsGiven() {
    String a = EgressProxy.builder().auditSink(AuditSink.discarding()).build().runId();
    String b = EgressProxy.builder().auditSink(AuditSink.discarding()).build().runId();
    assertThat(a).matches("run-[0-9a-f]{16}").isNotEqualTo(b);
  }
}
