package com.example.hosts.infiniteloop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.hostpolicy.api.PolicyViolationException;
import dev.hostpolicy.api.WebhookHeaders;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Infinite-Loop-style example's security model, end to end over real sockets and real children. */
class InfiniteLoopHostIT {
  private static final String TOKEN = "inflooptoken_0123456789abcdefghij";
  private final HttpClient http = HttpClient.newHttpClient();

  @TempDir Path dir;

  @Test
  void refusesToListenOnEveryInterfaceWithoutAToken() {
    Path data = dir.resolve("data");
    assertThatThrownBy(() -> InfiniteLoopHost.builder(data).bind("0.0.0.0").environment(Map.of()).start())
        .isInstanceOf(PolicyViolationException.class)
        .satisfies(e -> assertThat(((PolicyViolationException) e).reason()).isEqualTo("bind.insecure"))
        .hasMessageContaining("INFLOOP_API_TOKEN");
    assertThat(data).doesNotExist();    // refused before anything was written or bound
  }

  @Test
  void listensOnTheNetworkWithATokenAndDemandsIt() throws Exception {
    try (InfiniteLoopHost host = InfiniteLoopHost.builder(dir.resolve("data")).bind("0.0.0.0")
        .environment(Map.of("INFLOOP_API_TOKEN", TOKEN)).start()) {
      assertThat(host.address().getAddress().isAnyLocalAddress()).isTrue();
      assertThat(host.tokenConfigured()).isTrue();
      URI runs = host.uri().resolve("api/runs");
      assertThat(get(runs, null).statusCode()).isEqualTo(401);
      HttpResponse<String> ok = get(runs, TOKEN);
      assertThat(ok.statusCode()).isEqualTo(200);
      assertThat(ok.body()).contains("\"caller\":\"api-token\"");
      assertThat(ok.headers().firstValue("content-security-policy")).isPresent();
      assertThat(get(URI.create(runs + "?token=" + TOKEN), TOKEN).statusCode()).isEqualTo(400);   // token.in-url
    }
  }

