package dev.hostpolicy.docs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hostpolicy.api.Decision;
import dev.hostpolicy.api.PolicyViolationException;
import dev.hostpolicy.api.Secret;
import dev.hostpolicy.api.spi.AuditSink;
import dev.hostpolicy.api.spi.PolicyKeys;
import dev.hostpolicy.core.HostPolicy;
import dev.hostpolicy.core.Settings;
import dev.hostpolicy.core.audit.JsonlAuditSink;
import dev.hostpolicy.core.cloudinit.CloudConfig;
import dev.hostpolicy.core.cloudinit.WriteFile;
import dev.hostpolicy.core.env.EnvironmentSnapshot;
import dev.hostpolicy.core.env.ProductionGate;
import dev.hostpolicy.core.fs.WorkspaceFiles;
import dev.hostpolicy.core.fs.WorkspacePaths;
import dev.hostpolicy.core.net.BindDecision;
import dev.hostpolicy.core.net.LoopbackAddress;
import dev.hostpolicy.core.permission.ActionKind;
import dev.hostpolicy.core.permission.PermissionDecision;
import dev.hostpolicy.core.permission.PermissionPolicy;
import dev.hostpolicy.core.permission.PermissionRequest;
import dev.hostpolicy.core.profile.DevboxProfile;
import dev.hostpolicy.core.profile.DevloopProfile;
import dev.hostpolicy.core.profile.DevtoolsProfile;
import dev.hostpolicy.core.text.HtmlEscaper;
import dev.hostpolicy.core.text.JsEscaper;
import dev.hostpolicy.core.token.TokenMint;
import dev.hostpolicy.core.token.TriggerId;
import dev.hostpolicy.core.validate.GitRemoteValidator;
import dev.hostpolicy.core.validate.KeyPathGuard;
import dev.hostpolicy.core.validate.ListeningProbe;
import dev.hostpolicy.core.validate.OnDemandTlsGuard;
import dev.hostpolicy.core.validate.Slugs;
import dev.hostpolicy.core.webhook.WebhookTrigger;
import dev.hostpolicy.http.EventEnvironment;
import dev.hostpolicy.http.EventRoute;
import dev.hostpolicy.http.HttpGuards;
import dev.hostpolicy.http.ReceivedWebhook;
import dev.hostpolicy.http.WebhookRoute;
import dev.hostpolicy.http.WebhookRoutes;
import dev.hostpolicy.http.jdk.GuardedHttpServer;
import dev.hostpolicy.process.Egress;
import dev.hostpolicy.process.LaunchSpec;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The compiled, run examples of docs/recipes/*.md. */
class RecipesDocTest {
  @TempDir Path dir;

  @Test
  void devloop() throws Exception {
    AuditSink auditSink = AuditSink.discarding();
    Map<String, String> state = new ConcurrentHashMap<>();
    Path projectDir = Files.createDirectories(dir.resolve("project"));
    // snippet: recipe-devloop
    HostPolicy policy = HostPolicy.builder().profile("devloop").namespace("DEVLOOP").build();
    Secret runToken = TokenMint.mint();                            // per run, in memory only
    List<EventRoute> events = List.of(
        EventRoute.of("build-done", "build.status", "deploy").withPattern("ok|failed"),   // RE2: linear time
        EventRoute.of("note", "notes.latest", "notify").withMaxValueChars(280));
    try (GuardedHttpServer server = GuardedHttpServer.builder(LoopbackAddress.ipv4())    // loopback by type
        .port(Math.toIntExact(policy.get(DevloopProfile.EVENTS_PORT)), 1)                  // 0: ephemeral
        .guards(bound -> HttpGuards.builder(bound)
            .apiToken(runToken)
            .audit(auditSink)
            .events(events, event -> state.put(event.stateKey(), event.value()))           // data, never shell
            .build())
        .start()) {
      Map<String, String> inject = EventEnvironment.forChildren(                          // refuses colliding names
          policy.get(DevloopProfile.ENV_PREFIX), server.uri(), runToken, events);
      LaunchSpec step = LaunchSpec.builder()
          .argv("make", "test")
          .workspace(WorkspacePaths.of(projectDir))
          .environment(policy.environmentScrubber())     // base allowlist; the parent's DEVLOOP_* removed
          .inject(inject)                                 // DEVLOOP_EVENTS_URL, DEVLOOP_TOKEN, DEVLOOP_EVENT_NOTE_URL, ...
          .egress(Egress.fromPolicy(policy, List.of("127.0.0.1:" + server.address().getPort())))
          .build();
      // end-snippet
      assertThat(server.address().getAddress().isLoopbackAddress()).isTrue();
      assertThat(inject).containsKeys("DEVLOOP_EVENTS_URL", "DEVLOOP_TOKEN", "DEVLOOP_EVENT_BUILD_DONE_URL", "DEVLOOP_EVENT_NOTE_URL");
      assertThat(step.toString()).doesNotContain(runToken.revealUtf8());
    }
  }

