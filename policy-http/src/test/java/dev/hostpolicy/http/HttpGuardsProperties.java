package dev.hostpolicy.http;

import static dev.hostpolicy.http.Requests.BOUND;
import static dev.hostpolicy.http.Requests.answer;
import static dev.hostpolicy.http.Requests.text;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hostpolicy.api.Secret;
import dev.hostpolicy.core.token.CorrelationId;
import dev.hostpolicy.core.token.TokenMint;
import dev.hostpolicy.core.token.TriggerId;
import dev.hostpolicy.core.webhook.WebhookTrigger;
import dev.hostpolicy.testkit.PolicyArbitraries;
import dev.hostpolicy.testkit.TokenArbitraries;
import dev.hostpolicy.testkit.fake.InMemoryAuditSink;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterProperty;

/**
 * The guard chain against the test kit's adversarial generators, through {@link HttpGuards#handle}
 * (the adapters add nothing the ITs do not cover). The audit sink forbids the token in every run.
 */
class HttpGuardsProperties {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Secret TOKEN = TokenMint.mint();
  private static final String TOKEN_TEXT = TOKEN.revealUtf8();
  private static final InMemoryAuditSink AUDIT = InMemoryAuditSink.create().forbidding(TOKEN);
  private static final List<ReceivedEvent> EVENTS = new java.util.concurrent.CopyOnWriteArrayList<>();
  private static final TriggerId KNOWN = TriggerId.generate();
  private static final TriggerId DISABLED = TriggerId.generate();
  private static final int WEBHOOK_LIMIT = 512;

  /** Patterns on which RE2 and java.util.regex agree, so the JDK engine is the whole-match oracle. */
  private static final List<String> PATTERNS = List.of("ok|failed", "[a-c]+", "v[0-9]+(\\.[0-9]+)*", "a*b", "(ab|a)c?", "[^!]*");

  private static final HttpGuards GUARDS = guards();

  private static HttpGuards guards() {
    List<EventRoute> routes = new ArrayList<>();
    for (int i = 0; i < PATTERNS.size(); i++) {
      routes.add(EventRoute.of("p" + i, "state.p" + i, "wf" + i).withPattern(PATTERNS.get(i)).withMaxValueChars(64));
    }
    routes.add(EventRoute.of("free", "state.free", "wf").withMaxValueChars(10_000));
    WebhookTrigger open = WebhookTrigger.builder("open").unsigned().build();
    return HttpGuards.builder(BOUND).apiToken(TOKEN).audit(AUDIT)
        .browserLogin(dev.hostpolicy.core.ratelimit.RateLimiter.create(dev.hostpolicy.api.Rate.off()))
        .events(routes, EVENTS::add)
        .eventMaxBodyBytes(256 * 1024)
        .webhooks(WebhookRoutes.of(List.of(WebhookRoute.enabled(KNOWN, open), WebhookRoute.disabled(DISABLED, open))), d -> { })
        .webhookRateLimiter(dev.hostpolicy.core.ratelimit.RateLimiter.create(dev.hostpolicy.api.Rate.off()))
        .webhookMaxBodyBytes(WEBHOOK_LIMIT)
        .build();
  }

  @AfterProperty
  void noLeaks() {
    AUDIT.assertNoLeaks();
    AUDIT.clear();
  }

  private static String bearer() {
    return "Bearer " + TOKEN_TEXT;
  }

  @Property(tries = 300)
  void aTargetCarryingTheTokenIsNeverForwarded(@ForAll("embeddings") TokenArbitraries.UrlEmbedding embedding) {
    String url = embedding.apply(TOKEN_TEXT);
    GuardResponse r = answer(GUARDS.handle(Requests.get(url, "Authorization", bearer())));
    assertThat(r.status()).isEqualTo(400);
    assertThat(text(r)).containsAnyOf("token.in-url", "http.ambiguous-path");
  }

  @Provide
  Arbitrary<TokenArbitraries.UrlEmbedding> embeddings() {
    return TokenArbitraries.urlEmbeddings().filter(e -> e.base().isEmpty());
  }

