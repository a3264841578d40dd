package com.example.hosts.devloop;

import dev.hostpolicy.api.Secret;
import dev.hostpolicy.api.spi.AuditSink;
import dev.hostpolicy.core.HostPolicy;
import dev.hostpolicy.core.Settings;
import dev.hostpolicy.core.fs.WorkspacePaths;
import dev.hostpolicy.core.net.LoopbackAddress;
import dev.hostpolicy.core.profile.DevloopProfile;
import dev.hostpolicy.core.token.TokenMint;
import dev.hostpolicy.http.EventEnvironment;
import dev.hostpolicy.http.EventRoute;
import dev.hostpolicy.http.HttpGuards;
import dev.hostpolicy.http.ReceivedEvent;
import dev.hostpolicy.http.jdk.GuardedHttpServer;
import dev.hostpolicy.process.CapturedOutput;
import dev.hostpolicy.process.ChildOutput;
import dev.hostpolicy.process.Egress;
import dev.hostpolicy.process.LaunchSpec;
import dev.hostpolicy.process.ProcessLauncher;
import dev.hostpolicy.process.RunResult;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A devloop-style supervisor built only from HostPolicy's public API: the {@code devloop} profile, a
 * loopback-only event server on an ephemeral port guarded by a token minted for this run, an event
 * map (name → one state key + one workflow, optional linear-time pattern), and workflow steps run as
 * scrubbed children that receive only the event URLs and the token. Event values are data: they are
 * stored, never run.
 *
 * <pre>{@code
 * try (DevloopHost host = DevloopHost.builder()
 *     .events(List.of(EventRoute.of("build-done", "build.status", "deploy").withPattern("ok|failed")))
 *     .start()) {
 *   host.runStep(workspace, List.of("sh", "-c", "curl -s -H \"Authorization: Bearer $DEVLOOP_TOKEN\" "
 *       + "--data-binary '{\"value\":\"ok\"}' \"$DEVLOOP_EVENT_BUILD_DONE_URL\""));
 *   host.state();   // {build.status=ok}
 * }
 * }</pre>
 */
public final class DevloopHost implements AutoCloseable {
  private final HostPolicy policy;
  private final Secret runToken;
  private final GuardedHttpServer server;
  private final Map<String, String> childVariables;
  private final Map<String, String> environment;
  private final ProcessLauncher launcher;
  private final Map<String, String> state = new ConcurrentHashMap<>();
  private final List<String> workflows = new CopyOnWriteArrayList<>();

  private DevloopHost(Builder b) throws IOException {
    this.policy = HostPolicy.builder()
        .profile(DevloopProfile.ID)
        .namespace("DEVLOOP")                                 // the parent's DEVLOOP_* never reaches a step
        .settings(Settings.fromEnvironment(b.environment))
        .build();
    this.environment = Map.copyOf(b.environment);
    this.runToken = TokenMint.mint();                       // per run, in memory only
    int port = Math.toIntExact(policy.get(DevloopProfile.EVENTS_PORT));
    this.server = GuardedHttpServer.builder(LoopbackAddress.ipv4())   // the network is not expressible
        .port(port, 1)
        .guards(bound -> HttpGuards.builder(bound)
            .apiToken(runToken)
            .audit(b.audit)
            .events(b.events, this::onEvent)
            .build())
        .start();
    try {
      // throws before any child runs when two events would share a variable name
      this.childVariables = EventEnvironment.forChildren(policy.get(DevloopProfile.ENV_PREFIX), server.uri(), runToken, b.events);
    } catch (RuntimeException e) {
      server.close();
      throw e;
    }
    this.launcher = ProcessLauncher.builder().auditSink(b.audit).build();
  }

  private void onEvent(ReceivedEvent event) {
    state.put(event.stateKey(), event.value());   // data, never shell
    workflows.add(event.workflow());
  }

  /** Starts configuring a devloop host. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Runs one workflow step: scrubbed environment plus the event variables, egress only to this
   * host's event server, its own process group.
   */
  public StepResult runStep(Path workspace, List<String> argv) throws IOException, InterruptedException {
    CapturedOutput out = CapturedOutput.upTo(1 << 20);
    CapturedOutput err = CapturedOutput.upTo(1 << 20);
    String eventServer = "127.0.0.1:" + server.address().getPort();
    RunResult r = launcher.run(LaunchSpec.builder()
        .argv(argv)
        .workspace(WorkspacePaths.of(workspace))
        .workingDirectory(".")
        .environment(policy.environmentScrubber())
        .parentEnvironment(environment)
        .inject(childVariables)
        .egress(Egress.fromPolicy(policy, List.of(eventServer)))
        .stdout(ChildOutput.to(out))
        .stderr(ChildOutput.to(err))
        .build());
    return new StepResult(r.exitCode(), out.text(), err.text());
  }

  /** What a step printed and how it ended. */
  public record StepResult(int exitCode, String stdout, String stderr) {}

  /** The event server's base URI ({@code http://127.0.0.1:PORT/}). */
  public URI uri() {
    return server.uri();
  }

  /** The server's address (always loopback). */
  public java.net.InetSocketAddress address() {
    return server.address();
  }

  /** The variables every step receives (contains the run token). */
  public Map<String, String> childVariables() {
    return childVariables;
  }

  /** The run's token. */
  public Secret runToken() {
    return runToken;
  }

  /** State key → the last value reported. */
  public Map<String, String> state() {
    return Map.copyOf(state);
  }

  /** The workflows triggered so far, in order. */
  public List<String> workflows() {
    return new ArrayList<>(workflows);
  }

  @Override
  public void close() {
    server.close();
  }

  @Override
  public String toString() {
    return "DevloopHost[" + server.uri() + "]";
  }

  /** Configures a {@link DevloopHost}. */
  public static final class Builder {
    private List<EventRoute> events = List.of();
    private Map<String, String> environment = System.getenv();
    private AuditSink audit = AuditSink.discarding();

    private Builder() {}

    /** The event map. */
    public Builder events(List<EventRoute> events) {
      this.events = List.copyOf(events);
      return this;
    }

    /** The parent environment of the steps. */
    public Builder environment(Map<String, String> environment) {
      this.environment = Map.copyOf(environment);
      return this;
    }

    /** Where events and runs are audited; discarded by default. */
    public Builder audit(AuditSink audit) {
      this.audit = Objects.requireNonNull(audit, "audit");
      return this;
    }

    /** Mints the run token and starts the event server. */
    public DevloopHost start() throws IOException {
      return new DevloopHost(this);
    }
  }
}
