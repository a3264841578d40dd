package dev.hostpolicy.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hostpolicy.api.spi.AuditEvent;
import dev.hostpolicy.core.token.CorrelationId;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Every row of every guard over real HTTP, for one adapter. Subclasses start their server with the
 * {@link TestHost}'s chain in front of an application that answers {@code /api/echo} with
 * {@link TestHost#appJson} and {@code /dashboard} with a page, both with {@code X-App: yes}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class GuardedServerContract {

  /** A running server. */
  public interface Running extends AutoCloseable {
    int port();

    @Override
    void close() throws Exception;
  }

  protected final TestHost host = new TestHost();
  private Running server;
  protected int port;

  protected abstract Running start(Function<InetSocketAddress, HttpGuards> guards) throws Exception;

  @BeforeAll
  void startServer() throws Exception {
    server = start(host::guards);
    port = server.port();
  }

  @AfterAll
  void stopServer() throws Exception {
    server.close();
  }

  @BeforeEach
  void reset() {
    host.reset();
  }

  @AfterEach
  void noLeaks() {
    host.audit.assertNoLeaks();
  }

  private RawHttp.Response send(RawHttp r) throws Exception {
    return r.send(port);
  }

  private static String error(RawHttp.Response r) {
    Matcher m = Pattern.compile("\"error\":\"([^\"]+)\"").matcher(r.text());
    return m.find() ? m.group(1) : "<none: " + r.text() + ">";
  }

  private static void assertSecurityHeaders(RawHttp.Response r) {
    assertThat(r.header("Content-Security-Policy")).get().asString().contains("default-src 'none'").contains("frame-ancestors 'none'");
    assertThat(r.header("X-Content-Type-Options")).contains("nosniff");
    assertThat(r.header("X-Frame-Options")).contains("DENY");
    assertThat(r.header("Referrer-Policy")).contains("same-origin");
    assertThat(r.header("Cache-Control")).contains("no-store");
    assertThat(r.header("Strict-Transport-Security")).isEmpty();
    assertThat(r.headers("x-correlation-id")).hasSize(1).allMatch(CorrelationId::isValid);
  }

  // --- Host and Origin -------------------------------------------------------------------------

  @Test
  void aForeignHostIsRefusedEvenWithTheToken() throws Exception {
    for (String h : List.of("evil.example:" + port, "evil.example", "localhost:" + (port == 65535 ? 1 : port + 1), "127.0.0.1.nip.io:" + port)) {
      RawHttp.Response r = send(RawHttp.request("GET", "/api/echo").header("Host", h).bearer(host.tokenText()));
      assertThat(r.status()).as(h).isEqualTo(403);
      assertThat(error(r)).isEqualTo("host-header.mismatch");
      assertSecurityHeaders(r);
      assertThat(r.header("X-App")).isEmpty();
    }
    assertThat(host.audit.events(HostOriginGuard.EVENT)).hasSize(4)
        .allSatisfy(e -> assertThat(e.fields()).containsEntry("reason", "host-header.mismatch"));
  }

  @Test
  void everyLoopbackNameOfThisPortIsAccepted() throws Exception {
    for (String h : List.of("127.0.0.1:" + port, "localhost:" + port, "LOCALHOST:" + port, "[::1]:" + port)) {
      RawHttp.Response r = send(RawHttp.request("GET", "/api/echo").header("Host", h).bearer(host.tokenText()));
      assertThat(r.status()).as(h).isEqualTo(200);
    }
  }

  @Test
  void aCrossOriginPostIsRefusedAndASameOriginOneIsNot() throws Exception {
    RawHttp.Response evil = send(RawHttp.request("POST", "/api/echo").header("Origin", "http://evil.example")
        .bearer(host.tokenText()).json("{}"));
    assertThat(evil.status()).isEqualTo(403);
    assertThat(error(evil)).isEqualTo("origin.mismatch");
    RawHttp.Response nul = send(RawHttp.request("POST", "/api/echo").header("Origin", "null").bearer(host.tokenText()).json("{}"));
    assertThat(nul.status()).isEqualTo(403);
    RawHttp.Response otherPort = send(RawHttp.request("POST", "/api/echo").header("Origin", "http://127.0.0.1:" + (port == 65535 ? 1 : port + 1))
        .bearer(host.tokenText()).json("{}"));
    assertThat(otherPort.status()).isEqualTo(403);
    RawHttp.Response same = send(RawHttp.request("POST", "/api/echo").header("Origin", "http://127.0.0.1:" + port)
        .bearer(host.tokenText()).json("{}"));
    assertThat(same.status()).isEqualTo(200);
    assertThat(same.text()).contains("\"bodyBytes\":2");
    RawHttp.Response crossGet = send(RawHttp.request("GET", "/api/echo").header("Origin", "http://evil.example").bearer(host.tokenText()));
    assertThat(crossGet.status()).as("safe methods are not origin-checked").isEqualTo(200);
  }

  @Test
  void aCrossOriginLoginIsRefusedBeforeTheTokenIsLookedAt() throws Exception {
    RawHttp.Response r = send(RawHttp.request("POST", "/login").header("Origin", "https://evil.example")
        .form("token=" + host.tokenText()));
    assertThat(r.status()).isEqualTo(403);
    assertThat(r.header("Set-Cookie")).isEmpty();
    assertThat(host.audit.events(BrowserSessionGuard.LOGIN_SUCCESS)).isEmpty();
  }

  // --- Tokens in URLs --------------------------------------------------------------------------

  @Test
  void aTokenInTheUrlIsRefusedEvenWhenItIsRight() throws Exception {
    String t = host.tokenText();
    for (String target : List.of("/api/echo?token=" + t, "/api/echo?access_token=x", "/api/echo?q=" + t, "/api/" + t,
        "/login?TOKEN=abc", "/hooks/" + host.github + "?token=1", "/events/note?access_token=" + t)) {
      RawHttp.Response r = send(RawHttp.request("GET", target).bearer(t));
      assertThat(r.status()).as(target).isEqualTo(400);
      assertThat(error(r)).isEqualTo("token.in-url");
      assertSecurityHeaders(r);
    }
    assertThat(host.audit.events(HostOriginGuard.EVENT)).allSatisfy(e -> assertThat(e.fields()).containsEntry("reason", "token.in-url"));
  }

  @Test
  void ambiguousPathsAreRefused() throws Exception {
    for (String target : List.of("/api/%2e%2e/dashboard", "/api/echo%2f..", "/api/./echo", "/api/echo/%2E%2e/x")) {
      RawHttp.Response r = send(RawHttp.request("GET", target).bearer(host.tokenText()));
      assertThat(r.status()).as(target).isEqualTo(400);
      assertThat(r.header("X-App")).isEmpty();
    }
    // the JDK server reads "//api/echo" as authority "api" and path "/echo"; either way it never
    // reaches /api/echo unjudged
    RawHttp.Response r = send(RawHttp.request("GET", "//api/echo"));
    assertThat(r.status()).isIn(400, 401, 303);
  }

  // --- Bearer authentication -------------------------------------------------------------------

  @Test
  void theApiNeedsTheBearerToken() throws Exception {
    RawHttp.Response missing = send(RawHttp.request("GET", "/api/echo"));
    assertThat(missing.status()).isEqualTo(401);
    assertThat(missing.header("WWW-Authenticate")).contains("Bearer");
    assertThat(error(missing)).isEqualTo("auth.missing");
    assertSecurityHeaders(missing);

    RawHttp.Response wrong = send(RawHttp.request("GET", "/api/echo").bearer(TestHost.WRONG_TOKEN));
    assertThat(wrong.status()).isEqualTo(401);
    assertThat(wrong.header("WWW-Authenticate")).contains("Bearer error=\"invalid_token\"");
    assertThat(error(wrong)).isEqualTo("auth.invalid-token");

    RawHttp.Response basic = send(RawHttp.request("GET", "/api/echo").header("Authorization", "Basic dXNlcjpwYXNz"));
    assertThat(basic.status()).isEqualTo(401);
    assertThat(basic.header("WWW-Authenticate")).contains("Bearer error=\"invalid_request\"");

    RawHttp.Response twice = send(RawHttp.request("GET", "/api/echo").bearer(host.tokenText()).bearer(host.tokenText()));
    assertThat(twice.status()).isEqualTo(401);
    assertThat(error(twice)).isEqualTo("auth.multiple-headers");

    RawHttp.Response right = send(RawHttp.request("GET", "/api/echo").bearer(host.tokenText()));
    assertThat(right.status()).isEqualTo(200);
    assertThat(right.header("X-App")).contains("yes");
    assertThat(right.text()).contains("\"auth\":\"api-token\"");
    assertSecurityHeaders(right);
    String cid = right.header("x-correlation-id").orElseThrow();
    assertThat(right.text()).contains("\"cid\":\"" + cid + "\"");
    String nonce = right.header("Content-Security-Policy").orElseThrow().replaceAll(".*'nonce-([^']+)'.*", "$1");
    assertThat(right.text()).contains("\"nonce\":\"" + nonce + "\"");
    assertThat(host.audit.events(HostOriginGuard.EVENT)).extracting(e -> e.fields().get("reason"))
        .containsExactly("auth.missing", "auth.invalid-token", "auth.unsupported-scheme", "auth.multiple-headers");
  }

  @Test
  void aPublicPathNeedsNoToken() throws Exception {
    RawHttp.Response r = send(RawHttp.request("GET", "/healthz"));
    assertThat(r.header("X-App")).contains("yes");
    assertThat(r.text()).contains("\"auth\":\"open\"");
    assertSecurityHeaders(r);
  }

  @Test
  void aWellFormedCorrelationIdIsKeptAndAnythingElseIsReplaced() throws Exception {
    CorrelationId mine = CorrelationId.generate();
    RawHttp.Response kept = send(RawHttp.request("GET", "/api/echo").bearer(host.tokenText()).header("X-Correlation-Id", mine.value()));
    assertThat(kept.headers("x-correlation-id")).containsExactly(mine.value());
    assertThat(kept.text()).contains(mine.value());
    for (String bad : List.of("cid_short", "cid_AAAAAAAAAAAAAAAA\"}", "<script>", mine.value() + "x")) {
      RawHttp.Response r = send(RawHttp.request("GET", "/api/echo").bearer(host.tokenText()).header("X-Correlation-Id", bad));
      assertThat(r.headers("x-correlation-id")).hasSize(1).noneMatch(bad::equals).allMatch(CorrelationId::isValid);
    }
    RawHttp.Response denied = send(RawHttp.request("GET", "/api/echo").header("X-Correlation-Id", mine.value()));
    assertThat(denied.headers("x-correlation-id")).containsExactly(mine.value());
    assertThat(denied.text()).contains(mine.value());
    assertThat(host.audit.events(HostOriginGuard.EVENT)).extracting(e -> e.correlationId().orElseThrow()).containsExactly(mine.value());
  }

  // --- Browser session -------------------------------------------------------------------------

  @Test
  void aPageWithoutASessionRedirectsToTheLoginPage() throws Exception {
    RawHttp.Response r = send(RawHttp.request("GET", "/dashboard?tab=runs"));
    assertThat(r.status()).isEqualTo(303);
    assertThat(r.header("Location")).contains("/login?next=%2Fdashboard%3Ftab%3Druns");
    assertSecurityHeaders(r);
    RawHttp.Response post = send(RawHttp.request("POST", "/dashboard").form("a=b"));
    assertThat(post.status()).isEqualTo(401);
    RawHttp.Response forged = send(RawHttp.request("GET", "/dashboard").header("Cookie", "hostpolicy_session=" + "A".repeat(43)));
    assertThat(forged.status()).isEqualTo(303);
  }

  @Test
  void theLoginPageHasNoScriptAStrictCspAndEscapedValues() throws Exception {
    String hostile = "/x\"><script>alert(1)</script>";
    RawHttp.Response r = send(RawHttp.request("GET", "/login?next=" + java.net.URLEncoder.encode(hostile, StandardCharsets.UTF_8)));
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.header("Content-Type")).get().asString().startsWith("text/html");
    assertSecurityHeaders(r);
    String csp = r.header("Content-Security-Policy").orElseThrow();
    assertThat(csp).contains("script-src 'self' 'nonce-").doesNotContain("unsafe-inline");
    Document page = Jsoup.parse(r.text());
    assertThat(page.select("script")).isEmpty();
    assertThat(page.getAllElements()).allSatisfy(el -> assertThat(el.attributes().asList())
        .noneMatch(a -> a.getKey().toLowerCase(java.util.Locale.ROOT).startsWith("on")));
    String nonce = page.selectFirst("style").attr("nonce");
    assertThat(csp).contains("style-src 'self' 'nonce-" + nonce + "'");
    assertThat(page.title()).isEqualTo(TestHost.TITLE + " - sign in");
    assertThat(page.selectFirst("h1").text()).isEqualTo(TestHost.TITLE);
    assertThat(page.selectFirst("input[name=next]").attr("value")).isEqualTo("/");
    assertThat(page.selectFirst("form").attr("method")).isEqualTo("post");

    RawHttp.Response kept = send(RawHttp.request("GET", "/login?next=%2Fdashboard%3Ftab%3D%27a%27%26x%3D1"));
    assertThat(Jsoup.parse(kept.text()).selectFirst("input[name=next]").attr("value")).isEqualTo("/dashboard?tab='a'&x=1");
    assertThat(kept.text()).contains("value=\"/dashboard?tab=&#39;a&#39;&amp;x=1\"");
  }

  @Test
  void loginSetsAStrictCookieThatOpensPagesAndTheApi() throws Exception {
    RawHttp.Response r = send(RawHttp.request("POST", "/login").header("Origin", "http://127.0.0.1:" + port)
        .form("token=" + host.tokenText() + "&next=%2Fdashboard"));
    assertThat(r.status()).isEqualTo(303);
    assertThat(r.header("Location")).contains("/dashboard");
    String setCookie = r.header("Set-Cookie").orElseThrow();
    assertThat(setCookie).startsWith("hostpolicy_session=").contains("; HttpOnly").contains("; SameSite=Strict").contains("; Path=/")
        .doesNotContain("Secure").doesNotContain(host.tokenText());
    assertSecurityHeaders(r);
    String cookie = setCookie.substring(0, setCookie.indexOf(';'));

    RawHttp.Response page = send(RawHttp.request("GET", "/dashboard").header("Cookie", "theme=dark; " + cookie));
    assertThat(page.status()).isEqualTo(200);
    assertThat(page.header("X-App")).contains("yes");
    RawHttp.Response api = send(RawHttp.request("GET", "/api/echo").header("Cookie", cookie));
    assertThat(api.text()).contains("\"auth\":\"browser-session\"");
    RawHttp.Response events = send(RawHttp.request("POST", "/events/note").header("Cookie", cookie).json("{\"value\":\"x\"}"));
    assertThat(events.status()).as("the event endpoint takes the bearer token only").isEqualTo(401);

    List<AuditEvent> ok = host.audit.events(BrowserSessionGuard.LOGIN_SUCCESS);
    assertThat(ok).hasSize(1);
    assertThat(ok.get(0).actor().wireName()).isEqualTo("browser-session");
  }

  @Test
  void behindATrustedHttpsProxyTheCookieIsSecure() throws Exception {
    RawHttp.Response r = send(RawHttp.request("POST", "/login").header("X-Forwarded-Proto", "https")
        .form("token=" + host.tokenText()));
    assertThat(r.header("Set-Cookie")).get().asString().contains("; Secure");
    assertThat(r.header("Strict-Transport-Security")).isPresent();
  }

  @Test
  void aWrongLoginIsRefusedAndAuditedWithoutTheValue() throws Exception {
    RawHttp.Response r = send(RawHttp.request("POST", "/login").form("token=" + TestHost.WRONG_TOKEN + "&next=%2Fdashboard"));
    assertThat(r.status()).isEqualTo(403);
    assertThat(r.header("Set-Cookie")).isEmpty();
    Document page = Jsoup.parse(r.text());
    assertThat(page.selectFirst("#error").text()).isEqualTo(BrowserSessionGuard.WRONG_TOKEN);
    assertThat(page.selectFirst("input[name=next]").attr("value")).isEqualTo("/dashboard");
    assertThat(r.text()).doesNotContain(TestHost.WRONG_TOKEN);
    for (String form : List.of("token=", "next=/", "token=a%20b", "token=" + host.tokenText() + "&token=" + host.tokenText())) {
      host.reset();
      RawHttp.Response bad = send(RawHttp.request("POST", "/login").form(form));
      assertThat(bad.status()).as(form).isEqualTo(403);
    }
    assertThat(host.audit.events(BrowserSessionGuard.LOGIN_FAILURE)).hasSize(1)
        .allSatisfy(e -> assertThat(e.fields()).containsKey("reason"));
    RawHttp.Response json = send(RawHttp.request("POST", "/login").json("{\"token\":\"" + host.tokenText() + "\"}"));
    assertThat(json.status()).isEqualTo(415);
  }

  @Test
  void loginsAreLimitedByTheGlobalBucketWithRetryAfter() throws Exception {
    for (int i = 0; i < 3; i++) {
      assertThat(send(RawHttp.request("POST", "/login").form("token=" + TestHost.WRONG_TOKEN)).status()).isEqualTo(403);
    }
    RawHttp.Response limited = send(RawHttp.request("POST", "/login").form("token=" + host.tokenText()));
    assertThat(limited.status()).isEqualTo(429);
    assertThat(limited.header("Retry-After")).contains("20");
    assertThat(limited.header("Set-Cookie")).isEmpty();
    assertSecurityHeaders(limited);
    host.time.advance(Duration.ofSeconds(19));
    assertThat(send(RawHttp.request("POST", "/login").form("token=" + host.tokenText())).status()).isEqualTo(429);
    host.time.advance(Duration.ofSeconds(1));
    assertThat(send(RawHttp.request("POST", "/login").form("token=" + host.tokenText())).status()).isEqualTo(303);
    assertThat(host.audit.events(BrowserSessionGuard.LOGIN_FAILURE)).extracting(e -> e.fields().get("reason"))
        .containsExactly("auth.invalid-token", "auth.invalid-token", "auth.invalid-token", "ratelimit.exceeded", "ratelimit.exceeded");
  }

  @Test
  void logoutClearsTheCookie() throws Exception {
    RawHttp.Response r = send(RawHttp.request("POST", "/logout").header("Cookie", "hostpolicy_session=x"));
    assertThat(r.status()).isEqualTo(303);
    assertThat(r.header("Location")).contains("/login");
    assertThat(r.header("Set-Cookie")).get().asString().startsWith("hostpolicy_session=;").contains("Max-Age=0").contains("HttpOnly")
        .contains("SameSite=Strict");
    assertThat(host.audit.events(BrowserSessionGuard.LOGOUT)).hasSize(1);
    assertThat(send(RawHttp.request("GET", "/logout")).status()).isEqualTo(405);
    assertThat(send(RawHttp.request("POST", "/logout").header("Origin", "http://evil.example")).status()).isEqualTo(403);
  }

  // --- Webhooks --------------------------------------------------------------------------------

  @Test
  void aSignedDeliveryIsAcceptedWithTheCorrelationIdInBodyAndHeader() throws Exception {
    byte[] body = "{\"ref\":\"main\"}".getBytes(StandardCharsets.UTF_8);
    RawHttp.Response r = send(host.githubDelivery(host.github, body));
    assertThat(r.status()).isEqualTo(202);
    String cid = r.header("x-correlation-id").orElseThrow();
    assertThat(r.text()).isEqualTo("{\"accepted\":true,\"correlationId\":\"" + cid + "\"}");
    assertSecurityHeaders(r);
    assertThat(host.webhooks).hasSize(1);
    assertThat(host.webhooks.get(0).body()).isEqualTo(body);
    assertThat(host.webhooks.get(0).triggerName()).isEqualTo("deploy");
    assertThat(host.webhooks.get(0).correlationId().value()).isEqualTo(cid);
    List<AuditEvent> accepted = host.audit.events(WebhookIngress.ACCEPTED);
    assertThat(accepted).hasSize(1);
    assertThat(accepted.get(0).correlationId()).contains(cid);
    assertThat(accepted.get(0).fields()).containsEntry("trigger", host.github.value()).containsEntry("reason", "allowed");
  }

  @Test
  void signatureRowsOfTheTriggerTable() throws Exception {
    byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
    RawHttp.Response missing = send(RawHttp.request("POST", "/hooks/" + host.github).json("{}"));
    assertThat(missing.status()).isEqualTo(401);
    assertThat(error(missing)).isEqualTo("webhook.signature-missing");
    assertThat(missing.text()).contains(missing.header("x-correlation-id").orElseThrow());
    RawHttp.Response tampered = send(host.githubDelivery(host.github, body).body("{ }"));
    assertThat(error(tampered)).isEqualTo("webhook.signature-mismatch");
    RawHttp.Response malformed = send(RawHttp.request("POST", "/hooks/" + host.github).header("X-Hub-Signature-256", "sha256=zz").json("{}"));
    assertThat(error(malformed)).isEqualTo("webhook.signature-malformed");

    RawHttp.Response optional = send(RawHttp.request("POST", "/hooks/" + host.optional).json("{}"));
    assertThat(optional.status()).isEqualTo(202);
    assertThat(host.webhooks.get(0).decision().reason()).isEqualTo("webhook.unsigned-accepted");
    RawHttp.Response optionalBad = send(RawHttp.request("POST", "/hooks/" + host.optional).header("X-Hub-Signature-256", "sha256=zz").json("{}"));
    assertThat(optionalBad.status()).as("a malformed signature is refused even when unsigned deliveries are accepted").isEqualTo(401);
    assertThat(send(RawHttp.request("POST", "/hooks/" + host.unsigned).json("{}")).status()).isEqualTo(202);

    Instant now = host.time.now();
    assertThat(send(host.standardDelivery(host.standard, body, now, "msg_1")).status()).isEqualTo(202);
    RawHttp.Response replay = send(host.standardDelivery(host.standard, body, now, "msg_1"));
    assertThat(error(replay)).isEqualTo("webhook.replayed");
    RawHttp.Response old = send(host.standardDelivery(host.standard, body, now.minus(Duration.ofMinutes(6)), "msg_2"));
    assertThat(error(old)).isEqualTo("webhook.timestamp-expired");
    assertThat(host.audit.events(WebhookIngress.REJECTED)).extracting(e -> e.fields().get("reason")).containsExactly(
        "webhook.signature-missing", "webhook.signature-mismatch", "webhook.signature-malformed", "webhook.signature-malformed",
        "webhook.replayed", "webhook.timestamp-expired");
  }

  @Test
  void unknownDisabledAndMalformedTriggersAnswerTheSame404() throws Exception {
    RawHttp.Response unknown = send(host.githubDelivery(host.unknown, "{}".getBytes(StandardCharsets.UTF_8)));
    RawHttp.Response disabled = send(host.githubDelivery(host.disabled, "{}".getBytes(StandardCharsets.UTF_8)));
    RawHttp.Response malformed = send(RawHttp.request("POST", "/hooks/not-an-id").json("{}"));
    RawHttp.Response nested = send(RawHttp.request("POST", "/hooks/" + host.github + "/x").json("{}"));
    assertThat(unknown.status()).isEqualTo(404);
    // Date is the server's clock (it may tick between the requests); the correlation id differs by design
    for (RawHttp.Response other : List.of(disabled, malformed, nested)) {
      assertThat(other.status()).isEqualTo(404);
      assertThat(other.headerLinesExcept("x-correlation-id", "date")).isEqualTo(unknown.headerLinesExcept("x-correlation-id", "date"));
      assertThat(other.body()).isEqualTo(unknown.body());
    }
    assertThat(unknown.text()).isEqualTo("{\"error\":\"not-found\"}");
    assertThat(host.webhooks).isEmpty();
    assertThat(host.audit.events(WebhookIngress.REJECTED)).extracting(e -> e.fields().get("reason"))
        .containsExactly(WebhookIngress.UNKNOWN_TRIGGER, WebhookIngress.DISABLED_TRIGGER, WebhookIngress.UNKNOWN_TRIGGER,
            WebhookIngress.UNKNOWN_TRIGGER);
    RawHttp.Response getKnown = send(RawHttp.request("GET", "/hooks/" + host.github));
    RawHttp.Response getUnknown = send(RawHttp.request("GET", "/hooks/" + host.unknown));
    assertThat(getKnown.status()).isEqualTo(405);
    assertThat(getKnown.headerLinesExcept("x-correlation-id", "date", "content-length"))
        .isEqualTo(getUnknown.headerLinesExcept("x-correlation-id", "date", "content-length"));
  }

  @Test
  void theRawBodyLimitComesFirst() throws Exception {
    byte[] big = new byte[4097];
    java.util.Arrays.fill(big, (byte) 'a');
    for (var id : List.of(host.github, host.unknown, host.disabled)) {
      RawHttp.Response r = send(host.githubDelivery(id, big));
      assertThat(r.status()).as(id.value()).isEqualTo(413);
      assertThat(error(r)).isEqualTo("webhook.body-too-large");
    }
    byte[] fits = new byte[4096];
    java.util.Arrays.fill(fits, (byte) 'a');
    assertThat(send(host.githubDelivery(host.github, fits)).status()).isEqualTo(202);
    assertThat(host.webhooks).hasSize(1);
  }

  @Test
  void eachTriggerHasItsOwnRateLimit() throws Exception {
    for (int i = 0; i < 5; i++) {
      assertThat(send(RawHttp.request("POST", "/hooks/" + host.unsigned).json("{}")).status()).isEqualTo(202);
    }
    RawHttp.Response limited = send(RawHttp.request("POST", "/hooks/" + host.unsigned).json("{}"));
    assertThat(limited.status()).isEqualTo(429);
    assertThat(limited.header("Retry-After")).contains("12");
    assertThat(error(limited)).isEqualTo("ratelimit.exceeded");
    assertThat(limited.text()).contains(limited.header("x-correlation-id").orElseThrow());
    assertThat(send(RawHttp.request("POST", "/hooks/" + host.optional).json("{}")).status()).isEqualTo(202);
    host.time.advance(Duration.ofSeconds(12));
    assertThat(send(RawHttp.request("POST", "/hooks/" + host.unsigned).json("{}")).status()).isEqualTo(202);
  }

  // --- Event endpoint --------------------------------------------------------------------------

  @Test
  void authenticationComesBeforeTheEventLookup() throws Exception {
    for (String name : List.of("build-done", "no-such-event", "%2e%2e")) {
      RawHttp.Response r = send(RawHttp.request("POST", "/events/" + name).json("{\"value\":\"ok\"}"));
      assertThat(r.status()).as(name).isIn(400, 401);
      if (!name.startsWith("%")) {
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.header("WWW-Authenticate")).contains("Bearer");
      }
    }
    RawHttp.Response wrong = send(RawHttp.request("POST", "/events/no-such-event").bearer(TestHost.WRONG_TOKEN).json("{\"value\":\"ok\"}"));
    assertThat(wrong.status()).isEqualTo(401);
    RawHttp.Response unknown = send(RawHttp.request("POST", "/events/no-such-event").bearer(host.tokenText()).json("{\"value\":\"ok\"}"));
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(error(unknown)).isEqualTo("event.unknown");
    assertThat(send(RawHttp.request("GET", "/events/build-done").bearer(host.tokenText())).status()).isEqualTo(405);
    assertThat(host.events).isEmpty();
  }

  @Test
  void anEventSetsItsFixedStateKeyAndWorkflow() throws Exception {
    RawHttp.Response r = send(RawHttp.request("POST", "/events/build-done").bearer(host.tokenText()).json("{\"value\": \"ok\"}"));
    assertThat(r.status()).isEqualTo(204);
    assertThat(r.body()).isEmpty();
    assertSecurityHeaders(r);
    assertThat(host.events).hasSize(1);
    ReceivedEvent e = host.events.get(0);
    assertThat(e.stateKey()).isEqualTo("build.status");
    assertThat(e.workflow()).isEqualTo("deploy");
    assertThat(e.value()).isEqualTo("ok");
    assertThat(e.correlationId().value()).isEqualTo(r.header("x-correlation-id").orElseThrow());
    assertThat(host.audit.events(EventEndpoint.ACCEPTED)).hasSize(1);
    String unicode = "{\"value\":\"\\u00e9t\\u00e9 \\ud83d\\ude00 $(rm -rf /)\"}";
    assertThat(send(RawHttp.request("POST", "/events/message").bearer(host.tokenText()).json(unicode)).status()).isEqualTo(204);
    assertThat(host.events.get(1).stateKey()).isEqualTo("chat.last");
    assertThat(host.events.get(1).value()).isEqualTo("\u00e9t\u00e9 \ud83d\ude00 $(rm -rf /)");
  }

  @Test
  void theValueIsMatchedAsAWholeAndCapped() throws Exception {
    for (String v : List.of("okay", "xok", "ok\\n", "failed!", "ok|failed", "")) {
      RawHttp.Response r = send(RawHttp.request("POST", "/events/build-done").bearer(host.tokenText()).json("{\"value\":\"" + v + "\"}"));
      assertThat(r.status()).as(v).isEqualTo(422);
      assertThat(error(r)).isEqualTo("event.value-rejected");
    }
    assertThat(send(RawHttp.request("POST", "/events/build-done").bearer(host.tokenText()).json("{\"value\":\"failed\"}")).status()).isEqualTo(204);
    RawHttp.Response tooLong = send(RawHttp.request("POST", "/events/note").bearer(host.tokenText()).json("{\"value\":\"12345678901\"}"));
    assertThat(tooLong.status()).isEqualTo(413);
    assertThat(error(tooLong)).isEqualTo("event.value-too-long");
    String tenEmoji = "\\ud83d\\ude00".repeat(10);
    assertThat(send(RawHttp.request("POST", "/events/note").bearer(host.tokenText()).json("{\"value\":\"" + tenEmoji + "\"}")).status())
        .as("the cap counts code points").isEqualTo(204);
    assertThat(host.events).hasSize(2);
  }

  @Test
  void malformedBodiesAre400AndOversizedOnes413() throws Exception {
    for (String body : List.of("", "ok", "[\"ok\"]", "{\"value\":1}", "{\"value\":\"ok\",\"value\":\"ok\"}", "{\"value\":\"ok\",\"x\":1}",
        "{\"value\":\"ok\"} {}", "{\"Value\":\"ok\"}", "{'value':'ok'}", "{\"value\":\"\\ud800\"}", "{\"value\":null}")) {
      RawHttp.Response r = send(RawHttp.request("POST", "/events/note").bearer(host.tokenText()).json(body));
      assertThat(r.status()).as(body).isEqualTo(400);
      assertThat(error(r)).isEqualTo("event.malformed");
    }
    RawHttp.Response latin1 = send(RawHttp.request("POST", "/events/note").bearer(host.tokenText())
        .header("Content-Type", "application/json").body(new byte[] {'{', '"', 'v', 'a', 'l', 'u', 'e', '"', ':', '"', (byte) 0xe9, '"', '}'}));
    assertThat(latin1.status()).isEqualTo(400);
    RawHttp.Response huge = send(RawHttp.request("POST", "/events/note").bearer(host.tokenText()).json("{\"value\":\"" + "a".repeat(300_000) + "\"}"));
    assertThat(huge.status()).isEqualTo(413);
    assertThat(error(huge)).isEqualTo("event.body-too-large");
    assertThat(host.events).isEmpty();
  }

  @Test
  void aCatastrophicBacktrackingPatternStaysLinear() throws Exception {
    String evil = "a".repeat(100_000) + "!";
    long start = System.nanoTime();
    RawHttp.Response r = send(RawHttp.request("POST", "/events/redos").bearer(host.tokenText()).json("{\"value\":\"" + evil + "\"}"));
    long elapsed = System.nanoTime() - start;
    assertThat(r.status()).isEqualTo(422);
    // a backtracking engine would need ~2^100000 steps; RE2/J is linear. The bound is only a generous
    // guard against a hang, far above the milliseconds this takes.
    assertThat(Duration.ofNanos(elapsed)).isLessThan(Duration.ofSeconds(30));
    RawHttp.Response fine = send(RawHttp.request("POST", "/events/redos").bearer(host.tokenText()).json("{\"value\":\"" + "a".repeat(100_000) + "\"}"));
    assertThat(fine.status()).isEqualTo(204);
  }

  @Test
  void aBodyAHostGuardReadReachesTheApplicationWhole() throws Exception {
    String body = "x".repeat(5000);
    RawHttp.Response all = send(RawHttp.request("POST", "/api/echo").bearer(host.tokenText()).header("X-Peek", "10000").body(body));
    assertThat(all.header("X-Peeked")).contains("all");
    assertThat(all.text()).contains("\"bodyBytes\":5000");
    RawHttp.Response part = send(RawHttp.request("POST", "/api/echo").bearer(host.tokenText()).header("X-Peek", "100")
        .header("Content-Type", "text/plain").body(body));
    assertThat(part.header("X-Peeked")).contains("over-limit");
    assertThat(part.text()).contains("\"bodyBytes\":5000");
  }

  // --- Everything else -------------------------------------------------------------------------

  @Test
  void unknownPathsOfAnAuthenticatedClientGetTheApplications404WithHeaders() throws Exception {
    RawHttp.Response r = send(RawHttp.request("GET", "/api/nothing-here").bearer(host.tokenText()));
    assertThat(r.status()).isEqualTo(404);
    assertSecurityHeaders(r);
  }

  static String decode(String s) {
    return URLDecoder.decode(s, StandardCharsets.UTF_8);
  }
}
