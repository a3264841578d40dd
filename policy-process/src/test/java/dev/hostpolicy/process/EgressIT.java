package dev.hostpolicy.process;

import static dev.hostpolicy.process.Launchers.spec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hostpolicy.api.PolicyViolationException;
import dev.hostpolicy.api.spi.AuditEvent;
import dev.hostpolicy.testkit.fake.InMemoryAuditSink;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Egress enforced with curl as the child: it reaches an allowlisted loopback origin through the
 * per-run proxy and gets 403 from the proxy everywhere else; a proxy that cannot listen means no child.
 */
class EgressIT {
  @TempDir Path ws;
  final InMemoryAuditSink audit = InMemoryAuditSink.create();
  TestOrigin allowed;
  TestOrigin other;

  @BeforeEach
  void origins() throws Exception {
    allowed = TestOrigin.start("127.0.0.1");
    other = TestOrigin.start("127.0.0.2");
  }

  @AfterEach
  void close() throws Exception {
    allowed.close();
    other.close();
    audit.assertNoLeaks();
  }

  private RunResult curl(Egress egress, String url, CapturedOutput out, CapturedOutput err) throws Exception {
    return Launchers.launcher(audit).run(spec(ws, "curl", "-sS", "--max-time", "20", "-o", "/dev/null", "-w", "%{http_code}", url)
        .parentEnvironment(Map.of("PATH", "/usr/bin:/bin", "HOME", "/tmp", "NO_PROXY", "*", "no_proxy", "*",
            "HTTP_PROXY", "http://127.0.0.1:9/", "ALL_PROXY", "socks5://127.0.0.1:9"))
        .egress(egress).stdout(ChildOutput.to(out)).stderr(ChildOutput.to(err)).build());
  }

  @Test
  void curlReachesTheAllowlistedOriginAndIsDeniedElsewhere() throws Exception {
    Egress egress = Egress.allow(List.of(allowed.hostPort()));
    CapturedOutput out = CapturedOutput.upTo(100);
    CapturedOutput err = CapturedOutput.upTo(4096);
    RunResult ok = curl(egress, "http://" + allowed.hostPort() + "/hello", out, err);
    assertThat(out.text()).as(err.text()).isEqualTo("200");
    assertThat(ok.exitCode()).isZero();
    assertThat(allowed.connections()).isEqualTo(1);

    CapturedOutput denied = CapturedOutput.upTo(100);
    curl(egress, "http://" + other.hostPort() + "/", denied, CapturedOutput.upTo(4096));
    assertThat(denied.text()).isEqualTo("403");
    assertThat(other.connections()).isZero();

    assertThat(audit.events("egress.allowed")).singleElement()
        .satisfies(e -> assertThat(e.fields()).containsEntry("target", allowed.hostPort()));
    assertThat(audit.events("egress.denied")).singleElement()
        .satisfies(e -> assertThat(e.fields()).containsEntry("target", other.hostPort()).containsEntry("reason", "egress.not-allowed"));
    // the proxy's decisions carry the run id of the launch
    AuditEvent start = audit.events("run.start").get(0);
    assertThat(audit.events("egress.allowed").get(0).fields().get("run")).isEqualTo(start.fields().get("run"));
    assertThat(start.fields()).containsEntry("egress", "enforced").containsKey("proxyPort");
  }

  @Test
  void noAllowlistMeansNoEgressAtAll() throws Exception {
    CapturedOutput out = CapturedOutput.upTo(100);
    curl(Egress.denyAll(), "http://" + allowed.hostPort() + "/", out, CapturedOutput.upTo(4096));
    assertThat(out.text()).isEqualTo("403");
    assertThat(allowed.connections()).isZero();
    CapturedOutput tunnel = CapturedOutput.upTo(100);
    Launchers.launcher(audit).run(spec(ws, "curl", "-sS", "-p", "--max-time", "20", "-o", "/dev/null", "-w", "%{http_connect}",
        "http://" + allowed.hostPort() + "/").egress(Egress.denyAll()).stdout(ChildOutput.to(tunnel)).build());
    assertThat(tunnel.text()).isEqualTo("403");
    assertThat(allowed.connections()).isZero();
  }

  @Test
  void theChildSeesTheProxyVariablesAndNoBypass() throws Exception {
    CapturedOutput env = CapturedOutput.upTo(1 << 16);
    RunningChild child = Launchers.launcher(audit).start(spec(ws, "env").parentEnvironment(Map.of("PATH", "/usr/bin:/bin",
        "NO_PROXY", "*", "no_proxy", "localhost", "ALL_PROXY", "socks5://evil:1080", "https_proxy", "http://evil:3128"))
        .egress(Egress.denyAll()).stdout(ChildOutput.to(env)).build());
    child.await();
    int port = child.egressProxyAddress().orElseThrow().getPort();
    List<String> lines = env.text().lines().toList();
    assertThat(lines).noneMatch(l -> l.toUpperCase().startsWith("NO_PROXY="));
    for (String v : List.of("HTTP_PROXY", "http_proxy", "HTTPS_PROXY", "https_proxy", "ALL_PROXY", "all_proxy")) {
      assertThat(lines).filteredOn(l -> l.startsWith(v + "=")).singleElement().asString()
          .matches(v + "=http://hostpolicy:[A-Za-z0-9_-]{43}@127\\.0\\.0\\.1:" + port);
    }
    String token = lines.stream().filter(l -> l.startsWith("HTTP_PROXY=")).findFirst().orElseThrow()
        .replaceAll(".*hostpolicy:([^@]+)@.*", "$1");
    assertThat(audit.events()).isNotEmpty().allSatisfy(e -> assertThat(e.fields().values().toString()).doesNotContain(token));
  }

  @Test
  void aProxyThatCannotListenMeansTheChildNeverRuns() throws Exception {
    try (ServerSocket taken = new ServerSocket()) {
      taken.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
      Path marker = ws.resolve("ran");
      assertThatThrownBy(() -> Launchers.launcher(audit).start(spec(ws, "touch", marker.toString())
          .egress(Egress.denyAll().proxyPort(taken.getLocalPort())).build()))
          .isInstanceOfSatisfying(PolicyViolationException.class, e -> assertThat(e.reason()).isEqualTo("run.egress-unavailable"));
      assertThat(marker).doesNotExist();
      assertThat(audit.events("run.start")).isEmpty();
      assertThat(audit.events("run.denied")).singleElement()
          .satisfies(e -> assertThat(e.fields()).containsEntry("reason", "run.egress-unavailable").containsEntry("program", "touch"));
    }
  }
}
