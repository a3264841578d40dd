package dev.hostpolicy.docs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hostpolicy.api.Secret;
import dev.hostpolicy.core.HostPolicy;
import dev.hostpolicy.core.Settings;
import dev.hostpolicy.core.net.LoopbackAddress;
import dev.hostpolicy.core.token.TokenMint;
import dev.hostpolicy.core.token.TriggerId;
import dev.hostpolicy.core.webhook.WebhookTrigger;
import dev.hostpolicy.http.EventReceiver;
import dev.hostpolicy.http.EventRoute;
import dev.hostpolicy.http.GuardRequest;
import dev.hostpolicy.http.GuardResponse;
import dev.hostpolicy.http.HttpGuard;
import dev.hostpolicy.http.HttpGuards;
import dev.hostpolicy.http.Outcome;
import dev.hostpolicy.http.ReceivedWebhook;
import dev.hostpolicy.http.RequestHeaders;
import dev.hostpolicy.http.WebhookRoute;
import dev.hostpolicy.http.WebhookRoutes;
import dev.hostpolicy.http.jdk.GuardedHttpServer;
import dev.hostpolicy.testkit.fake.InMemoryAuditSink;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The examples of docs/http.md, compiled and run against a real loopback server. */
class HttpDocTest {
  private final HttpClient client = HttpClient.newHttpClient();

  @Test
  void jdkServerWithLoginAndWebhooks() throws Exception {
    Secret apiToken = TokenMint.mint();
    Map<String, String> env = Map.of("INFLOOP_API_TOKEN", apiToken.revealUtf8());
    InMemoryAuditSink auditSink = InMemoryAuditSink.create().forbidding(apiToken);
    TriggerId triggerId = TriggerId.generate();
    List<ReceivedWebhook> inbox = new CopyOnWriteArrayList<>();
    // snippet: http-jdk-server
    HostPolicy policy = HostPolicy.builder()
        .profile("minimal")
        .namespace("INFLOOP")
        .settings(Settings.fromEnvironment(env))           // INFLOOP_API_TOKEN, INFLOOP_LOGIN_RATE_LIMIT, ...
        .build();
    WebhookTrigger deploy = WebhookTrigger.builder("deploy").unsigned().build();

    try (GuardedHttpServer server = GuardedHttpServer.builder(LoopbackAddress.ipv4())
        .port(0, 1)                                       // or .port(8080, 10): 8080, 8081, ... 8089
        .guards(bound -> HttpGuards.builder(bound)
            .policy(policy)                               // token, ALLOW_INSECURE, bind guard, rate limits
            .audit(auditSink)
            .browserLogin()                               // GET/POST /login, POST /logout, page redirects
            .webhooks(WebhookRoutes.of(List.of(WebhookRoute.enabled(triggerId, deploy))), inbox::add)
            .build())                                     // a network bind without a token throws here
        .start()) {
      server.context("/api/", exchange -> {
        String who = (String) exchange.getAttribute(HttpGuards.AUTHENTICATED_ATTRIBUTE); // "api-token"
        byte[] body = ("{\"caller\":\"" + who + "\"}").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(body);
        }
      });
      // end-snippet
      URI base = server.uri();
      HttpResponse<String> anonymous = client.send(HttpRequest.newBuilder(base.resolve("/api/runs")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(anonymous.statusCode()).isEqualTo(401);
      assertThat(anonymous.headers().firstValue("WWW-Authenticate")).contains("Bearer");
      HttpResponse<String> ok = client.send(HttpRequest.newBuilder(base.resolve("/api/runs"))
          .header("Authorization", "Bearer " + apiToken.revealUtf8()).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(ok.statusCode()).isEqualTo(200);
      assertThat(ok.body()).isEqualTo("{\"caller\":\"api-token\"}");
      assertThat(ok.headers().firstValue("Content-Security-Policy")).isPresent();
      HttpResponse<String> hook = client.send(HttpRequest.newBuilder(base.resolve("/hooks/" + triggerId))
          .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(hook.statusCode()).isEqualTo(202);
      assertThat(inbox).hasSize(1);
      HttpResponse<String> login = client.send(HttpRequest.newBuilder(base.resolve("/login")).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(login.body()).contains("<form method=\"post\" action=\"/login\">");
      auditSink.assertNoLeaks();
    }
  }

  @Test
  void devloopEvents() throws Exception {
    Secret runToken = TokenMint.mint();
    InMemoryAuditSink auditSink = InMemoryAuditSink.create().forbidding(runToken);
    Map<String, String> state = new ConcurrentHashMap<>();
    List<String> started = new CopyOnWriteArrayList<>();
    // snippet: http-events
    EventReceiver receiver = event -> {                     // data only: stored, never run
      state.put(event.stateKey(), event.value());
      started.add(event.workflow());
    };
    try (GuardedHttpServer server = GuardedHttpServer.builder(LoopbackAddress.ipv4())
        .guards(bound -> HttpGuards.builder(bound)
            .apiToken(runToken)                            // per run; handed to children in their env
            .audit(auditSink)
            .events(List.of(
                EventRoute.of("build-done", "build.status", "deploy").withPattern("ok|failed"),
                EventRoute.of("note", "notes.latest", "notify").withMaxValueChars(280)),
                receiver)
            .build())
        .start()) {
      // a child: curl -X POST -H "Authorization: Bearer $RUN_TOKEN" -d '{"value":"ok"}' "$EVENTS_URL/build-done"
      // end-snippet
      HttpResponse<String> r = client.send(HttpRequest.newBuilder(server.uri().resolve("/events/build-done"))
          .header("Authorization", "Bearer " + runToken.revealUtf8())
          .POST(HttpRequest.BodyPublishers.ofString("{\"value\":\"ok\"}")).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).isEqualTo(204);
      HttpResponse<String> partial = client.send(HttpRequest.newBuilder(server.uri().resolve("/events/build-done"))
          .header("Authorization", "Bearer " + runToken.revealUtf8())
          .POST(HttpRequest.BodyPublishers.ofString("{\"value\":\"ok; rm -rf /\"}")).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(partial.statusCode()).isEqualTo(422);
      assertThat(state).containsExactly(Map.entry("build.status", "ok"));
      assertThat(started).containsExactly("deploy");
    }
  }

  @Test
  void aHostGuardAndTheNeutralChain() {
    Secret token = TokenMint.mint();
    // snippet: http-custom-guard
    HttpGuard readOnlyApi = (request, chain) -> request.method().equals("GET") || request.method().equals("HEAD")
        ? chain.proceed(request)
        : Outcome.respond(GuardResponse.error(405, "acme.read-only", request.correlationId()));

    HttpGuards guards = HttpGuards.builder(new InetSocketAddress(InetAddress.getLoopbackAddress(), 8080))
        .apiToken(token)
        .audit(dev.hostpolicy.api.spi.AuditSink.discarding())
        .guard(readOnlyApi)                                // runs after the built-ins, on authenticated requests
        .build();

    GuardRequest request = GuardRequest.builder("DELETE", "/api/runs/7")
        .headers(RequestHeaders.builder()
            .add("Host", "127.0.0.1:8080")
            .add("Authorization", "Bearer " + token.revealUtf8())
            .build())
        .build();
    Outcome outcome = guards.handle(request);              // Respond(405 acme.read-only), x-correlation-id set
    // end-snippet
    assertThat(outcome).isInstanceOf(Outcome.Respond.class);
    GuardResponse r = ((Outcome.Respond) outcome).response();
    assertThat(r.status()).isEqualTo(405);
    assertThat(r.header("x-correlation-id")).contains(request.correlationId().value());
  }
}