  @Test
  void loopbackWithoutATokenGeneratesOneOwnerOnlyAndNeverLogsIt() throws Exception {
    Path data = dir.resolve("data");
    String token;
    try (InfiniteLoopHost host = InfiniteLoopHost.builder(data).environment(Map.of()).start()) {
      assertThat(host.tokenConfigured()).isFalse();
      assertThat(host.address().getAddress().isLoopbackAddress()).isTrue();
      token = host.token().revealUtf8();
      assertThat(get(host.uri().resolve("api/runs"), token).statusCode()).isEqualTo(200);
      assertThat(get(host.uri().resolve("api/runs"), "x" + token.substring(1)).statusCode()).isEqualTo(401);
    }
    for (String secret : List.of("api-token", "webhook-secret")) {
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data.resolve(secret)))).isEqualTo("rw-------");
    }
    try (InfiniteLoopHost again = InfiniteLoopHost.builder(data).environment(Map.of()).start()) {
      assertThat(again.token().revealUtf8()).isEqualTo(token);        // kept across restarts
    }
    try (Stream<Path> files = Files.walk(data)) {
      for (Path f : files.filter(Files::isRegularFile).filter(f -> !f.getFileName().toString().equals("api-token")).toList()) {
        assertThat(Files.readString(f, StandardCharsets.ISO_8859_1)).as(f.toString()).doesNotContain(token);
      }
    }
  }

  @Test
  void acceptsOnlyGithubSignedWebhooks() throws Exception {
    try (InfiniteLoopHost host = InfiniteLoopHost.builder(dir.resolve("data")).environment(Map.of()).start()) {
      byte[] body = InfiniteLoopHost.SAMPLE_PUSH.getBytes(StandardCharsets.UTF_8);
      URI hook = host.githubWebhookUri();

      assertThat(post(hook, body, WebhookHeaders.empty()).statusCode()).isEqualTo(401);          // unsigned
      WebhookHeaders signed = host.signGithub(body);
      byte[] tampered = "{\"ref\":\"refs/heads/evil\"}".getBytes(StandardCharsets.UTF_8);
      assertThat(post(hook, tampered, signed).statusCode()).isEqualTo(401);                       // mismatch
      assertThat(post(host.uri().resolve("hooks/" + "A".repeat(24)), body, signed).statusCode()).isEqualTo(404);
      HttpResponse<String> accepted = post(hook, body, signed);
      assertThat(accepted.statusCode()).isEqualTo(202);
      assertThat(host.received()).singleElement().satisfies(w -> assertThat(w.body()).isEqualTo(body));
    }
  }

  @Test
  void rateLimitsLoginsGloballyWith429AndRetryAfter() throws Exception {
    try (InfiniteLoopHost host = InfiniteLoopHost.builder(dir.resolve("data"))
        .environment(Map.of("INFLOOP_LOGIN_RATE_LIMIT", "3/min")).start()) {
      URI login = host.uri().resolve("login");
      assertThat(get(login, null).body()).contains("<form");
      for (int i = 0; i < 3; i++) {
        assertThat(login(login, "wrong-token-" + i).statusCode()).isEqualTo(403);
      }
      HttpResponse<String> limited = login(login, host.token().revealUtf8());   // even the right token
      assertThat(limited.statusCode()).isEqualTo(429);
      assertThat(limited.headers().firstValue("retry-after")).isPresent();
    }
  }

  @Test
  void aRightLoginSetsAStrictHttpOnlyCookieThatIsNotTheToken() throws Exception {
    try (InfiniteLoopHost host = InfiniteLoopHost.builder(dir.resolve("data")).environment(Map.of()).start()) {
      String token = host.token().revealUtf8();
      HttpResponse<String> r = login(host.uri().resolve("login"), token);
      assertThat(r.statusCode()).isEqualTo(303);
      String cookie = r.headers().firstValue("set-cookie").orElseThrow();
      assertThat(cookie).contains("HttpOnly").contains("SameSite=Strict").doesNotContain(token);
    }
  }

  @Test
  void agentChildrenAreScrubbedAndCannotReachPrivateAddresses() throws Exception {
    AtomicInteger hits = new AtomicInteger();
    HttpServer internal = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    internal.createContext("/", ex -> {
      hits.incrementAndGet();
      ex.sendResponseHeaders(204, -1);
      ex.close();
    });
    internal.start();
    Path workspace = Files.createDirectories(dir.resolve("ws"));
    int port = internal.getAddress().getPort();
    try (InfiniteLoopHost host = InfiniteLoopHost.builder(dir.resolve("data"))
        .environment(Map.of("INFLOOP_API_TOKEN", TOKEN, "PATH", System.getenv("PATH"), "AWS_SECRET_ACCESS_KEY", "aws-secret"))
        .agentEgressAllow("localhost:" + port)          // allowed by name, but it resolves to loopback
        .start()) {
      InfiniteLoopHost.AgentRun viaName = host.runAgent(workspace,
          List.of("curl", "-s", "-o", "/dev/null", "-D", "-", "http://localhost:" + port + "/"), List.of());
      assertThat(viaName.stdout()).startsWith("HTTP/1.1 403").containsIgnoringCase("x-hostpolicy-deny: egress.private-address");

      InfiniteLoopHost.AgentRun metadata = host.runAgent(workspace,
          List.of("curl", "-s", "-o", "/dev/null", "-D", "-", "http://169.254.169.254/latest/meta-data/"), List.of());
      assertThat(metadata.stdout()).startsWith("HTTP/1.1 403").containsIgnoringCase("x-hostpolicy-deny: egress.");

      InfiniteLoopHost.AgentRun env = host.runAgent(workspace, List.of("env"), List.of());
      assertThat(env.stdout()).contains("HTTP_PROXY=http://").doesNotContain(TOKEN).doesNotContain("INFLOOP_")
          .doesNotContain("aws-secret");
      assertThat(hits).hasValue(0);

      assertThatThrownBy(() -> host.runAgent(workspace, List.of("true"), List.of("--dangerously-skip-permissions")))
          .isInstanceOf(PolicyViolationException.class)
          .hasMessageContaining("agent.dangerous-args-disabled");
    } finally {
      internal.stop(0);
    }
  }

  @Test
  void aRunawayAgentIsStoppedAndTheCostCapRefusesNewRuns() throws Exception {
    Path workspace = Files.createDirectories(dir.resolve("ws"));
    Path data = dir.resolve("data");
    try (InfiniteLoopHost host = InfiniteLoopHost.builder(data)
        .environment(Map.of("INFLOOP_API_TOKEN", TOKEN, "PATH", System.getenv("PATH"),
            "INFLOOP_MAX_RUN_DURATION_MS", "300", "INFLOOP_MAX_TOTAL_COST_USD", "1.00"))
        .start()) {
      assertThat(host.recovery().nothingToRecover()).isTrue();
      // the agent leaves a grandchild behind; the wall-clock budget stops the whole process group
      InfiniteLoopHost.AgentRun runaway = host.runAgent(workspace, List.of("sh", "-c", "sleep 60 & echo $!; wait"), List.of());
      assertThat(runaway.budgetExceeded()).isTrue();
      long grandchild = Long.parseLong(runaway.stdout().trim());
      ProcessHandle.of(grandchild).ifPresent(h ->
          assertThat(h.onExit().orTimeout(20, java.util.concurrent.TimeUnit.SECONDS).join().isAlive()).isFalse());

      InfiniteLoopHost.AgentRun quick = host.runAgent(workspace, List.of("true"), List.of());
      assertThat(quick.budgetExceeded()).isFalse();
      assertThat(quick.exitCode()).isZero();
      // the agent reports its cost: over the process-wide cap, the charge fails and no run is admitted
      assertThatThrownBy(() -> quick.budget().charge(new java.math.BigDecimal("1.50")))
          .isInstanceOf(PolicyViolationException.class)
          .satisfies(e -> assertThat(((PolicyViolationException) e).reason()).isEqualTo("budget.total-cost"));
      assertThat(host.totalCostUsd()).isEqualByComparingTo("1.50");
      assertThatThrownBy(() -> host.runAgent(workspace, List.of("true"), List.of()))
          .isInstanceOf(PolicyViolationException.class)
          .satisfies(e -> assertThat(((PolicyViolationException) e).reason()).isEqualTo("budget.total-cost"));
    }
    // a normal shutdown leaves nothing for the next instance to recover
    for (String registryDir : List.of("pids", "active-runs")) {
      Path d = data.resolve(registryDir);
      if (Files.exists(d)) {
        try (Stream<Path> left = Files.list(d)) {
          assertThat(left).as(registryDir).isEmpty();
        }
      }
    }
    try (InfiniteLoopHost next = InfiniteLoopHost.builder(data)
        .environment(Map.of("INFLOOP_API_TOKEN", TOKEN, "PATH", System.getenv("PATH"))).start()) {
      assertThat(next.recovery().nothingToRecover()).isTrue();
    }
  }

  private HttpResponse<String> get(URI uri, String bearer) throws IOException, InterruptedException {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri).GET();
    if (bearer != null) {
      b.header("Authorization", "Bearer " + bearer);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> post(URI uri, byte[] body, WebhookHeaders headers) throws IOException, InterruptedException {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.ofByteArray(body))
        .header("Content-Type", "application/json");
    for (Map.Entry<String, String> h : headers.entries()) {
      b.header(h.getKey(), h.getValue());
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> login(URI uri, String token) throws IOException, InterruptedException {
    return http.send(HttpRequest.newBuilder(uri)
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString("token=" + token)).build(), HttpResponse.BodyHandlers.ofString());
  }
}
