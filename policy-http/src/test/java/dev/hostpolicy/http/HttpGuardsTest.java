package dev.hostpolicy.http;

import static dev.hostpolicy.http.Requests.BOUND;
import static dev.hostpolicy.http.Requests.answer;
import static dev.hostpolicy.http.Requests.get;
import static dev.hostpolicy.http.Requests.post;
import static dev.hostpolicy.http.Requests.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hostpolicy.api.PolicyConfigurationException;
import dev.hostpolicy.api.PolicyViolationException;
import dev.hostpolicy.api.Secret;
import dev.hostpolicy.api.spi.AuditSink;
import dev.hostpolicy.core.token.TokenMint;
import dev.hostpolicy.core.token.TriggerId;
import dev.hostpolicy.core.webhook.WebhookTrigger;
import dev.hostpolicy.http.headers.SecurityHeaders;
import dev.hostpolicy.testkit.fake.InMemoryAuditSink;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;

class HttpGuardsTest {
  private final Secret token = TokenMint.mint();
  private final InMemoryAuditSink audit = InMemoryAuditSink.create().forbidding(token);

  private HttpGuards.Builder base() {
    return HttpGuards.builder(BOUND).apiToken(token).audit(audit);
  }

  private String bearer() {
    return "Bearer " + token.revealUtf8();
  }

  @Test
  void aGuardThatProceedsTwiceFailsTheRequestClosed() {
    HttpGuards guards = base().guard((r, chain) -> {
      chain.proceed(r);
      return chain.proceed(r);
    }).build();
    GuardResponse r = answer(guards.handle(get("/api/x", "Authorization", bearer())));
    assertThat(r.status()).isEqualTo(500);
    assertThat(text(r)).contains("http.guard-error");
    assertThat(r.header("x-correlation-id")).isPresent();
    assertThat(r.header("Content-Security-Policy")).isPresent();
  }

  @Test
  void aGuardThatThrowsOrAnswersNothingFailsClosed() {
    assertThat(answer(base().guard((r, c) -> {
      throw new IllegalStateException("boom");
    }).build().handle(get("/api/x", "Authorization", bearer()))).status()).isEqualTo(500);
    assertThat(answer(base().guard((r, c) -> null).build().handle(get("/api/x", "Authorization", bearer()))).status()).isEqualTo(500);
  }

  @Test
  void hostGuardsSeeAuthenticatedRequestsOnlyAndForwardsCarryAttributes() {
    List<GuardRequest> seen = new ArrayList<>();
    HttpGuards guards = base().guard((r, c) -> {
      seen.add(r);
      return c.proceed(r);
    }).build();
    assertThat(answer(guards.handle(get("/api/x"))).status()).isEqualTo(401);
    assertThat(seen).isEmpty();
    Outcome o = guards.handle(get("/api/x", "Authorization", bearer()));
    assertThat(o).isInstanceOf(Outcome.Forward.class);
    Outcome.Forward f = (Outcome.Forward) o;
    assertThat(seen).hasSize(1);
    assertThat(f.attributes()).containsEntry(HttpGuards.AUTHENTICATED_ATTRIBUTE, "api-token")
        .containsEntry(HttpGuards.CORRELATION_ID_ATTRIBUTE, f.request().correlationId().value())
        .containsKey(HttpGuards.CSP_NONCE_ATTRIBUTE);
    assertThat(f.responseHeaders()).extracting(GuardResponse.Header::name).contains("Content-Security-Policy", "x-correlation-id");
  }

  @Test
  void anAuditSinkThatCannotRecordFailsAllowingActionsButNotRefusals() {
    List<ReceivedEvent> events = new ArrayList<>();
    HttpGuards guards = base().browserLogin()
        .events(List.of(EventRoute.of("e", "k", "w")), events::add).build();
    audit.failWith(new IllegalStateException("disk full"));
    GuardResponse login = answer(guards.handle(post("/login", "token=" + token.revealUtf8(), "Content-Type", "application/x-www-form-urlencoded")));
    assertThat(login.status()).isEqualTo(503);
    assertThat(login.header("Set-Cookie")).isEmpty();
    GuardResponse event = answer(guards.handle(post("/events/e", "{\"value\":\"v\"}", "Authorization", bearer())));
    assertThat(event.status()).isEqualTo(503);
    assertThat(events).isEmpty();
    assertThat(answer(guards.handle(get("/api/x"))).status()).isEqualTo(401);
  }

