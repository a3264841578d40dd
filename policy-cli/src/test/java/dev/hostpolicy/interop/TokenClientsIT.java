package dev.hostpolicy.interop;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.hostpolicy.api.Decision;
import dev.hostpolicy.api.Secret;
import dev.hostpolicy.core.token.BearerAuthenticator;
import dev.hostpolicy.core.token.RequestTransport;
import dev.hostpolicy.core.token.SessionCookie;
import dev.hostpolicy.core.token.TokenFormat;
import dev.hostpolicy.core.token.TokenMint;
import java.io.IOException;
import java.net.CookieManager;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real clients against a loopback JDK HTTP server guarded by {@link BearerAuthenticator} and
 * {@link SessionCookie}: curl and {@link HttpClient} are the oracles for what a well-behaved client
 * sends, and their cookie engines for whether our Set-Cookie is understood.
 */
class TokenClientsIT {
  private final Secret token = TokenMint.mintPrefixed("hp");
  private final String text = token.revealUtf8();
  private final BearerAuthenticator auth = BearerAuthenticator.of(token, TokenFormat.prefixed("hp"));
  private final SessionCookie session = SessionCookie.forToken(token);
  private HttpServer server;
  private String base;

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::handle);
    server.start();
    base = "http://127.0.0.1:" + server.getAddress().getPort();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private void handle(HttpExchange exchange) throws IOException {
    String target = exchange.getRequestURI().getRawPath()
        + (exchange.getRequestURI().getRawQuery() == null ? "" : "?" + exchange.getRequestURI().getRawQuery());
    List<String> authorization = exchange.getRequestHeaders().getOrDefault("Authorization", List.of());
    Decision d;
    if (exchange.getRequestURI().getPath().equals("/session")) {
      d = session.check(exchange.getRequestHeaders().getOrDefault("Cookie", List.of()));
    } else {
      d = auth.check(authorization, target);
      if (d.allowed() && exchange.getRequestURI().getPath().equals("/login")) {
        exchange.getResponseHeaders().add("Set-Cookie", session.setCookieHeader(RequestTransport.direct(false), Duration.ofHours(1)));
      }
    }
    byte[] body = d.reason().getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(d.allowed() ? 200 : 401, body.length);
    exchange.getResponseBody().write(body);
    exchange.close();
  }

  private String curl(String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of("curl", "-s", "--max-time", "20"));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
    return out;
  }

  @Test
  void curlsWaysOfSendingABearerTokenAreAccepted() throws Exception {
    assertThat(curl("-H", "Authorization: Bearer " + text, base + "/api")).isEqualTo("allowed");
    assertThat(curl("--oauth2-bearer", text, base + "/api")).isEqualTo("allowed");
    assertThat(curl("-H", "authorization: bearer " + text, base + "/api")).isEqualTo("allowed");
    assertThat(curl("-H", "AUTHORIZATION: BEARER " + text, base + "/api")).isEqualTo("allowed");
  }

  @Test
  void whatCurlSendsForBrokenCredentialsIsRefused() throws Exception {
    assertThat(curl(base + "/api")).isEqualTo("auth.missing");
    assertThat(curl("-H", "Authorization: Bearer " + text, "-H", "Authorization: Bearer " + text, base + "/api"))
        .isEqualTo("auth.multiple-headers");
    assertThat(curl("-u", "user:" + text, base + "/api")).isEqualTo("auth.unsupported-scheme");
    assertThat(curl("-H", "Authorization: Bearer  " + text, base + "/api")).isEqualTo("auth.malformed");
    assertThat(curl("-H", "Authorization: Bearer " + text.substring(0, text.length() - 1), base + "/api")).isEqualTo("token.malformed");
    String corrupted = text.substring(0, 10) + (text.charAt(10) == 'A' ? 'B' : 'A') + text.substring(11);
    assertThat(curl("-H", "Authorization: Bearer " + corrupted, base + "/api")).isEqualTo("token.checksum-mismatch");
    assertThat(curl("-H", "Authorization: Bearer " + TokenMint.mintPrefixed("hp").revealUtf8(), base + "/api")).isEqualTo("auth.invalid-token");
  }

  @Test
  void aTokenInTheUrlIsRefusedHoweverCurlSendsIt() throws Exception {
    String header = "Authorization: Bearer " + text;
    assertThat(curl("-H", header, base + "/api?access_token=" + text)).isEqualTo("token.in-url");
    assertThat(curl("-H", header, base + "/api?Token=x")).isEqualTo("token.in-url");
    assertThat(curl("-H", header, "-G", "--data-urlencode", "q=" + text, base + "/api")).isEqualTo("token.in-url");
    assertThat(curl("-H", header, base + "/api/" + text.replace("_", "%5F"))).isEqualTo("token.in-url");
  }

  @Test
  void curlsCookieEngineStoresOurCookieAndSendsItBack(@TempDir Path dir) throws Exception {
    Path jar = dir.resolve("jar.txt");
    assertThat(curl("-c", jar.toString(), "-H", "Authorization: Bearer " + text, base + "/login")).isEqualTo("allowed");
    String stored = Files.readString(jar);
    assertThat(stored).contains("#HttpOnly_127.0.0.1").contains("hostpolicy_session\t" + session.value());
    assertThat(stored).doesNotContain(text);
    assertThat(curl("-b", jar.toString(), base + "/session")).isEqualTo("allowed");
    assertThat(curl("-b", "hostpolicy_session=" + SessionCookie.valueFor(TokenMint.mint()), base + "/session")).isEqualTo("auth.invalid-cookie");
    assertThat(curl(base + "/session")).isEqualTo("auth.missing");
  }

  @Test
  void theJdkHttpClientWithACookieManagerLogsIn() throws Exception {
    HttpClient client = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
    HttpResponse<String> login = client.send(
        HttpRequest.newBuilder(URI.create(base + "/login")).header("Authorization", "Bearer " + text).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(login.body()).isEqualTo("allowed");
    assertThat(login.headers().firstValue("Set-Cookie")).hasValueSatisfying(v -> assertThat(v).contains("HttpOnly").contains("SameSite=Strict"));
    HttpResponse<String> later = client.send(HttpRequest.newBuilder(URI.create(base + "/session")).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(later.body()).isEqualTo("allowed");
  }
}