  @Test
  void infiniteLoop() throws Exception {
    Map<String, String> env = Map.of("INFLOOP_API_TOKEN", "inflooptoken_0123456789abcdef");
    Path dataDir = dir.resolve("data");
    InetAddress bindAddress = InetAddress.getLoopbackAddress();
    int port = 8080;
    Secret webhookSecret = Secret.fromUtf8("webhook-secret-0123456789");
    ConcurrentLinkedQueue<ReceivedWebhook> inbox = new ConcurrentLinkedQueue<>();
    // snippet: recipe-infinite-loop
    HostPolicy policy = HostPolicy.builder()
        .profile("infinite-loop")
        .namespace("INFLOOP")
        .settings(Settings.fromEnvironment(env))       // INFLOOP_API_TOKEN, INFLOOP_LOGIN_RATE_LIMIT, ...
        .dataDir(dataDir)
        .build();                                      // a malformed setting throws, naming it
    BindDecision bind = policy.bindGuard().check(bindAddress, port,
        policy.apiToken().isPresent(), policy.get(PolicyKeys.ALLOW_INSECURE));   // 0.0.0.0 without a token: bind.insecure
    bind.banner().ifPresent(System.err::println);      // the loud banner of the insecure opt-in
    JsonlAuditSink audit = policy.openAuditLog();      // hash-chained JSONL, rotation from AUDIT_MAX_BYTES/FILES
    WebhookTrigger push = WebhookTrigger.builder("github-push").scheme("github").secret(webhookSecret).build();
    HttpGuards guards = HttpGuards.builder(new InetSocketAddress(bindAddress, port))
        .policy(policy)                                // the token, the insecure opt-in, login 20/min, webhooks 120/min
        .audit(audit)
        .browserLogin()                                // HttpOnly SameSite=Strict cookie holding a hash of the token
        .webhooks(WebhookRoutes.of(List.of(WebhookRoute.enabled(TriggerId.generate(), push))), inbox::add)
        .build();
    // end-snippet
    assertThat(bind.decision().allowed()).isTrue();
    assertThat(guards.guards()).isNotEmpty();
    audit.close();
    HostPolicy noToken = HostPolicy.builder().profile("infinite-loop").namespace("INFLOOP").build();
    assertThatThrownBy(() -> noToken.bindGuard().check(InetAddress.getByName("0.0.0.0"), 8080, false, false))
        .isInstanceOf(PolicyViolationException.class).hasMessageStartingWith("bind.insecure");
  }

  @Test
  void infiniteLoopAgent() throws Exception {
    HostPolicy policy = HostPolicy.builder().profile("infinite-loop").namespace("INFLOOP").build();
    Path workspace = Files.createDirectories(dir.resolve("ws"));
    String prompt = "fix the build";
    List<String> manifestAllow = List.of("api.anthropic.com");
    // snippet: recipe-infinite-loop-agent
    LaunchSpec agent = LaunchSpec.builder()
        .argv("claude", "-p", prompt)                      // argv: the prompt is one argument, never shell
        .workspace(WorkspacePaths.of(workspace))
        .environment(policy.environmentScrubber())         // INFLOOP_* and cloud keys never reach the agent
        .egress(Egress.fromPolicy(policy, manifestAllow))  // per-run proxy: allowlist only; private, metadata refused
        .build();
    // end-snippet
    assertThat(agent.toString()).doesNotContain("INFLOOP_API_TOKEN");
  }