  @Property(tries = 300)
  void onlyAnExactBearerCredentialIsForwarded(@ForAll("authorization") TokenArbitraries.AuthorizationVariant variant) {
    List<String> headers = new ArrayList<>();
    for (String v : variant.values()) {
      headers.add("Authorization");
      headers.add(v);
    }
    Outcome o = GUARDS.handle(Requests.get("/api/runs", headers.toArray(String[]::new)));
    if (variant.shape() == TokenArbitraries.AuthorizationShape.VALID) {
      assertThat(o).isInstanceOf(Outcome.Forward.class);
    } else {
      GuardResponse r = answer(o);
      assertThat(r.status()).as(variant.description()).isEqualTo(401);
      assertThat(r.header("WWW-Authenticate")).get().asString().startsWith("Bearer");
    }
  }

  @Provide
  Arbitrary<TokenArbitraries.AuthorizationVariant> authorization() {
    return PolicyArbitraries.authorizationHeaderVariants(TOKEN_TEXT);
  }

  @Property(tries = 300)
  void theCorrelationIdIsTheClientsOnlyWhenWellFormed(@ForAll("cids") String sent) {
    if (sent.indexOf('\r') >= 0 || sent.indexOf('\n') >= 0) {
      return; // no server hands a header value with a line break to an application
    }
    Outcome o = GUARDS.handle(Requests.get("/api/runs", "X-Correlation-Id", sent));
    String cid = answer(o).header("x-correlation-id").orElseThrow();
    assertThat(CorrelationId.isValid(cid)).isTrue();
    assertThat(cid.equals(sent)).isEqualTo(CorrelationId.isValid(sent));
  }

  @Provide
  Arbitrary<String> cids() {
    return PolicyArbitraries.correlationIdCandidates();
  }

  @Property(tries = 400)
  void anEventValueIsAcceptedExactlyWhenItMatchesAsAWhole(@ForAll("patternIndex") int p, @ForAll("values") String value)
      throws JsonProcessingException {
    EVENTS.clear();
    String body = JSON.writeValueAsString(java.util.Map.of("value", value));
    GuardResponse r = answer(GUARDS.handle(Requests.post("/events/p" + p, body, "Authorization", bearer())));
    boolean whole = java.util.regex.Pattern.matches(PATTERNS.get(p), value);
    assertThat(r.status()).as("%s ~ %s", value, PATTERNS.get(p)).isEqualTo(whole ? 204 : 422);
    assertThat(EVENTS).hasSize(whole ? 1 : 0);
    if (whole) {
      assertThat(EVENTS.get(0).stateKey()).isEqualTo("state.p" + p);
      assertThat(EVENTS.get(0).value()).isEqualTo(value);
    }
  }

  @Provide
  Arbitrary<Integer> patternIndex() {
    return Arbitraries.integers().between(0, PATTERNS.size() - 1);
  }

  @Provide
  Arbitrary<String> values() {
    return Arbitraries.oneOf(
        Arbitraries.strings().withChars("abcv0123456789.!okfaild|").ofMaxLength(12),
        Arbitraries.of("ok", "failed", "okfailed", "ok\n", "\nok", "v1.2", "v1.", "aab", "abc", "ac", "", "!"));
  }

  @Property(tries = 300)
  void hostileTextIsHandedOverExactlyAsData(@ForAll("hostile") String value) throws JsonProcessingException {
    EVENTS.clear();
    String body = JSON.writeValueAsString(java.util.Map.of("value", value));
    GuardResponse r = answer(GUARDS.handle(Requests.post("/events/free", body, "Authorization", bearer())));
    boolean fits = value.codePointCount(0, value.length()) <= 10_000;
    assertThat(r.status()).isEqualTo(fits ? 204 : 413);
    if (fits) {
      assertThat(EVENTS.get(0).value()).isEqualTo(value);
      assertThat(EVENTS.get(0).workflow()).isEqualTo("wf");
    }
  }

  @Provide
  Arbitrary<String> hostile() {
    return PolicyArbitraries.hostileTextWithoutNul().filter(s -> !hasLoneSurrogate(s));
  }

  @Property(tries = 200)
  void loneSurrogatesAndNearMissBodiesAre400(@ForAll("broken") String body) {
    GuardResponse r = answer(GUARDS.handle(Requests.post("/events/free", body, "Authorization", bearer())));
    assertThat(r.status()).as(body).isEqualTo(400);
    assertThat(text(r)).contains("event.malformed");
  }