  @Test
  void startupRefusesANetworkBindWithoutATokenUnlessOptedIn() {
    InetSocketAddress any = new InetSocketAddress("0.0.0.0", 8080);
    assertThatThrownBy(() -> HttpGuards.builder(any).withoutToken().audit(AuditSink.discarding()).build())
        .isInstanceOf(PolicyViolationException.class)
        .satisfies(e -> assertThat(((PolicyViolationException) e).reason()).isEqualTo("bind.insecure"));
    HttpGuards insecure = HttpGuards.builder(any).withoutToken().allowInsecure(true).audit(AuditSink.discarding()).build();
    assertThat(insecure.bindDecision().banner()).isPresent();
    assertThat(HttpGuards.builder(any).apiToken(token).audit(AuditSink.discarding()).build().bindDecision().loopbackOnly()).isFalse();
  }

  @Test
  void startupRefusesConfigurationMistakes() {
    assertThatThrownBy(() -> HttpGuards.builder(BOUND).apiToken(token).build()).isInstanceOf(PolicyConfigurationException.class)
        .hasMessageContaining("audit");
    assertThatThrownBy(() -> HttpGuards.builder(BOUND).audit(audit).build()).isInstanceOf(PolicyConfigurationException.class)
        .hasMessageContaining("withoutToken");
    assertThatThrownBy(() -> HttpGuards.builder(BOUND).withoutToken().audit(audit).browserLogin().build())
        .isInstanceOf(PolicyConfigurationException.class).hasMessageContaining("browser login");
    assertThatThrownBy(() -> HttpGuards.builder(BOUND).withoutToken().audit(audit).events(List.of(EventRoute.of("e", "k", "w")), e -> { }).build())
        .isInstanceOf(PolicyConfigurationException.class).hasMessageContaining("event endpoint");
    assertThatThrownBy(() -> base().events(List.of(EventRoute.of("e", "k", "w"), EventRoute.of("e", "k2", "w2")), e -> { }))
        .isInstanceOf(PolicyConfigurationException.class).hasMessageContaining("events.e");
    assertThatThrownBy(() -> base().securityHeaders(SecurityHeaders.strict())).isInstanceOf(PolicyConfigurationException.class)
        .hasMessageContaining("Origin: null");
    assertThatThrownBy(() -> EventRoute.of("e", "k", "w").withPattern("(a")).isInstanceOf(PolicyConfigurationException.class)
        .hasMessageContaining("events.e.pattern");
    assertThatThrownBy(() -> EventRoute.of("e", "k", "w").withPattern("(a)\\1")).as("no backreferences in RE2")
        .isInstanceOf(PolicyConfigurationException.class);
    assertThatThrownBy(() -> EventRoute.of("../e", "k", "w")).isInstanceOf(PolicyConfigurationException.class);
    assertThatThrownBy(() -> EventRoute.of("e", "", "w")).isInstanceOf(PolicyConfigurationException.class);
    assertThatThrownBy(() -> WebhookTrigger.builder("deploy").scheme("github").build())
        .isInstanceOf(PolicyConfigurationException.class).hasMessageContaining("webhook.misconfigured");
    assertThatThrownBy(() -> base().loginTitle("a\0b")).isInstanceOf(RuntimeException.class);
  }

  @Test
  void withoutATokenALoopbackServerIsOpen() {
    HttpGuards open = HttpGuards.builder(BOUND).withoutToken().audit(audit).build();
    Outcome.Forward f = (Outcome.Forward) open.handle(get("/api/x"));
    assertThat(f.attributes()).containsEntry(HttpGuards.AUTHENTICATED_ATTRIBUTE, "open");
    assertThat(answer(open.handle(get("/api/x?token=abc"))).status()).as("token parameters are still refused").isEqualTo(400);
  }

