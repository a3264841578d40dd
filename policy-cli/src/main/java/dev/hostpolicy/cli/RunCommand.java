package dev.hostpolicy.cli;

import dev.hostpolicy.api.SafeText;
import dev.hostpolicy.api.spi.AuditSink;
import dev.hostpolicy.api.spi.PolicyKeys;
import dev.hostpolicy.core.HostPolicy;
import dev.hostpolicy.core.RuleSource;
import dev.hostpolicy.core.token.RunId;
import dev.hostpolicy.core.fs.WorkspacePaths;
import dev.hostpolicy.process.ChildInput;
import dev.hostpolicy.process.ChildOutput;
import dev.hostpolicy.process.ChildSignal;
import dev.hostpolicy.process.Egress;
import dev.hostpolicy.process.LaunchSpec;
import dev.hostpolicy.process.OutputSink;
import dev.hostpolicy.process.ProcessLauncher;
import dev.hostpolicy.process.RunResult;
import dev.hostpolicy.process.RunObserver;
import dev.hostpolicy.process.RunningChild;
import dev.hostpolicy.process.recovery.ActiveRun;
import dev.hostpolicy.process.recovery.PidRegistry;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code hostpolicy run [--namespace NS] [--allow P]… [--passthrough P]… [--data-dir D] [--max-duration D] -- CMD ARGS…}:
 * runs CMD under policy — scrubbed environment (the base allowlist, {@code --passthrough} and
 * {@code <NS>_CHILD_ENV_PASSTHROUGH}; never {@code <NS>_*}), the egress proxy always enforced (no
 * {@code --allow}: every destination denied), its own process group, the current directory as the
 * workspace, and — with {@code --data-dir} — {@code run.start}, {@code run.settle} and every egress
 * decision in {@code D/audit/audit.jsonl}. Standard streams are CMD's own; SIGINT and SIGTERM are
 * forwarded to CMD's process group (a second one cancels: SIGTERM, 5 s, SIGKILL).
 *
 * <p>With {@code --data-dir}, CMD is also recorded in the pid registry ({@code D/pids/}, an active-run
 * marker in {@code D/active-runs/}, this invocation's lock in {@code D/instances/}); before starting
 * CMD, {@code run} first recovers from every earlier {@code run} with the same data directory that
 * crashed: it kills the process groups they left behind and audits their runs as
 * {@code run.reconciled} (state {@code interrupted}). {@code --max-duration D} ({@code 500ms},
 * {@code 30s}, {@code 5m}, {@code 1h}, {@code 2d} or ISO-8601 {@code PT1M30S}; {@code 0} = off; without
 * it, {@code <NS>_MAX_RUN_DURATION_MS} when the operator set it) is CMD's wall-clock budget: when it
 * runs out, CMD's process group is cancelled (SIGTERM, 5 s, SIGKILL) and {@code run} exits 3.
 *
 * <p>Exits with CMD's status (128 + N when signal N killed it; 127 when CMD cannot be found, 126 when it
 * cannot be executed), 3 when
 * the policy stopped it before it started (the egress proxy could not listen, the working directory
 * was refused) or its wall-clock budget ran out, 2 for a usage or configuration error.
 *
 * <pre>{@code
 * $ hostpolicy run --allow registry.npmjs.org --passthrough NPM_TOKEN --data-dir ~/.acme -- npm ci
 * $ hostpolicy run -- curl -s https://example.com    # 403 from the proxy: no --allow, no egress
 * $ hostpolicy run --max-duration 10m --data-dir ~/.acme -- make test   # exit 3 after 10 minutes
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

  @Option(names = "--max-duration", paramLabel = "D",
      description = "wall-clock budget of CMD: 500ms, 30s, 5m, 1h, 2d or ISO-8601 (PT1M30S); 0 = off; exit 3 when it runs out")
  String maxDuration;

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
    Duration budget = budget(policy);
    // the CLI always enforces egress, whatever <NS>_EGRESS_ENFORCE says: stricter is always allowed
    Egress egress = Egress.allow(policy.get(PolicyKeys.EGRESS_ALLOW), policy.get(PolicyKeys.EGRESS_DENY)).proxyPort(proxyPort);
    boolean realProcess = context.out() == System.out && context.err() == System.err && context.in() == System.in;
    try (AuditSink audit = CliAuditSinks.open(Optional.ofNullable(dataDir), policy.auditOptions());
        Registry registry = Registry.open(Optional.ofNullable(dataDir), audit)) {
      RunId runId = RunId.generate();
      ProcessLauncher launcher = launcher(audit, registry.observer(), budget);
      LaunchSpec.Builder spec = LaunchSpec.builder()
          .runId(runId)
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
      registry.begin(runId);
      try {
        child = launcher.start(spec.build());
      } catch (IOException e) {
        context.err().println("hostpolicy: run: cannot start " + SafeText.clean(command.get(0), 200) + ": "
            + SafeText.clean(e.getMessage(), 300));
        return 127;
      }
      forwarder.attach(child);
      RunResult result = child.await();
      registry.settled();
      context.out().flush();
      context.err().flush();
      if (result.cancelReason().filter(BUDGET_REASON::equals).isPresent()) {
        context.err().println("hostpolicy: run: " + BUDGET_REASON + ": " + SafeText.clean(command.get(0), 200)
            + " ran longer than its wall-clock budget of " + describe(budget) + "; its process group was stopped");
        context.err().flush();
        return ExitCodes.DENIED;
      }
      return result.exitCode();
    }
  }

  /** The reason code a run whose wall-clock budget ran out is cancelled with. */
  static final String BUDGET_REASON = "budget.wall-clock";

  private static final Pattern SIMPLE_DURATION = Pattern.compile("([0-9]{1,12})(ms|s|m|h|d)");

  /** {@code --max-duration}, else the operator's {@code <NS>_MAX_RUN_DURATION_MS} when set; zero = off. */
  private Duration budget(HostPolicy policy) {
    if (maxDuration != null) {
      return parseDuration(maxDuration);
    }
    if (policy.source(PolicyKeys.MAX_RUN_DURATION_MS).kind() != RuleSource.Kind.DEFAULT) {
      return policy.budgetLimits().maxDuration();
    }
    return Duration.ZERO;
  }

  /**
   * Parses a {@code --max-duration} value: digits with a unit ({@code ms}, {@code s}, {@code m}, {@code h},
   * {@code d}), {@code 0}, or an ISO-8601 duration ({@code PT1M30S}); never negative.
   *
   * @throws UsageException for anything else
   */
  static Duration parseDuration(String text) {
    if (text.equals("0")) {
      return Duration.ZERO;
    }
    Matcher m = SIMPLE_DURATION.matcher(text);
    try {
      if (m.matches()) {
        long n = Long.parseLong(m.group(1));
        Duration d = switch (m.group(2)) {
          case "ms" -> Duration.ofMillis(n);
          case "s" -> Duration.ofSeconds(n);
          case "m" -> Duration.ofMinutes(n);
          case "h" -> Duration.ofHours(n);
          default -> Duration.ofDays(n);
        };
        d.toMillis(); // must fit: the budget timer counts milliseconds
        return d;
      }
      if (text.length() <= 64 && (text.startsWith("P") || text.startsWith("p"))) {
        Duration d = Duration.parse(text.toUpperCase(Locale.ROOT));
        if (!d.isNegative()) {
          d.toMillis(); // must fit
          return d;
        }
      }
    } catch (DateTimeParseException | ArithmeticException e) {
      // below
    }
    throw new UsageException("--max-duration: \"" + SafeText.clean(text, 64)
        + "\" is not a duration; use 500ms, 30s, 5m, 1h, 2d, an ISO-8601 duration such as PT1M30S, or 0 for none");
  }

  private static String describe(Duration d) {
    return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
  }

  /** The launcher of this command: the pid registry and the wall-clock budget observe every child. */
  private static ProcessLauncher launcher(AuditSink audit, Optional<RunObserver> registry, Duration budget) {
    ProcessLauncher.Builder b = ProcessLauncher.builder().auditSink(audit);
    registry.ifPresent(b::observer);
    if (!budget.isZero()) {
      long millis = budget.toMillis();
      b.observer(new RunObserver() {
        @Override
        public void onStart(RunningChild child) {
          CompletableFuture.delayedExecutor(millis, TimeUnit.MILLISECONDS).execute(() -> child.cancel(BUDGET_REASON));
        }
      });
    }
    return b.build();
  }

  /**
   * The pid registry of {@code --data-dir}: opened (recovering from crashed runs of the same data
   * directory) before CMD starts, CMD's run marked active while it runs, closed (nothing left) after.
   */
  private static final class Registry implements AutoCloseable {
    private final Optional<PidRegistry> registry;
    private ActiveRun marker;

    private Registry(Optional<PidRegistry> registry) {
      this.registry = registry;
    }

    static Registry open(Optional<Path> dataDir, AuditSink audit) throws IOException {
      if (dataDir.isEmpty()) {
        return new Registry(Optional.empty());
      }
      PidRegistry r = PidRegistry.open(dataDir.get().toAbsolutePath(), audit);
      try {
        r.recover(run -> { }); // the audit log records each as run.reconciled
      } catch (IOException | RuntimeException e) {
        r.close();
        throw e;
      }
      return new Registry(Optional.of(r));
    }

    Optional<RunObserver> observer() {
      return registry.map(PidRegistry::observer);
    }

    void begin(RunId runId) throws IOException {
      if (registry.isPresent()) {
        marker = registry.get().beginRun(runId.value());
      }
    }

    void settled() {
      if (marker != null) {
        marker.close();
        marker = null;
      }
    }

    @Override
    public void close() throws IOException {
      settled();
      if (registry.isPresent()) {
        registry.get().close();
      }
    }
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