  @Test
  void devbox() throws Exception {
    String name = "</h1><script>alert(1)</script>";
    String nonce = "abc123";
    JsonNode json = new ObjectMapper().readTree("{\"name\":\"web-1\",\"__proto__\":{\"admin\":true}}");
    String repo = "https://github.com/acme/app.git";
    String slug = "web-1";
    String motd = "hello\nkey: value";
    // snippet: recipe-devbox
    HostPolicy policy = HostPolicy.builder()
        .profile("devbox")
        .set(DevboxProfile.TLS_BASE_DOMAIN, "dev.example.com")          // the host's own rule
        .build();
    String html = "<h1>" + HtmlEscaper.text(name) + "</h1>"
        + "<input value=\"" + HtmlEscaper.attribute(name) + "\">"
        + "<script nonce=\"" + nonce + "\">const boxName = \"" + JsEscaper.stringContent(name) + "\";</script>";
    Decision keys = KeyPathGuard.builder()
        .maxDepth(Math.toIntExact(policy.get(DevboxProfile.MAX_KEY_DEPTH)))
        .build()
        .checkTree(json);                                  // __proto__, constructor, prototype, too deep
    Decision remote = GitRemoteValidator.strict().check(repo);   // ext::, file://, option injection, credentials
    Decision id = Slugs.check(slug);
    String userData = CloudConfig.builder()
        .writeFile(WriteFile.text("/etc/motd", motd))      // every value a double-quoted YAML string
        .runcmd("git", "clone", "--", repo, "/srv/" + slug)   // an argv list, no shell
        .build()
        .toYaml();
    OnDemandTlsGuard ask = OnDemandTlsGuard.builder(policy.get(DevboxProfile.TLS_BASE_DOMAIN))
        .listeningProbe(ListeningProbe.loopbackTcp(Duration.ofMillis(250)))
        .build();                                          // <port>.dev.example.com, and the port must listen
    // end-snippet
    assertThat(html).doesNotContain("<script>alert");
    assertThat(keys.reason()).isEqualTo("keypath.forbidden-segment");
    assertThat(remote.allowed()).isTrue();
    assertThat(id.allowed()).isTrue();
    assertThat(userData).startsWith("#cloud-config").contains("\"key: value\"".replace("key: value", "hello\\nkey: value"));
    assertThat(ask.check("3000.dev.example.com.evil.test").reason()).isEqualTo("tls.domain-mismatch");
  }

  @Test
  void devtools() throws Exception {
    Map<String, String> env = Map.of("NODE_ENV", "development");
    boolean force = false;
    AuditSink auditSink = AuditSink.discarding();
    Path workspace = Files.createDirectories(dir.resolve("ws"));
    Files.createDirectories(workspace.resolve("src"));
    Files.writeString(workspace.resolve("src/app.js"), "console.log(1)");
    // snippet: recipe-devtools
    HostPolicy policy = HostPolicy.builder()
        .profile("devtools")
        .namespace("DEVTOOLS")
        .settings(Settings.fromEnvironment(env))
        .build();
    ProductionGate.builder()
        .context(EnvironmentSnapshot.of(env, Map.of()))
        .build()
        .requireDevelopment(force);                        // env.production unless forced
    Secret pairing = TokenMint.mint();                     // 32 random bytes, this process only, never persisted
    WorkspaceFiles files = WorkspaceFiles.of(WorkspacePaths.of(workspace));
    PermissionPolicy permissions = policy.permissionPolicy();   // read auto, edit ask, execute/fetch/MCP deny
    try (GuardedHttpServer server = GuardedHttpServer.builder(LoopbackAddress.ipv4())
        .port(Math.toIntExact(policy.get(DevtoolsProfile.DEFAULT_PORT)),       // 7337, 7338, ... 7346
            Math.toIntExact(policy.get(DevtoolsProfile.PORT_ATTEMPTS)))       // all taken: BindException
        .guards(bound -> HttpGuards.builder(bound).apiToken(pairing).audit(auditSink).build())
        .start()) {
      PermissionDecision edit = permissions.decide(PermissionRequest.of(ActionKind.FILE_EDIT, "src/app.js"));
      byte[] source = files.readAllBytes("src/app.js");   // realpath + containment before the read
      // end-snippet
      assertThat(edit.allowed()).isFalse();
      assertThat(edit.reason()).isEqualTo("permission.no-approver");
      assertThat(source).isNotEmpty();
      assertThat(server.address().getPort()).isBetween(7337, 7346);
    }
    assertThatThrownBy(() -> files.readAllBytes("../ws/../../etc/passwd")).isInstanceOf(PolicyViolationException.class);
  }
}
