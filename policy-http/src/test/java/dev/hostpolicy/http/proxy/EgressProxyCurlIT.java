package dev.hostpolicy.http.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hostpolicy.core.net.EgressPolicy;
import dev.hostpolicy.testkit.fake.InMemoryAuditSink;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The proxy with curl as the client: {@code curl -x} (absolute-form HTTP) and {@code curl -p -x} (CONNECT). */
class EgressProxyCurlIT {
  private TcpOrigin origin;
  private TcpOrigin other;
  private InMemoryAuditSink audit;
  private EgressProxy proxy;
  private String proxyUrl;

  @BeforeEach
  void start() throws Exception {
    origin = TcpOrigin.start(TcpOrigin::http);
    other = TcpOrigin.start(java.net.InetAddress.getByAddress(new byte[] {127, 0, 0, 2}), TcpOrigin::http);
    audit = InMemoryAuditSink.create();
    proxy = EgressProxy.builder()
        .policy(EgressPolicy.builder().allow("127.0.0.1:" + origin.port(), "localhost:" + origin.port()))
        .auditSink(audit)
        .runId("run-curl")
        .build();
    proxy.start();
    proxyUrl = proxy.proxyUrl();
  }

  @AfterEach
  void stop() throws Exception {
    proxy.close();
    origin.close();
    other.close();
    audit.assertNoLeaks();
  }

  @Test
  void plainHttpIsForwardedInOriginFormWithoutProxyHeaders() throws Exception {
    Exec r = Exec.curl("-D", "-", "-x", proxyUrl, "-H", "Proxy-Secret-Thing: x", "http://" + origin.hostPort() + "/hello?q=1");
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out()).startsWith("HTTP/1.1 200").endsWith("ok /hello?q=1 0").contains("X-Origin: yes");
    assertThat(r.out().toLowerCase()).doesNotContain("x-hostpolicy-deny");
    assertThat(origin.heads).hasSize(1);
    String head = origin.heads.get(0);
    assertThat(head).startsWith("GET /hello?q=1 HTTP/1.1\r\n").contains("\r\nHost: 127.0.0.1:" + origin.port() + "\r\n");
    assertThat(head.toLowerCase()).doesNotContain("proxy-");
    assertThat(audit.events("egress.allowed")).hasSize(1);
    assertThat(audit.events("egress.allowed").get(0).fields()).containsEntry("target", origin.hostPort())
        .containsEntry("run", "run-curl").containsEntry("method", "GET");
  }

  @Test
  void connectTunnelsToTheOrigin() throws Exception {
    Exec r = Exec.curl("-D", "-", "-p", "-x", proxyUrl, "http://" + origin.hostPort() + "/tunnelled");
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out()).contains("HTTP/1.1 200 Connection Established").endsWith("ok /tunnelled 0");
    assertThat(audit.events("egress.allowed").get(0).fields()).containsEntry("method", "CONNECT");
  }

  @Test
  void deniedTargetsGet403WithTheReason() throws Exception {
    Exec r = Exec.curl("-D", "-", "-o", "/dev/null", "-x", proxyUrl, "http://127.0.0.2:" + other.port() + "/");
    assertThat(r.out()).startsWith("HTTP/1.1 403").contains("X-HostPolicy-Deny: egress.not-allowed");
    Exec c = Exec.curl("-p", "-x", proxyUrl, "-w", "%{http_connect}", "-o", "/dev/null", "http://127.0.0.2:" + other.port() + "/");
    assertThat(c.exit()).isNotZero();
    assertThat(c.out()).isEqualTo("403");
    assertThat(other.connections()).isZero();
    assertThat(audit.events("egress.denied")).hasSize(2).allSatisfy(e -> assertThat(e.fields())
        .containsEntry("reason", "egress.not-allowed").containsEntry("target", "127.0.0.2:" + other.port()));
  }

  @Test
  void localhostAllowedByNameButResolvingToLoopbackIsDenied() throws Exception {
    Exec r = Exec.curl("-D", "-", "-o", "/dev/null", "-x", proxyUrl, "http://localhost:" + origin.port() + "/");
    assertThat(r.out()).startsWith("HTTP/1.1 403").contains("X-HostPolicy-Deny: egress.private-address");
    assertThat(origin.connections()).isZero();
  }
}
