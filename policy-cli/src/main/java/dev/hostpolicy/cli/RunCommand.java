package dev.hostpolicy.cli;

import dev.hostpolicy.api.SafeText;
import dev.hostpolicy.api.spi.AuditSink;
import dev.hostpolicy.api.spi.PolicyKeys;
import dev.hostpolicy.core.HostPolicy;
import dev.hostpolicy.core.fs.WorkspacePaths;
import dev.hostpolicy.process.ChildInput;
import dev.hostpolicy.process.ChildOutput;
import dev.hostpolicy.process.ChildSignal;
import dev.hostpolicy.process.Egress;
import dev.hostpolicy.process.LaunchSpec;
import dev.hostpolicy.process.OutputSink;
import dev.hostpolicy.process.ProcessLauncher;
import dev.hostpolicy.process.RunResult;
import dev.hostpolicy.process.RunningChild;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code hostpolicy run [--namespace NS] [--allow P]… [--passthrough P]… [--data-dir D] -- CMD ARGS…}:
 * runs CMD under policy — scrubbed environment (the base allowlist, {@code --passthrough} and
 * {@code <NS>_CHILD_ENV_PASSTHROUGH}; never {@code <NS>_*}), the egress proxy always enforced (no
 * {@code --allow}: every destination denied), its own process group, the current directory as the
 * workspace, and — with {@code --data-dir} — {@code run.start}, {@code run.settle} and every egress
 * decision in {@code D/audit/audit.jsonl}. Standard streams are CMD's own; SIGINT and SIGTERM are
 * forwarded to CMD's process group (a second one cancels: SIGTERM, 5 s, SIGKILL).
 *
 * <p>Exits with CMD's status (128 + N when signal N killed it; 127 when CMD cannot be found, 126 when it
 * cannot be executed), 3 when
 * the policy stopped it before it started (the egress proxy could not listen, the working directory
 * was refused), 2 for a usage or configuration error.
 *
 * <pre>{@code
 * $ hostpolicy run --allow registry.npmjs.org --passthrough NPM_TOKEN --data-dir ~/.acme -- npm ci
 * $ hostpolicy run -- curl -s https://example.com    # 403 from the proxy: no --allow, no egress
 * }</pre>
 */
@Command(
    name = "run",
    description = {
      "Run CMD under policy: scrubbed environment, egress proxy enforced (no --allow = no egress),",
      "own process group, audit log with --data-dir. Exits with CMD's status; 3 if the policy stopped it."})
public final class RunCommand implements Callable<Integer> {
  private final CliContext context;

  @Option(names = "--namespace", paramLabel = "NS",
      description = "the host namespace: <NS>_* never reaches CMD; <NS>_CHILD_ENV_PASSTHROUGH applies")
  String namespace;

  @Option(names = "--allow", paramLabel = "P", description = "egress allow pattern: host, *.domain, IP, optional :port (repeatable)")
  List<String> allow = new ArrayList<>();

  @Option(names = "--passthrough", paramLabel = "P", description = "also pass the variable NAME or PREFIX* to CMD (repeatable)")
  List<String> passthrough = new ArrayList<>();

  @Option(names = "--data-dir", paramLabel = "D", description = "record the run in D/audit/audit.jsonl (nothing is recorded without it)")
  Path dataDir;

  @Parameters(index = "0..*", arity = "1..*", paramLabel = "CMD", description = "the command and its arguments (after --)")
  List<String> command = new ArrayList<>();

  /** Test seam: a fixed proxy port (0, ephemeral, in real use) so a test can make the proxy fail to listen. */
  int proxyPort;

  /** Created by the CLI's factory. */
  public RunCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() throws Exception {
    HostPolicy policy = EnvCommand.policy(context, namespace, passthrough, allow);
    // the CLI always enforces egress, whatever <NS>_EGRESS_ENFORCE says: stricter is always allowed
    Egress egress = Egress.allow(policy.get(PolicyKeys.EGRESS_ALLOW), policy.get(PolicyKeys.EGRESS_DENY)).proxyPort(proxyPort);
    boolean realProcess = context.out() == System.out && context.err() == System.err && context.in() == System.in;
    try (AuditSink audit = CliAuditSinks.open(Optional.ofNullable(dataDir), policy.auditOptions())) {
      ProcessLauncher launcher = launcher(audit);
      LaunchSpec.Builder spec = LaunchSpec.builder()
          .argv(command)
          .workspace(WorkspacePaths.of(Path.of("").toAbsolutePath()))
          .environment(policy.environmentScrubber())
          .parentEnvironment(context.env())
          .egress(egress);
      if (realProcess) {
        spec.stdin(ChildInput.INHERIT).stdout(ChildOutput.inherit()).stderr(ChildOutput.inherit());
      } else {
        // in-process (tests, embedding): CMD's output goes to this context's streams
        spec.stdout(ChildOutput.to(OutputSink.to(context.out()))).stderr(ChildOutput.to(OutputSink.to(context.err())));
      }
      // handlers first: a signal that arrives while CMD starts is held and forwarded once it runs
      Forwarder forwarder = new Forwarder();
      if (realProcess) {
        forwarder.install();
      }
      RunningChild child;
      try {
        child = launcher.start(spec.build());
      } catch (IOException e) {
        context.err().println("hostpolicy: run: cannot start " + SafeText.clean(command.get(0), 200) + ": "
            + SafeText.clean(e.getMessage(), 300));
        return 127;
      }
      forwarder.attach(child);
      RunResult result = child.await();
      context.out().flush();
      context.err().flush();
      return result.exitCode();
    }
  }

  /** The launcher of this command; issue 12 adds the pid registry and the wall-clock budget here as observers. */
  private static ProcessLauncher launcher(AuditSink audit) {
    return ProcessLauncher.builder().auditSink(audit).build();
  }

  /**
   * SIGINT and SIGTERM go to CMD's process group; a second signal cancels the run (SIGTERM, grace,
   * SIGKILL). A signal that arrives before CMD has started is held and delivered when it has.
   */
  private static final class Forwarder {
    private final AtomicInteger received = new AtomicInteger();
    private RunningChild child;
    private ChildSignal pending;

    void install() {
      for (ChildSignal s : List.of(ChildSignal.INT, ChildSignal.TERM)) {
        if (!SignalForwarding.install(s.name(), () -> deliver(s))) {
          // without sun.misc.Signal the JVM shuts down on the signal: cancel CMD on the way out
          Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            RunningChild c = current();
            if (c != null) {
              c.cancel("run.interrupted");
              try {
                c.await();
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            }
          }, "hostpolicy-run-shutdown"));
          return;
        }
      }
    }

    private synchronized RunningChild current() {
      return child;
    }

    private void deliver(ChildSignal s) {
      RunningChild c;
      synchronized (this) {
        if (child == null) {
          pending = s;
          received.incrementAndGet();
          return;
        }
        c = child;
      }
      if (received.incrementAndGet() == 1) {
        c.signal(s);
      } else {
        c.cancel("run.interrupted");
      }
    }

    void attach(RunningChild c) {
      ChildSignal held;
      synchronized (this) {
        child = c;
        held = pending;
      }
      if (held != null) {
        c.signal(held);
      }
    }
  }
}