  @Provide
  Arbitrary<String> broken() {
    return Arbitraries.oneOf(PolicyArbitraries.malformedEventBodies(),
        PolicyArbitraries.textWithLoneSurrogate().map(s -> {
          StringBuilder sb = new StringBuilder("{\"value\":\"");
          for (char c : s.toCharArray()) {
            sb.append(String.format("\\u%04x", (int) c));
          }
          return sb.append("\"}").toString();
        }));
  }

  @Property(tries = 300)
  void afterLoginTheBrowserOnlyEverGoesToALocalPath(@ForAll("next") String next) {
    String form = "token=" + TOKEN_TEXT + "&next=" + java.net.URLEncoder.encode(next, StandardCharsets.UTF_8);
    GuardResponse r = answer(GUARDS.handle(Requests.post("/login", form, "Content-Type", "application/x-www-form-urlencoded")));
    assertThat(r.status()).isEqualTo(303);
    String location = r.header("Location").orElseThrow();
    assertThat(location).startsWith("/").doesNotStartWith("//").doesNotContain("\\")
        .matches("[A-Za-z0-9\\-._~!$&'()*+,;=:@/?%#]*");
    assertThat(location.equals(next) || location.equals("/")).isTrue();
  }

  @Provide
  Arbitrary<String> next() {
    return PolicyArbitraries.redirectTargets();
  }

  @Property(tries = 200)
  void ambiguousPathsNeverReachAStage(@ForAll("paths") String path) {
    GuardResponse r = answer(GUARDS.handle(GuardRequest.builder("GET", path)
        .headers(RequestHeaders.builder().add("Host", "127.0.0.1:8080").add("Authorization", bearer()).build()).build()));
    assertThat(r.status()).isEqualTo(400);
    assertThat(text(r)).contains("http.ambiguous-path");
  }

  @Provide
  Arbitrary<String> paths() {
    return PolicyArbitraries.ambiguousPaths();
  }

  @Property(tries = 200)
  void anyUnknownOrDisabledTriggerAnswersLikeEveryOther(@ForAll("hookIds") String id, @ForAll boolean disabledOne) {
    GuardResponse reference = answer(GUARDS.handle(Requests.post("/hooks/" + (disabledOne ? DISABLED : TriggerId.generate()), "{}")));
    String target = "/hooks/" + id;
    if (Routes.ambiguity(target) != null) {
      return;
    }
    GuardResponse r = answer(GUARDS.handle(Requests.post(target, "{}")));
    assertThat(r.status()).isEqualTo(404);
    assertThat(withoutCid(r)).isEqualTo(withoutCid(reference));
    assertThat(r.body()).isEqualTo(reference.body());
  }

  @Provide
  Arbitrary<String> hookIds() {
    return Arbitraries.oneOf(
        Arbitraries.strings().withChars("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_").ofLength(TriggerId.LENGTH),
        Arbitraries.strings().withChars("abc019-_%.~").ofMaxLength(40),
        Arbitraries.just(DISABLED.value()));
  }

  @Property(tries = 100)
  void theRawBodyLimitIsExact(@ForAll("sizes") int size, @ForAll boolean declare) {
    byte[] body = new byte[size];
    RequestBody rb = declare ? RequestBody.ofBytes(body)
        : RequestBody.of(java.util.OptionalLong.empty(), () -> new java.io.ByteArrayInputStream(body));
    GuardRequest req = GuardRequest.builder("POST", "/hooks/" + KNOWN)
        .headers(RequestHeaders.builder().add("Host", "127.0.0.1:8080").build()).body(rb).build();
    GuardResponse r = answer(GUARDS.handle(req));
    assertThat(r.status()).isEqualTo(size > WEBHOOK_LIMIT ? 413 : 202);
  }

  @Provide
  Arbitrary<Integer> sizes() {
    return Arbitraries.oneOf(Arbitraries.integers().between(0, 2 * WEBHOOK_LIMIT),
        Arbitraries.of(WEBHOOK_LIMIT - 1, WEBHOOK_LIMIT, WEBHOOK_LIMIT + 1));
  }

  private static List<String> withoutCid(GuardResponse r) {
    List<String> out = new ArrayList<>();
    for (GuardResponse.Header h : r.headers()) {
      if (!h.name().equalsIgnoreCase("x-correlation-id")) {
        out.add(h.name() + ": " + h.value());
      }
    }
    return out;
  }

  private static boolean hasLoneSurrogate(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        return true;
      }
    }
    return false;
  }
}
