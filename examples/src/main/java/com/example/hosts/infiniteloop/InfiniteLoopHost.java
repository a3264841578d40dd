package com.example.hosts.infiniteloop;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import dev.hostpolicy.api.PolicyViolationException;
import dev.hostpolicy.api.Secret;
import dev.hostpolicy.api.WebhookHeaders;
import dev.hostpolicy.api.spi.AuditSink;
import dev.hostpolicy.api.spi.PolicyKeys;
import dev.hostpolicy.core.HostPolicy;
import dev.hostpolicy.core.Settings;
import dev.hostpolicy.core.budget.BudgetExceededException;
import dev.hostpolicy.core.budget.CostLedger;
import dev.hostpolicy.core.budget.RunBudget;
import dev.hostpolicy.core.fs.SecureFiles;
import dev.hostpolicy.core.fs.WorkspacePaths;
import dev.hostpolicy.core.net.BindDecision;
import dev.hostpolicy.core.net.LoopbackAddress;
import dev.hostpolicy.core.profile.InfiniteLoopProfile;
import dev.hostpolicy.core.token.RunId;
import dev.hostpolicy.core.token.TokenMint;
import dev.hostpolicy.core.token.TriggerId;
import dev.hostpolicy.core.webhook.WebhookTrigger;
import dev.hostpolicy.http.HttpGuards;
import dev.hostpolicy.http.ReceivedWebhook;
import dev.hostpolicy.http.WebhookRoute;
import dev.hostpolicy.http.WebhookRoutes;
import dev.hostpolicy.http.jdk.GuardedHttpServer;
import dev.hostpolicy.http.jdk.JdkGuardFilter;
import dev.hostpolicy.process.CapturedOutput;
import dev.hostpolicy.process.ChildOutput;
import dev.hostpolicy.process.Egress;
import dev.hostpolicy.process.LaunchSpec;
import dev.hostpolicy.process.ProcessLauncher;
import dev.hostpolicy.process.RunResult;
import dev.hostpolicy.process.RunningChild;
import dev.hostpolicy.process.recovery.ActiveRun;
import dev.hostpolicy.process.recovery.PidRegistry;
import dev.hostpolicy.process.recovery.RecoveryReport;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * An Infinite-Loop-style agent runner built only from HostPolicy's public API: the
 * {@code infinite-loop} profile with the {@code INFLOOP} namespace, the bind guard, bearer auth and
 * a browser login, a GitHub-signed webhook trigger, the login and webhook rate limits, agent
 * children scrubbed and behind the per-run egress proxy, runaway budgets (the run's wall clock kills
 * its process group; the process-wide cost cap refuses new runs), crash recovery (children of a
 * crashed instance reaped on start, its runs reported as interrupted), an audit log with rotation,
 * and its secrets (a generated API token, the webhook secret) at rest owner-only.
 *
 * <pre>{@code
 * try (InfiniteLoopHost host = InfiniteLoopHost.builder(dataDir)
 *     .environment(System.getenv())         // INFLOOP_API_TOKEN, INFLOOP_LOGIN_RATE_LIMIT, ...
 *     .start()) {                           // 0.0.0.0 without INFLOOP_API_TOKEN: bind.insecure
 *   URI api = host.uri().resolve("api/runs");
 *   host.recovery().interrupted();            // runs a crashed predecessor left unfinished
 *   AgentRun run = host.runAgent(workspace, List.of("curl", "-s", "https://example.com"), List.of());
 *   run.budget().charge(new BigDecimal("0.12"));          // the agent's reported cost
 * }
 * }</pre>
 */
