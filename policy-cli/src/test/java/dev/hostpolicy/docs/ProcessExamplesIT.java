package dev.hostpolicy.docs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hostpolicy.api.spi.AuditSink;
import dev.hostpolicy.core.HostPolicy;
import dev.hostpolicy.core.env.EnvironmentScrubber;
import dev.hostpolicy.core.env.ScrubResult;
import dev.hostpolicy.core.fs.WorkspacePaths;
import dev.hostpolicy.core.permission.ActionKind;
import dev.hostpolicy.core.permission.PermissionPolicy;
import dev.hostpolicy.core.token.RunId;
import dev.hostpolicy.process.CapturedOutput;
import dev.hostpolicy.process.ChildInfo;
import dev.hostpolicy.process.ChildOutput;
import dev.hostpolicy.process.Egress;
import dev.hostpolicy.process.LaunchSpec;
import dev.hostpolicy.process.ProcessLauncher;
import dev.hostpolicy.process.RunObserver;
import dev.hostpolicy.process.RunResult;
import dev.hostpolicy.process.RunningChild;
import dev.hostpolicy.process.manifest.ProviderManifest;
import dev.hostpolicy.process.manifest.ProviderManifest.DangerousArgs;
import dev.hostpolicy.testkit.fake.InMemoryAuditSink;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The examples of docs/processes.md, compiled and run with real children. */
class ProcessExamplesIT {
  @TempDir Path projectDir;
  final String eventUrl = "http://127.0.0.1:4711/events";
  final HostPolicy hostPolicy = HostPolicy.builder().profile("minimal").namespace("ACME").build();

  @Test
  void launch() throws Exception {
    InMemoryAuditSink auditSink = InMemoryAuditSink.create();
    // snippet: processes-launch
    ProcessLauncher launcher = ProcessLauncher.builder()
        .auditSink(auditSink)                           // run.start, run.settle, run.denied, egress decisions
        .build();                                       // finds setsid: a missing one is a configuration error
    CapturedOutput out = CapturedOutput.upTo(1 << 20);  // keeps 1 MiB, counts the rest
    RunResult result = launcher.run(LaunchSpec.builder()
        .argv("git", "--version")                       // argv only: no shell parses anything
        .workspace(WorkspacePaths.of(projectDir))
        .workingDirectory(".")                          // proven inside the workspace before anything starts
        .environment(hostPolicy.environmentScrubber())  // base allowlist + passthrough, never ACME_*
        .inject("ACME_EVENT_URL", eventUrl)             // the host's own variables, by name, after scrubbing
        .egress(Egress.allow(List.of("github.com")))    // per-run proxy; no allowlist means no egress
        .stdout(ChildOutput.to(out))
        .build());
    int status = result.exitCode();                     // 128 + N when signal N killed it
    // end-snippet
    assertThat(status).isZero();
    assertThat(out.text()).startsWith("git version");
    assertThat(auditSink.events("run.start")).hasSize(1);
  }

  @Test
  void cancel() throws Exception {
    ProcessLauncher launcher = ProcessLauncher.builder().auditSink(AuditSink.discarding()).gracePeriod(Duration.ofMillis(200)).build();
    LaunchSpec spec = LaunchSpec.builder().argv("sh", "-c", "sleep 1000 & wait").workspace(projectDir).build();
    ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    Duration limit = Duration.ZERO;
    // snippet: processes-cancel
    RunningChild child = launcher.start(spec);
    scheduler.schedule(() -> child.cancel("budget.wall-clock"), limit.toMillis(), TimeUnit.MILLISECONDS);
    RunResult r = child.await();    // SIGTERM to the process group, the grace period, then SIGKILL
    r.cancelReason();               // Optional[budget.wall-clock]
    // end-snippet
    scheduler.shutdown();
    assertThat(r.cancelReason()).hasValue("budget.wall-clock");
  }

  @Test
  void observer() throws Exception {
    AuditSink auditSink = AuditSink.discarding();
    Map<RunId, ChildInfo> records = new ConcurrentHashMap<>();
    // snippet: processes-observer
    RunObserver registry = new RunObserver() {
      @Override
      public void onStart(RunningChild child) {
        ChildInfo i = child.info();      // run id, pid, process start time, process group
        records.put(i.runId(), i);       // throwing here kills the child: an unrecorded run does not go on
      }

      @Override
      public void onExit(RunningChild child, RunResult result) {
        records.remove(child.runId());   // the child and its group are gone
      }
    };
    ProcessLauncher launcher = ProcessLauncher.builder().auditSink(auditSink).observer(registry).build();
    // end-snippet
    RunningChild c = launcher.start(LaunchSpec.builder().argv("sh", "-c", "exit 0").workspace(projectDir).build());
    c.await();
    assertThat(records).isEmpty();
  }

  @Test
  void manifest() throws Exception {
    Path providersDir = Files.createDirectories(projectDir.resolve("providers"));
    Files.writeString(providersDir.resolve("echo-agent.json"),
        "{\"id\":\"echo-agent\",\"argv\":[\"echo\",\"hi\"],\"egressAllowlist\":[\"api.example.com\"],"
            + "\"dangerousArgs\":[\"--yolo\"],\"permissions\":{\"file-read\":\"ask\"}}");
    // snippet: processes-manifest
    ProviderManifest manifest = ProviderManifest.read(providersDir.resolve("echo-agent.json"));
    LaunchSpec spec = manifest.launchSpec(hostPolicy, WorkspacePaths.of(projectDir), DangerousArgs.OMIT)
        .inject("ACME_EVENT_URL", eventUrl)
        .build();
    PermissionPolicy permissions = manifest.permissionPolicy(hostPolicy.permissionPolicy());  // never looser
    // end-snippet
    assertThat(spec.argv()).containsExactly("echo", "hi");
    assertThat(spec.egress().allowPatterns()).containsExactly("api.example.com");
    assertThat(permissions.mode(ActionKind.FILE_READ)).hasToString("ask");
  }

  @Test
  void scrub() {
    Map<String, String> parentEnvironment = Map.of("PATH", "/bin", "GITHUB_TOKEN", "g", "NPM_CONFIG_REGISTRY", "r",
        "ACME_API_TOKEN", "a", "AWS_SECRET_ACCESS_KEY", "s");
    // snippet: processes-scrub
    EnvironmentScrubber scrubber = EnvironmentScrubber.builder()
        .namespace("ACME")                       // ACME_* never reaches a child
        .passthrough("GITHUB_TOKEN", "NPM_*")    // exact names or PREFIX*; "*" is a configuration error
        .build();
    ScrubResult r = scrubber.scrub(parentEnvironment, Map.of("ACME_EVENT_URL", eventUrl));
    r.keptNames();    // [ACME_EVENT_URL, GITHUB_TOKEN, NPM_CONFIG_REGISTRY, PATH]
    r.removed();      // [ACME_API_TOKEN, AWS_SECRET_ACCESS_KEY]: names only, for diagnostics
    // end-snippet
    assertThat(r.keptNames()).containsExactly("ACME_EVENT_URL", "GITHUB_TOKEN", "NPM_CONFIG_REGISTRY", "PATH");
    assertThat(r.removed()).containsExactly("ACME_API_TOKEN", "AWS_SECRET_ACCESS_KEY");
  }
}
