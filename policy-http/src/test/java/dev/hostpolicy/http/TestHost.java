package dev.hostpolicy.http;

import dev.hostpolicy.api.Rate;
import dev.hostpolicy.api.Secret;
import dev.hostpolicy.api.WebhookHeaders;
import dev.hostpolicy.core.ratelimit.RateLimiter;
import dev.hostpolicy.core.token.TokenMint;
import dev.hostpolicy.core.token.TriggerId;
import dev.hostpolicy.core.webhook.GithubScheme;
import dev.hostpolicy.core.webhook.StandardWebhooksScheme;
import dev.hostpolicy.core.webhook.WebhookTrigger;
import dev.hostpolicy.testkit.fake.FakeTimeSource;
import dev.hostpolicy.testkit.fake.InMemoryAuditSink;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The Infinite-Loop- and devloop-style host the adapter tests run: a token, browser login (3 per
 * minute), five webhook triggers (GitHub signed, disabled, verify-optional, unsigned,
 * standard-webhooks with replay defence), 5 deliveries per minute per trigger, a 4 KiB ingress
 * limit, three events (a whole-value pattern, a 10-character cap, a catastrophic-backtracking
 * pattern), all on a fake clock and an in-memory audit sink that fails on any leaked secret.
 */
public final class TestHost {
  public static final String WRONG_TOKEN = "wrongtokenwrongtoken0123456789ABCDEFwrongtok";
  public static final String TITLE = "Test <Host> & \"co\"";

  public final Secret token = TokenMint.mint();
  public final Secret githubSecret = Secret.fromUtf8("gh-" + TokenMint.randomBase64Url(24));
  public final Secret standardSecret = StandardWebhooksScheme.newSymmetricSecret();
  public final FakeTimeSource time = FakeTimeSource.at(Instant.now());
  public final InMemoryAuditSink audit = InMemoryAuditSink.create().forbidding(token, githubSecret, standardSecret)
      .forbidding(WRONG_TOKEN);
  public final List<ReceivedWebhook> webhooks = new CopyOnWriteArrayList<>();
  public final List<ReceivedEvent> events = new CopyOnWriteArrayList<>();

  public final TriggerId github = TriggerId.generate();
  public final TriggerId disabled = TriggerId.generate();
  public final TriggerId optional = TriggerId.generate();
  public final TriggerId unsigned = TriggerId.generate();
  public final TriggerId standard = TriggerId.generate();
  public final TriggerId unknown = TriggerId.generate();

  public String tokenText() {
    return token.revealUtf8();
  }

  /** Full buckets, empty audit and inboxes. */
  public void reset() {
    time.advance(Duration.ofHours(1));
    audit.clear();
    webhooks.clear();
    events.clear();
  }

  public HttpGuards guards(InetSocketAddress bound) {
    List<WebhookRoute> routes = List.of(
        WebhookRoute.enabled(github, WebhookTrigger.builder("deploy").scheme(new GithubScheme()).secret(githubSecret).timeSource(time).build()),
        WebhookRoute.disabled(disabled, WebhookTrigger.builder("old").scheme(new GithubScheme()).secret(githubSecret).timeSource(time).build()),
        WebhookRoute.enabled(optional, WebhookTrigger.builder("ping").scheme(new GithubScheme()).verifyOptional(true).timeSource(time).build()),
        WebhookRoute.enabled(unsigned, WebhookTrigger.builder("open").unsigned().timeSource(time).build()),
        WebhookRoute.enabled(standard,
            WebhookTrigger.builder("std").scheme(new StandardWebhooksScheme()).secret(standardSecret).timeSource(time).build()));
    return HttpGuards.builder(bound)
        .apiToken(token)
        .audit(audit)
        .publicPaths("/healthz")
        .trustProxy(InetAddress.getLoopbackAddress())
        .browserLogin(RateLimiter.create(Rate.perMinute(3), time))
        .loginTitle(TITLE)
        .webhooks(WebhookRoutes.of(routes), webhooks::add)
        .webhookRateLimiter(RateLimiter.create(Rate.perMinute(5), time))
        .webhookMaxBodyBytes(4096)
        .events(List.of(
                EventRoute.of("build-done", "build.status", "deploy").withPattern("ok|failed"),
                EventRoute.of("note", "notes.latest", "notify").withMaxValueChars(10),
                EventRoute.of("message", "chat.last", "reply"),
                EventRoute.of("redos", "redos.value", "noop").withPattern("(a+)+$").withMaxValueChars(200_000)),
            events::add)
        .eventMaxBodyBytes(256 * 1024)
        .guard(TestHost::peek)
        .build();
  }

  /** A host guard that reads the body when asked to ({@code X-Peek}); the application must still see all of it. */
  static Outcome peek(GuardRequest request, GuardChain chain) throws java.io.IOException {
    if (request.headers().contains("X-Peek")) {
      int limit = Integer.parseInt(request.headers().first("X-Peek").orElseThrow());
      if (request.body().readAtMost(limit).isEmpty()) {
        return chain.proceed(request).withHeader("X-Peeked", "over-limit");
      }
      return chain.proceed(request).withHeader("X-Peeked", "all");
    }
    return chain.proceed(request);
  }

  public RawHttp githubDelivery(TriggerId id, byte[] body) {
    WebhookHeaders signed = new GithubScheme().signer(List.of(githubSecret)).sign(body, time.now(), Optional.empty());
    return withHeaders(RawHttp.request("POST", "/hooks/" + id).json(new String(body, StandardCharsets.UTF_8)), signed);
  }

  public RawHttp standardDelivery(TriggerId id, byte[] body, Instant at, String deliveryId) {
    WebhookHeaders signed = new StandardWebhooksScheme().signer(List.of(standardSecret)).sign(body, at, Optional.of(deliveryId));
    return withHeaders(RawHttp.request("POST", "/hooks/" + id).json(new String(body, StandardCharsets.UTF_8)), signed);
  }

  public static RawHttp withHeaders(RawHttp r, WebhookHeaders headers) {
    for (Map.Entry<String, String> e : headers.entries()) {
      r.header(e.getKey(), e.getValue());
    }
    return r;
  }

  /** The application behind the guards: what each adapter's handler answers. */
  public static String appJson(Object auth, Object cid, Object nonce, int bodyBytes) {
    return "{\"auth\":\"" + auth + "\",\"cid\":\"" + cid + "\",\"nonce\":\"" + nonce + "\",\"bodyBytes\":" + bodyBytes + "}";
  }
}