  @Test
  void forwardedProtoCountsOnlyFromATrustedProxy() {
    InetSocketAddress peer = new InetSocketAddress("127.0.0.1", 40000);
    HttpGuards untrusting = base().build();
    assertThat(untrusting.transport(false, peer, List.of("https")).isHttps()).isFalse();
    HttpGuards trusting = base().trustProxy(peer.getAddress()).build();
    assertThat(trusting.transport(false, peer, List.of("https")).isHttps()).isTrue();
    assertThat(trusting.transport(false, peer, List.of("https, http")).isHttps()).isFalse();
    assertThat(trusting.transport(true, peer, List.of()).isHttps()).isTrue();
  }

  @Test
  void theLoginTitleIsEscaped() {
    String title = "<img src=x onerror=alert(1)> & \"quotes\" 'single' \u2028";
    HttpGuards guards = base().browserLogin().loginTitle(title).build();
    GuardResponse page = answer(guards.handle(get("/login")));
    assertThat(page.isHtml()).isTrue();
    var doc = Jsoup.parse(text(page));
    assertThat(doc.selectFirst("h1").wholeText()).isEqualTo(title);
    assertThat(doc.select("img")).isEmpty();
  }

  @Test
  void aReceiverThatThrowsIs500AndAudited() {
    TriggerId id = TriggerId.generate();
    HttpGuards guards = base().webhooks(WebhookRoutes.of(List.of(WebhookRoute.enabled(id, WebhookTrigger.builder("t").unsigned().build()))),
        d -> {
          throw new IllegalStateException("queue full");
        }).build();
    GuardResponse r = answer(guards.handle(post("/hooks/" + id, "{}")));
    assertThat(r.status()).isEqualTo(500);
    assertThat(text(r)).contains(WebhookIngress.RECEIVER_ERROR);
    assertThat(audit.events(WebhookIngress.REJECTED)).extracting(e -> e.fields().get("reason")).containsExactly(WebhookIngress.RECEIVER_ERROR);
  }

  @Test
  void twoRoutesWithOneIdAreRefused() {
    TriggerId id = TriggerId.generate();
    WebhookTrigger t = WebhookTrigger.builder("t").unsigned().build();
    assertThatThrownBy(() -> WebhookRoutes.of(List.of(WebhookRoute.enabled(id, t), WebhookRoute.disabled(id, t))))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void responsesRefuseHeaderSplitting() {
    assertThatThrownBy(() -> GuardResponse.builder(200).header("X", "a\r\nSet-Cookie: b")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> GuardResponse.builder(200).header("X Y", "a")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> GuardResponse.builder(204).text("x").build()).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aBodyIsReadOnceAndNeverPastTheLimit() throws Exception {
    byte[] data = new byte[100];
    int[] reads = new int[1];
    RequestBody body = RequestBody.of(java.util.OptionalLong.empty(), () -> new java.io.ByteArrayInputStream(data) {
      @Override
      public synchronized int read(byte[] b, int off, int len) {
        reads[0] += Math.min(len, available());
        return super.read(b, off, len);
      }
    });
    assertThat(body.readAtMost(10)).isEmpty();
    assertThat(reads[0]).isEqualTo(11);
    assertThat(body.readAtMost(1000)).get().satisfies(b -> assertThat(b).hasSize(100));
    assertThat(body.replay().readAllBytes()).hasSize(100);
    RequestBody declared = RequestBody.of(java.util.OptionalLong.of(5000), () -> {
      throw new AssertionError("a declared length over the limit must not be read");
    });
    assertThat(declared.readAtMost(4096)).isEmpty();
  }

  @Test
  void requestViewsNeverPrintQueriesOrHeaderValues() {
    GuardRequest r = get("/api/x?token=" + token.revealUtf8(), "Authorization", bearer());
    assertThat(r.toString()).doesNotContain(token.revealUtf8());
    assertThat(r.headers().toString()).doesNotContain(token.revealUtf8());
  }
}
