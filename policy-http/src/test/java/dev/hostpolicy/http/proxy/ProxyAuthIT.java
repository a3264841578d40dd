package dev.hostpolicy.http.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hostpolicy.api.Secret;
import dev.hostpolicy.core.net.EgressPolicy;
import dev.hostpolicy.testkit.fake.InMemoryAuditSink;
import java.net.Authenticator;
import java.net.PasswordAuthentication;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Proxy authentication with a per-run token, with real clients: curl configured only through the
 * environment {@link EgressProxy#exportTo} writes, the JDK HttpClient answering the 407 challenge
 * (RFC 9110 section 11.7.1), and raw Basic / Bearer credentials. The token never reaches the audit
 * log or the origin.
 */
class ProxyAuthIT {
  private final String tokenText = Base64.getUrlEncoder().withoutPadding().encodeToString(random(32));
  private final Secret token = Secret.fromUtf8(tokenText);
  private final String basic = Base64.getEncoder().encodeToString(("hostpolicy:" + tokenText).getBytes(StandardCharsets.UTF_8));
  private TcpOrigin origin;
  private InMemoryAuditSink audit;
  private EgressProxy proxy;

  private static byte[] random(int n) {
    byte[] b = new byte[n];
    new SecureRandom().nextBytes(b);
    return b;
  }

  @BeforeEach
  void start() throws Exception {
    origin = TcpOrigin.start(TcpOrigin::http);
    audit = InMemoryAuditSink.create().forbidding(token).forbidding(basic);
    proxy = EgressProxy.builder().policy(EgressPolicy.builder().allow("127.0.0.1:" + origin.port()))
        .auditSink(audit).proxyToken(token).build();
    proxy.start();
  }

  @AfterEach
  void stop() throws Exception {
    proxy.close();
    origin.close();
    audit.assertNoLeaks();
    for (String head : origin.heads) {
      assertThat(head).doesNotContain(tokenText).doesNotContain(basic).doesNotContainIgnoringCase("proxy-authorization");
    }
  }

  @Test
  void withoutCredentials407WithChallengesForBothSchemes() throws Exception {
    try (RawClient c = RawClient.connect(proxy.address())) {
      c.send("CONNECT " + origin.hostPort() + " HTTP/1.1\r\nHost: x\r\n\r\n");
      RawClient.Response r = c.read();
      assertThat(r.status()).isEqualTo(407);
      assertThat(r.all("Proxy-Authenticate")).containsExactly("Basic realm=\"hostpolicy-egress\", charset=\"UTF-8\"",
          "Bearer realm=\"hostpolicy-egress\"");
      assertThat(r.header("X-HostPolicy-Deny")).isEqualTo("proxy.auth-required");
      assertThat(c.closedByPeer()).isTrue();
    }
    assertThat(origin.connections()).isZero();
    assertThat(audit.events("egress.denied").get(0).fields()).containsEntry("reason", "proxy.auth-required");
  }

  @Test
  void wrongCredentialsAre407Invalid() throws Exception {
    String wrongBasic = Base64.getEncoder().encodeToString("hostpolicy:nope".getBytes(StandardCharsets.UTF_8));
    String noColon = Base64.getEncoder().encodeToString(tokenText.getBytes(StandardCharsets.UTF_8));
    for (String auth : new String[] {"Basic " + wrongBasic, "Bearer nope", "Basic !!!", "Basic " + noColon,
        "Digest username=\"x\"", "Bearer " + tokenText + "x", "Bearer"}) {
      try (RawClient c = RawClient.connect(proxy.address())) {
        c.send("CONNECT " + origin.hostPort() + " HTTP/1.1\r\nHost: x\r\nProxy-Authorization: " + auth + "\r\n\r\n");
        RawClient.Response r = c.read();
        assertThat(r.status()).as(auth).isEqualTo(407);
        assertThat(r.header("X-HostPolicy-Deny")).as(auth).isEqualTo("proxy.auth-invalid");
      }
    }
    assertThat(origin.connections()).isZero();
  }

  @Test
  void basicAndBearerWithTheTokenPass() throws Exception {
    for (String auth : new String[] {"Basic " + basic, "basic " + basic, "Bearer " + tokenText}) {
      try (RawClient c = RawClient.connect(proxy.address())) {
        c.send("CONNECT " + origin.hostPort() + " HTTP/1.1\r\nHost: x\r\nProxy-Authorization: " + auth + "\r\n\r\n");
        assertThat(c.read(true).status()).as(auth).isEqualTo(200);
      }
    }
  }

  @Test
  void curlConfiguredOnlyByTheExportedEnvironmentGetsThrough() throws Exception {
    Map<String, String> env = new HashMap<>();
    env.put("NO_PROXY", "*");
    proxy.exportTo(env);
    assertThat(env).doesNotContainKey("NO_PROXY").containsKeys("HTTP_PROXY", "http_proxy", "HTTPS_PROXY", "https_proxy");
    Exec plain = Exec.run(env, "curl", "-sS", "--max-time", "30", "http://" + origin.hostPort() + "/env");
    assertThat(plain.exit()).as(plain.err()).isZero();
    assertThat(plain.out()).isEqualTo("ok /env 0");
    Exec tunnel = Exec.run(env, "curl", "-sS", "--max-time", "30", "-p", "http://" + origin.hostPort() + "/env-tunnel");
    assertThat(tunnel.exit()).as(tunnel.err()).isZero();
    assertThat(tunnel.out()).isEqualTo("ok /env-tunnel 0");
    Exec without = Exec.curl("-o", "/dev/null", "-w", "%{http_code}", "-x", proxy.proxyUrl(), "http://" + origin.hostPort() + "/");
    assertThat(without.out()).isEqualTo("407");
  }

  @Test
  void theJdkHttpClientAnswersTheChallenge() throws Exception {
    HttpClient client = HttpClient.newBuilder()
        .proxy(ProxySelector.of(proxy.address()))
        .authenticator(new Authenticator() {
          @Override
          protected PasswordAuthentication getPasswordAuthentication() {
            return getRequestorType() == RequestorType.PROXY ? new PasswordAuthentication("hostpolicy", tokenText.toCharArray()) : null;
          }
        })
        .connectTimeout(Duration.ofSeconds(10))
        .build();
    HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create("http://" + origin.hostPort() + "/jdk")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).isEqualTo("ok /jdk 0");
  }
}
