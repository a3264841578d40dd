package dev.hostpolicy.http.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.hostpolicy.core.net.EgressPolicy;
import dev.hostpolicy.testkit.fake.InMemoryAuditSink;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.concurrent.Executors;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The JDK HttpClient (with a {@link ProxySelector}) and curl against a TLS origin through CONNECT and
 * a plain origin through absolute-form requests. The TLS certificate is made by {@code keytool} for
 * this run only; TLS is end to end, the proxy only sees the tunnel.
 */
class RealClientsIT {
  @TempDir static Path dir;
  private static HttpsServer tls;
  private static TcpOrigin plain;
  private static SSLContext clientTls;
  private static Path pem;
  private static InMemoryAuditSink audit;
  private static EgressProxy proxy;

  @BeforeAll
  static void start() throws Exception {
    Path ks = dir.resolve("origin.p12");
    pem = dir.resolve("origin.pem");
    String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
    Exec gen = Exec.run(keytool, "-genkeypair", "-alias", "origin", "-keyalg", "EC", "-groupname", "secp256r1",
        "-dname", "CN=localhost", "-ext", "san=ip:127.0.0.1,dns:localhost", "-validity", "2", "-keystore", ks.toString(),
        "-storetype", "PKCS12", "-storepass", "changeit", "-keypass", "changeit");
    assertThat(gen.exit()).as(gen.err()).isZero();
    Exec export = Exec.run(keytool, "-exportcert", "-rfc", "-alias", "origin", "-keystore", ks.toString(),
        "-storepass", "changeit", "-file", pem.toString());
    assertThat(export.exit()).as(export.err()).isZero();

    KeyStore keys = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(ks)) {
      keys.load(in, "changeit".toCharArray());
    }
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(keys, "changeit".toCharArray());
    SSLContext serverTls = SSLContext.getInstance("TLS");
    serverTls.init(kmf.getKeyManagers(), null, null);
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    trust.setCertificateEntry("origin", keys.getCertificate("origin"));
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    clientTls = SSLContext.getInstance("TLS");
    clientTls.init(null, tmf.getTrustManagers(), null);

    tls = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
    tls.setHttpsConfigurator(new HttpsConfigurator(serverTls));
    tls.setExecutor(Executors.newCachedThreadPool());
    tls.createContext("/", exchange -> {
      byte[] body = ("tls ok " + exchange.getRequestURI()).getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(200, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    tls.start();
    plain = TcpOrigin.start(TcpOrigin::http);
    audit = InMemoryAuditSink.create();
    proxy = EgressProxy.builder()
        .policy(EgressPolicy.builder().allow("127.0.0.1:" + tls.getAddress().getPort(), "127.0.0.1:" + plain.port()))
        .auditSink(audit).build();
    proxy.start();
  }

  @AfterAll
  static void stop() throws IOException {
    proxy.close();
    tls.stop(0);
    plain.close();
  }

  private static HttpClient client() {
    return HttpClient.newBuilder().proxy(ProxySelector.of(proxy.address())).sslContext(clientTls)
        .connectTimeout(Duration.ofSeconds(10)).build();
  }

  @Test
  void jdkHttpClientReachesTheTlsOriginThroughConnect() throws Exception {
    String url = "https://127.0.0.1:" + tls.getAddress().getPort() + "/secure?x=1";
    HttpResponse<String> r = client().send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).isEqualTo("tls ok /secure?x=1");
    assertThat(audit.events("egress.allowed")).anySatisfy(e -> assertThat(e.fields())
        .containsEntry("method", "CONNECT").containsEntry("target", "127.0.0.1:" + tls.getAddress().getPort()));
  }

  @Test
  void jdkHttpClientSendsPlainRequestsInAbsoluteFormWithFixedAndChunkedBodies() throws Exception {
    HttpClient c = client();
    String base = "http://" + plain.hostPort();
    HttpResponse<String> get = c.send(HttpRequest.newBuilder(URI.create(base + "/get")).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(get.body()).isEqualTo("ok /get 0");
    assertThat(get.headers().firstValue("X-HostPolicy-Deny")).isEmpty();
    HttpResponse<String> post = c.send(HttpRequest.newBuilder(URI.create(base + "/post"))
        .POST(HttpRequest.BodyPublishers.ofString("twelve bytes")).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(post.body()).isEqualTo("ok /post 12");
    byte[] big = new byte[300_000];
    HttpResponse<String> chunked = c.send(HttpRequest.newBuilder(URI.create(base + "/chunked"))
        .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big))).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(chunked.body()).isEqualTo("ok /chunked 300000");
    assertThat(plain.heads).anySatisfy(h -> assertThat(h).containsIgnoringCase("Transfer-Encoding: chunked"));
  }

  @Test
  void jdkHttpClientSeesTheDenial() {
    HttpRequest denied = HttpRequest.newBuilder(URI.create("https://127.0.0.1:1/")).build();
    assertThatThrownBy(() -> client().send(denied, HttpResponse.BodyHandlers.ofString()))
        .isInstanceOf(IOException.class).hasMessageContaining("403");
  }

  @Test
  void curlReachesTheTlsOriginThroughConnect() throws Exception {
    Exec r = Exec.curl("--cacert", pem.toString(), "-x", proxy.proxyUrl(),
        "https://127.0.0.1:" + tls.getAddress().getPort() + "/via-curl");
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out()).isEqualTo("tls ok /via-curl");
  }
}