public final class InfiniteLoopHost implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(InfiniteLoopHost.class.getName());

  /** The operator-settings namespace: {@code INFLOOP_API_TOKEN}, {@code INFLOOP_LOGIN_RATE_LIMIT}, …. */
  public static final String NAMESPACE = "INFLOOP";

  /** The name of the GitHub push trigger. */
  public static final String GITHUB_TRIGGER = "github-push";

  /** A sample GitHub push body (for the demo's ready-made, signed {@code curl} line). */
  public static final String SAMPLE_PUSH = "{\"ref\":\"refs/heads/main\"}";

  private final HostPolicy policy;
  private final Secret token;
  private final boolean tokenConfigured;
  private final Secret webhookSecret;
  private final TriggerId githubTrigger;
  private final WebhookTrigger github;
  private final AuditSink audit;
  private final Optional<String> banner;
  private final Map<String, String> environment;
  private final ProcessLauncher launcher;
  private final PidRegistry registry;
  private final RecoveryReport recovery;
  private final CostLedger ledger;
  private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "infinite-loop-budget");
    t.setDaemon(true);
    return t;
  });
  private final ConcurrentLinkedQueue<ReceivedWebhook> inbox = new ConcurrentLinkedQueue<>();
  private final AutoCloseable server;
  private final InetSocketAddress address;

  private InfiniteLoopHost(Builder b) throws IOException {
    HostPolicy.Builder pb = HostPolicy.builder()
        .profile(InfiniteLoopProfile.ID)
        .namespace(NAMESPACE)
        .settings(Settings.fromEnvironment(b.environment))
        .dataDir(b.dataDir)
        .classLoader(b.classLoader)
        .trust(b.trust.toArray(String[]::new));
    if (!b.agentEgressAllow.isEmpty()) {
      pb.add(PolicyKeys.EGRESS_ALLOW, b.agentEgressAllow.toArray(String[]::new));
    }
    this.policy = pb.build();
    this.environment = Map.copyOf(b.environment);

    // 1. The bind guard, before anything listens: a network address needs INFLOOP_API_TOKEN
    //    (or INFLOOP_ALLOW_INSECURE=true, which yields a banner). Throws bind.insecure.
    InetAddress bindAddress = InetAddress.getByName(b.bindHost);
    BindDecision bind = policy.bindGuard()
        .check(bindAddress, b.port, policy.apiToken().isPresent(), policy.get(PolicyKeys.ALLOW_INSECURE));
    this.banner = bind.banner();
    banner.ifPresent(text -> LOG.log(System.Logger.Level.WARNING, text));

    // 2. Secrets at rest: a private data directory, owner-only atomic writes.
    SecureFiles.createPrivateDirectories(b.dataDir);
    this.tokenConfigured = policy.apiToken().isPresent();
    this.token = policy.apiToken().orElse(loadOrMint(b.dataDir.resolve("api-token")));
    this.webhookSecret = loadOrMint(b.dataDir.resolve("webhook-secret"));

    // 3. The audit log of the data directory (rotation from INFLOOP_AUDIT_MAX_BYTES / _FILES).
    //    Both secrets are screened: a line that would contain one holds [redacted] instead.
    this.audit = policy.openAuditLog(policy.auditOptions().toBuilder().redacting(token, webhookSecret).build());

    // 4. A GitHub-signed trigger behind an unguessable id; the scheme is found by ServiceLoader.
    this.githubTrigger = TriggerId.generate();
    this.github = WebhookTrigger.builder(GITHUB_TRIGGER).classLoader(b.classLoader).scheme("github").secret(webhookSecret).build();
    WebhookRoutes routes = WebhookRoutes.of(List.of(WebhookRoute.enabled(githubTrigger, github)));

    // 5. Crash recovery before serving: reap what a crashed instance sharing this data directory left
    //    (only where pid and start time still match), report its runs as interrupted (run.reconciled).
    //    Runaway budgets: INFLOOP_MAX_RUN_DURATION_MS per agent run, INFLOOP_MAX_TOTAL_COST_USD overall.
    try {
      this.registry = PidRegistry.open(b.dataDir, audit);
      this.recovery = registry.recover(run -> LOG.log(System.Logger.Level.WARNING,
          "run " + run.runId() + " of a crashed instance was interrupted; recorded as failed"));
    } catch (IOException | RuntimeException e) {
      closeQuietly(audit);
      throw e;
    }
    this.ledger = CostLedger.create(policy.budgetLimits());
    this.launcher = ProcessLauncher.builder().auditSink(audit).observer(registry.observer()).build();

    // 6. The guard chain: Host/Origin, tokens in URLs, webhooks (per-trigger 120/min), browser login
    //    (global 20/min, HttpOnly SameSite=Strict cookie), bearer auth, security headers.
    HttpHandler api = this::api;
    try {
      if (bindAddress.isLoopbackAddress()) {
        GuardedHttpServer s = GuardedHttpServer.builder(LoopbackAddress.of(bindAddress))
            .port(b.port, 1)
            .guards(bound -> guards(bound, routes))
            .start();
        s.context("/api/", api);
        this.server = s;
        this.address = s.address();
      } else {
        HttpServer raw = HttpServer.create(new InetSocketAddress(bindAddress, b.port), 0);
        HttpGuards guards;
        try {
          guards = guards(raw.getAddress(), routes);
        } catch (RuntimeException e) {
          raw.start();
          raw.stop(0);
          throw e;
        }
        JdkGuardFilter filter = JdkGuardFilter.of(guards);
        raw.createContext("/", exchange -> json(exchange, 404, "{\"error\":\"not-found\"}")).getFilters().add(filter);
        raw.createContext("/api/", api).getFilters().add(filter);
        ExecutorService pool = Executors.newFixedThreadPool(4, r -> {
          Thread t = new Thread(r, "infinite-loop-http");
          t.setDaemon(true);
          return t;
        });
        raw.setExecutor(pool);
        raw.start();
        this.server = () -> {
          raw.stop(0);
          pool.shutdownNow();
        };
        this.address = raw.getAddress();
      }
    } catch (IOException | RuntimeException e) {
      closeQuietly(registry);
      closeQuietly(audit);
      throw e;
    }
  }

  private HttpGuards guards(InetSocketAddress bound, WebhookRoutes routes) {
    return HttpGuards.builder(bound)
        .policy(policy)               // INFLOOP_ALLOW_INSECURE, the bind guard, both rate limits
        .apiToken(token)              // the configured token, or the generated one
        .audit(audit)
        .browserLogin()
        .loginTitle("Infinite Loop (HostPolicy example)")
        .webhooks(routes, inbox::add)
        .build();
  }

  private static Secret loadOrMint(Path file) throws IOException {
    if (Files.exists(file)) {
      var check = SecureFiles.checkPrivate(file);   // fs.permissions-too-open, fs.symlink, ...
      if (!check.allowed()) {
        throw new PolicyViolationException(check);
      }
      return Secret.of(Files.readAllBytes(file));
    }
    Secret fresh = TokenMint.mint();
    SecureFiles.writeAtomically(file, fresh);       // 0600, atomic rename
    return fresh;
  }

  private void api(HttpExchange exchange) throws IOException {
    if (!exchange.getRequestURI().getRawPath().equals("/api/runs")) {
      json(exchange, 404, "{\"error\":\"not-found\"}");
    } else if (!exchange.getRequestMethod().equals("GET")) {
      exchange.getResponseHeaders().set("Allow", "GET");
      json(exchange, 405, "{\"error\":\"method-not-allowed\"}");
    } else {
      String who = String.valueOf(exchange.getAttribute(HttpGuards.AUTHENTICATED_ATTRIBUTE));
      json(exchange, 200, "{\"caller\":\"" + who + "\",\"webhooks\":" + inbox.size() + "}");
    }
  }

  private static void json(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  /** Starts configuring a host whose data (token, webhook secret, audit log) lives in {@code dataDir}. */
  public static Builder builder(Path dataDir) {
    return new Builder(dataDir);
  }

  /**
   * Runs an agent command in {@code workspace}: scrubbed environment (nothing of {@code INFLOOP_*}),
   * the per-run egress proxy with the policy's allowlist, its own process group, audited. Dangerous
   * arguments are refused ({@code agent.dangerous-args-disabled}) unless {@code agent.dangerous-args}
   * is on. The run is admitted by the cost ledger first ({@code budget.total-cost} once the process's
   * total cost reached {@code INFLOOP_MAX_TOTAL_COST_USD}: answer 503 and hold the request), is
   * marked active in the pid registry while it runs, and its process group is stopped when the
   * wall-clock budget ({@code INFLOOP_MAX_RUN_DURATION_MS}) runs out ({@link AgentRun#budgetExceeded()}).
   *
   * @throws BudgetExceededException {@code budget.total-cost} when new runs are not admitted
   */
  public AgentRun runAgent(Path workspace, List<String> argv, List<String> dangerousArgs)
      throws IOException, InterruptedException {
    if (!dangerousArgs.isEmpty() && !policy.get(InfiniteLoopProfile.DANGEROUS_ARGS)) {
      throw new PolicyViolationException("agent.dangerous-args-disabled",
          "this host does not let runs opt in to dangerous arguments (agent.dangerous-args)");
    }
    RunId runId = RunId.generate();
    RunBudget budget = ledger.admit(runId.value());
    budget.step();
    CapturedOutput out = CapturedOutput.upTo(1 << 20);
    CapturedOutput err = CapturedOutput.upTo(1 << 20);
    RunResult result;
    try (ActiveRun marker = registry.beginRun(runId.value())) {
      RunningChild child = launcher.start(LaunchSpec.builder()
        .runId(runId)
        .argv(argv)
        .workspace(WorkspacePaths.of(workspace))
        .workingDirectory(".")
        .environment(policy.environmentScrubber())
        .parentEnvironment(environment)
        .egress(Egress.fromPolicy(policy, List.of()))
        .dangerousArgs(dangerousArgs)
        .stdout(ChildOutput.to(out))
        .stderr(ChildOutput.to(err))
        .build());
      Optional<ScheduledFuture<?>> timer = budget.remainingTime()
          .map(left -> timers.schedule(() -> child.cancel(WALL_CLOCK), Math.max(0, left.toMillis()), TimeUnit.MILLISECONDS));
      try {
        result = child.await();
      } finally {
        timer.ifPresent(t -> t.cancel(false));
      }
    }
    boolean overTime = result.cancelReason().filter(WALL_CLOCK::equals).isPresent();
    return new AgentRun(runId.value(), result.exitCode(), out.text(), err.text(), overTime, budget);
  }

  /** The cumulative cost of this process's runs, in USD (the metric to export). */
  public BigDecimal totalCostUsd() {
    return ledger.totalCostUsd();
  }

  /** What crash recovery found on start: reaped children and interrupted runs of dead instances. */
  public RecoveryReport recovery() {
    return recovery;
  }

  /** The pid registry (this instance's recorded children). */
  public PidRegistry pidRegistry() {
    return registry;
  }

  private static final String WALL_CLOCK = "budget.wall-clock";

  /**
   * What an agent run printed and how it ended.
   *
   * @param runId the run's id (the audit {@code cid})
   * @param exitCode the exit status
   * @param stdout what it printed
   * @param stderr what it printed on stderr
   * @param budgetExceeded whether its wall-clock budget ran out and its process group was stopped
   * @param budget the run's budgets: {@code budget.charge(cost)} records the cost the agent reported
   *     and throws {@link BudgetExceededException} when the run went over
   *     {@code INFLOOP_MAX_RUN_COST_USD} or the process over {@code INFLOOP_MAX_TOTAL_COST_USD} — from
   *     then on {@link #runAgent} refuses new runs
   */
  public record AgentRun(String runId, int exitCode, String stdout, String stderr, boolean budgetExceeded, RunBudget budget) {}

  /** The base URI, {@code http://127.0.0.1:PORT/}. */
  public URI uri() {
    String host = address.getAddress().isAnyLocalAddress() ? "127.0.0.1" : address.getAddress().getHostAddress();
    if (host.contains(":")) {
      host = "[" + host + "]";
    }
    return URI.create("http://" + host + ":" + address.getPort() + "/");
  }

  /** The address the server listens on. */
  public InetSocketAddress address() {
    return address;
  }

  /** The API token: the operator's {@code INFLOOP_API_TOKEN}, or the one generated into the data directory. */
  public Secret token() {
    return token;
  }

  /** Whether the token came from {@code INFLOOP_API_TOKEN} (rather than being generated). */
  public boolean tokenConfigured() {
    return tokenConfigured;
  }

  /** The banner to show when the operator allowed an insecure network bind. */
  public Optional<String> insecureBanner() {
    return banner;
  }

  /** The webhook URL of the GitHub trigger. */
  public URI githubWebhookUri() {
    return uri().resolve("hooks/" + githubTrigger);
  }

  /** The headers GitHub would send with {@code body} (for the demo's signed sample and tests). */
  public WebhookHeaders signGithub(byte[] body) {
    WebhookHeaders signed = github.scheme().orElseThrow()
        .signer(List.of(webhookSecret))
        .sign(body, Instant.now(), Optional.empty());
    return signed.with("X-GitHub-Event", "push");
  }

  /** The deliveries accepted so far. */
  public List<ReceivedWebhook> received() {
    return new ArrayList<>(inbox);
  }

  /** The effective policy. */
  public HostPolicy policy() {
    return policy;
  }

  @Override
  public void close() {
    closeQuietly(server);
    timers.shutdownNow();
    closeQuietly(registry);   // reaps this instance's remaining children; nothing left to recover
    closeQuietly(audit);
  }

  private static void closeQuietly(AutoCloseable c) {
    try {
      c.close();
    } catch (Exception e) {
      LOG.log(System.Logger.Level.WARNING, "close failed: " + e);
    }
  }

  @Override
  public String toString() {
    return "InfiniteLoopHost[" + uri() + "]";
  }

  /** Configures an {@link InfiniteLoopHost}. */
  public static final class Builder {
    private final Path dataDir;
    private String bindHost = "127.0.0.1";
    private int port;
    private Map<String, String> environment = System.getenv();
    private final List<String> agentEgressAllow = new ArrayList<>();
    private final List<String> trust = new ArrayList<>();
    private ClassLoader classLoader = Thread.currentThread().getContextClassLoader();

    private Builder(Path dataDir) {
      this.dataDir = Objects.requireNonNull(dataDir, "dataDir");
    }

    /** The address to listen on, an IP literal; {@code 127.0.0.1} by default. */
    public Builder bind(String host) {
      this.bindHost = Objects.requireNonNull(host, "host");
      return this;
    }

    /** The port; {@code 0} (ephemeral) by default. */
    public Builder port(int port) {
      this.port = port;
      return this;
    }

    /** Where operator settings ({@code INFLOOP_*}) and the children's parent environment come from. */
    public Builder environment(Map<String, String> environment) {
      this.environment = Map.copyOf(environment);
      return this;
    }

    /** Hosts agent children may reach (the host's own {@code egress.allow} entries). */
    public Builder agentEgressAllow(String... patterns) {
      agentEgressAllow.addAll(List.of(patterns));
      return this;
    }

    /** Contributor ids this host trusts to loosen rules. */
    public Builder trust(String... contributorIds) {
      trust.addAll(List.of(contributorIds));
      return this;
    }

    /** Where profiles, contributors and webhook schemes are discovered. */
    public Builder classLoader(ClassLoader loader) {
      this.classLoader = Objects.requireNonNull(loader, "loader");
      return this;
    }

    /**
     * Builds the policy, checks the bind, and starts serving.
     *
     * @throws PolicyViolationException {@code bind.insecure} for a network bind without a token
     * @throws dev.hostpolicy.api.PolicyConfigurationException for a malformed setting or an untrusted
     *     loosening plugin
     */
    public InfiniteLoopHost start() throws IOException {
      return new InfiniteLoopHost(this);
    }
  }
}
