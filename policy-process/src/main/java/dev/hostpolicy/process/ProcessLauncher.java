package dev.hostpolicy.process;

import dev.hostpolicy.api.PolicyConfigurationException;
import dev.hostpolicy.api.PolicyViolationException;
import dev.hostpolicy.api.SafeText;
import dev.hostpolicy.api.Secret;
import dev.hostpolicy.api.TimeSource;
import dev.hostpolicy.api.spi.AuditEvent;
import dev.hostpolicy.api.spi.AuditSink;
import dev.hostpolicy.core.env.ScrubResult;
import dev.hostpolicy.core.fs.PathViolation;
import dev.hostpolicy.core.fs.WorkspacePathException;
import dev.hostpolicy.core.token.RunId;
import dev.hostpolicy.core.token.TokenMint;
import dev.hostpolicy.http.proxy.EgressProxy;
import dev.hostpolicy.process.internal.Executables;
import dev.hostpolicy.process.internal.GroupSignals;
import dev.hostpolicy.process.internal.Pump;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Starts child processes under policy: an argv list (a shell only on explicit opt-in, with every
 * untrusted word quoted), a scrubbed environment, a working directory proven inside the workspace,
 * egress through a per-run proxy (fail closed: no proxy, no child), its own process group on POSIX so
 * cancellation reaches grandchildren (SIGTERM, a grace period, SIGKILL), output drained without
 * deadlock, and {@code run.start} / {@code run.settle} in the audit log.
 *
 * <p>{@link #start(LaunchSpec)} refuses, with a {@link PolicyViolationException} and a
 * {@code run.denied} audit event, and <em>without starting anything</em>, when the working directory
 * is not inside the workspace ({@code path.*}), when the egress proxy cannot listen
 * ({@code run.egress-unavailable}), or when the dangerous-arguments opt-in cannot be audited
 * ({@code run.audit-failed}). If {@code run.start} cannot be audited or a {@link RunObserver} fails,
 * the child is killed at once and {@code start} throws.
 *
 * <pre>{@code
 * ProcessLauncher launcher = ProcessLauncher.builder()
 *     .auditSink(auditSink)                 // required (AuditSink.discarding() to opt out explicitly)
 *     .gracePeriod(Duration.ofSeconds(5))   // between SIGTERM and SIGKILL
 *     .build();                             // throws if setsid is missing on POSIX
 * RunResult r = launcher.run(LaunchSpec.builder()
 *     .argv("npm", "test")
 *     .workspace(WorkspacePaths.of(projectDir))
 *     .environment(hostPolicy.environmentScrubber())
 *     .egress(Egress.fromPolicy(hostPolicy, List.of("registry.npmjs.org")))
 *     .build());
 * }</pre>
 */
public final class ProcessLauncher {
  private static final System.Logger LOG = System.getLogger(ProcessLauncher.class.getName());

  /** Default time between SIGTERM and SIGKILL. */
  public static final Duration DEFAULT_GRACE_PERIOD = Duration.ofSeconds(5);

  /** Reason code: the per-run egress proxy could not start, so the child was not started. */
  public static final String EGRESS_UNAVAILABLE = "run.egress-unavailable";
  /** Reason code: an audit record the launch depends on could not be written. */
  public static final String AUDIT_FAILED = "run.audit-failed";
  /** Reason code: a run observer failed at start, so the child was killed. */
  public static final String OBSERVER_FAILED = "run.observer-failed";

  private final AuditSink audit;
  private final TimeSource time;
  private final Duration grace;
  private final ProcessGroups groups;
  private final Optional<Path> setsid;
  private final Optional<GroupSignals> signals;
  private final List<RunObserver> observers;

  private ProcessLauncher(Builder b, Optional<Path> setsid, Optional<GroupSignals> signals) {
    this.audit = b.audit;
    this.time = b.time;
    this.grace = b.grace;
    this.groups = b.groups;
    this.setsid = setsid;
    this.signals = signals;
    this.observers = List.copyOf(b.observers);
  }

  /** A builder: platform-default process groups, 5 s grace, the system clock; an audit sink is required. */
  public static Builder builder() {
    return new Builder();
  }

  /** How children are kept within reach. */
  public ProcessGroups processGroups() {
    return groups;
  }

  /** The time between SIGTERM and SIGKILL. */
  public Duration gracePeriod() {
    return grace;
  }

  /**
   * Starts the child described by {@code spec}.
   *
   * @throws PolicyViolationException if the policy stops it before it starts (nothing was started)
   * @throws IOException if the operating system cannot start the process
   */
  public RunningChild start(LaunchSpec spec) throws IOException {
    Objects.requireNonNull(spec, "spec");
    RunId runId = spec.runId().orElseGet(RunId::generate);
    String program = spec.argv().get(0);

    // 1. the working directory, proven inside the workspace
    Path cwd;
    try {
      cwd = spec.workspace().resolveForRead(spec.workingDirectory());
      if (!Files.isDirectory(cwd)) {
        throw new WorkspacePathException(PathViolation.NOT_A_DIRECTORY, "the working directory is not a directory");
      }
    } catch (WorkspacePathException e) {
      denied(runId, spec, e.reason(), e.decision().detail());
      throw e;
    }

    // 2. the environment: scrubbed, then the host's injections by name
    Map<String, String> parent = spec.parentEnvironment().orElseGet(System::getenv);
    ScrubResult scrub = spec.environment().scrub(parent, spec.injections());
    Map<String, String> env = new LinkedHashMap<>(scrub.kept());

    // 3. egress: the per-run proxy must listen before anything starts (fail closed)
    Optional<EgressProxy> proxy = Optional.empty();
    if (spec.egress().enforced()) {
      proxy = Optional.of(startProxy(runId, spec));
      proxy.get().exportTo(env);
    }

    try {
      // 4. the opt-in dangerous arguments: logged, and audited before the child exists
      if (!spec.dangerousArgs().isEmpty()) {
        LOG.log(Level.WARNING, "run {0}: appending the dangerous arguments {1} the host opted into", runId, spec.dangerousArgs());
        AuditEvent.Builder e = AuditEvent.builder("run.dangerous-args").outcome("allowed").correlationId(runId.value())
            .field("run", runId.value()).field("program", program).field("args", spec.dangerousArgs());
        spec.provider().ifPresent(p -> e.field("provider", p));
        appendOrDeny(e.build(), runId, spec);
      }

      // 5. start
      List<String> command = new ArrayList<>();
      setsid.ifPresent(s -> {
        command.add(s.toString());
        command.add("--");
      });
      command.addAll(spec.argv());
      ProcessBuilder pb = new ProcessBuilder(command).directory(cwd.toFile());
      pb.environment().clear();
      pb.environment().putAll(env);
      pb.redirectInput(spec.stdin() == ChildInput.INHERIT ? ProcessBuilder.Redirect.INHERIT : ProcessBuilder.Redirect.PIPE);
      pb.redirectOutput(redirect(spec.stdout()));
      pb.redirectError(redirect(spec.stderr()));
      long startNanos = time.nanoTime();
      Process process;
      try {
        process = pb.start();
      } catch (IOException e) {
        AuditEvent.Builder f = AuditEvent.builder("run.failed").outcome("failed").correlationId(runId.value())
            .field("run", runId.value()).field("program", program).field("detail", "the process could not be started ("
                + e.getClass().getSimpleName() + ")");
        spec.provider().ifPresent(p -> f.field("provider", p));
        try {
          audit.append(f.build());
        } catch (RuntimeException ex) {
          LOG.log(Level.ERROR, "the audit sink could not record run.failed of {0}", runId);
        }
        throw e;
      }
      if (spec.stdin() == ChildInput.NONE) {
        process.getOutputStream().close();
      }
      Pump out = pump(process.getInputStream(), spec.stdout(), runId, "out");
      Pump err = pump(process.getErrorStream(), spec.stderr(), runId, "err");
      Optional<Instant> started = process.info().startInstant();
      ChildInfo info = new ChildInfo(runId, process.pid(), started,
          setsid.isPresent() ? OptionalLong.of(process.pid()) : OptionalLong.empty(), program, cwd);
      RunningChild child = new RunningChild(process, info, signals, grace, time, audit, spec.provider(), startNanos, proxy);
      child.pumps(out, err);
      child.startSettling();
      proxy = Optional.empty(); // the child owns it now

      // 6. run.start, then the observers; either failing kills the child
      try {
        try {
          audit.append(startEvent(info, spec, scrub, child));
        } catch (RuntimeException e) {
          child.startRecorded();
          abort(child);
          throw new PolicyViolationException(AUDIT_FAILED, "run.start could not be audited, so the child was killed ("
              + e.getClass().getSimpleName() + ")");
        }
        List<RunObserver> all = new ArrayList<>(observers);
        all.addAll(spec.observers());
        for (RunObserver o : all) {
          try {
            o.onStart(child);
            child.observed(o);
          } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "run observer " + o.getClass().getName() + " failed at start of " + runId + "; killing the child", e);
            child.startRecorded();
            abort(child);
            throw new PolicyViolationException(OBSERVER_FAILED, "a run observer failed at start (" + e.getClass().getSimpleName()
                + "), so the child was killed");
          }
        }
      } finally {
        child.startRecorded();
      }
      return child;
    } finally {
      proxy.ifPresent(EgressProxy::close);
    }
  }

  /**
   * Starts the child and waits for the run to settle. If the waiting thread is interrupted, the run is
   * cancelled ({@code run.interrupted}) and the interrupt is passed on.
   */
  public RunResult run(LaunchSpec spec) throws IOException, InterruptedException {
    RunningChild child = start(spec);
    try {
      return child.await();
    } catch (InterruptedException e) {
      child.cancel("run.interrupted");
      throw e;
    }
  }

  private EgressProxy startProxy(RunId runId, LaunchSpec spec) {
    Egress egress = spec.egress();
    EgressProxy.Builder b = EgressProxy.builder().policy(egress.policyBuilder().orElseThrow()).auditSink(audit)
        .runId(runId.value()).port(egress.proxyPort()).timeSource(time);
    if (egress.proxyToken()) {
      Secret token = TokenMint.mint();
      b.proxyToken(token);
    }
    EgressProxy proxy = b.build();
    try {
      proxy.start();
      return proxy;
    } catch (IOException | RuntimeException e) {
      proxy.close();
      String detail = "the egress proxy could not start (" + SafeText.clean(e.getMessage(), 200) + "); the child was not started";
      LOG.log(Level.WARNING, "run {0}: {1}", runId, detail);
      denied(runId, spec, EGRESS_UNAVAILABLE, detail);
      throw new PolicyViolationException(EGRESS_UNAVAILABLE, detail);
    }
  }

  private void appendOrDeny(AuditEvent event, RunId runId, LaunchSpec spec) {
    try {
      audit.append(event);
    } catch (RuntimeException e) {
      String detail = event.event() + " could not be audited (" + e.getClass().getSimpleName() + "); the child was not started";
      LOG.log(Level.WARNING, "run {0}: {1}", runId, detail);
      throw new PolicyViolationException(AUDIT_FAILED, detail);
    }
  }

  private void denied(RunId runId, LaunchSpec spec, String reason, String detail) {
    AuditEvent.Builder e = AuditEvent.builder("run.denied").outcome("denied").correlationId(runId.value())
        .field("run", runId.value()).field("program", spec.argv().get(0)).field("reason", reason).field("detail", detail);
    spec.provider().ifPresent(p -> e.field("provider", p));
    try {
      audit.append(e.build());
    } catch (RuntimeException ex) {
      LOG.log(Level.ERROR, "the audit sink could not record run.denied of {0}", runId);
    }
  }

  private AuditEvent startEvent(ChildInfo info, LaunchSpec spec, ScrubResult scrub, RunningChild child) {
    AuditEvent.Builder e = AuditEvent.builder("run.start").correlationId(info.runId().value())
        .field("run", info.runId().value())
        .field("program", info.program())
        .field("argCount", (long) spec.argv().size() - 1)
        .field("shell", spec.shell().isPresent())
        .field("pid", info.pid())
        .field("cwd", info.workingDirectory().toString())
        .field("egress", spec.egress().enforced() ? "enforced" : "unrestricted")
        .field("envKept", scrub.keptNames())
        .field("envRemoved", scrub.removed().size() > 500 ? scrub.removed().subList(0, 500) : scrub.removed());
    info.processGroup().ifPresent(g -> e.field("pgid", g));
    info.startTime().ifPresent(t -> e.field("startTime", t.toString()));
    child.egressProxyAddress().ifPresent(a -> e.field("proxyPort", (long) a.getPort()));
    spec.provider().ifPresent(p -> e.field("provider", p));
    if (!spec.dangerousArgs().isEmpty()) {
      e.field("dangerousArgs", spec.dangerousArgs());
    }
    return e.build();
  }

  private static void abort(RunningChild child) {
    child.cancel("run.aborted");
    child.signal(ChildSignal.KILL);
    try {
      child.await(Duration.ofSeconds(30));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static ProcessBuilder.Redirect redirect(ChildOutput o) {
    if (o instanceof ChildOutput.Inherit) {
      return ProcessBuilder.Redirect.INHERIT;
    }
    // discarded output goes to the null device: no pipe, no pump thread, nothing to deadlock on
    return o instanceof ChildOutput.Discard ? ProcessBuilder.Redirect.DISCARD : ProcessBuilder.Redirect.PIPE;
  }

  private static Pump pump(java.io.InputStream in, ChildOutput o, RunId runId, String which) {
    if (!(o instanceof ChildOutput.Pumped)) {
      return null; // inherited or discarded: the operating system handles it
    }
    return Pump.start(in, asStream(((ChildOutput.Pumped) o).sink()), "hostpolicy-" + runId.value() + "-" + which);
  }

  /** The pump writes to an OutputStream (the internal package does not see the public API). */
  private static java.io.OutputStream asStream(OutputSink sink) {
    return new java.io.OutputStream() {
      @Override
      public void write(int b) throws IOException {
        sink.write(new byte[] {(byte) b}, 0, 1);
      }

      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        sink.write(b, off, len);
      }

      @Override
      public void close() throws IOException {
        sink.close();
      }
    };
  }

  @Override
  public String toString() {
    return "ProcessLauncher[" + groups + ", grace " + grace + ", audit " + audit.id() + "]";
  }

  /**
   * Configures a {@link ProcessLauncher}.
   *
   * <pre>{@code
   * ProcessLauncher launcher = ProcessLauncher.builder()
   *     .auditSink(auditSink)
   *     .timeSource(clock)                    // durations in RunResult
   *     .gracePeriod(Duration.ofSeconds(2))
   *     .observer(pidRegistry)                // told at start and at exit of every child
   *     .build();
   * }</pre>
   */
  public static final class Builder {
    private AuditSink audit;
    private TimeSource time = TimeSource.system();
    private Duration grace = DEFAULT_GRACE_PERIOD;
    private ProcessGroups groups = ProcessGroups.platformDefault();
    private Path setsidExecutable;
    private Path killExecutable;
    private final List<RunObserver> observers = new ArrayList<>();

    private Builder() {}

    /** Where {@code run.start}, {@code run.settle}, {@code run.denied} and the proxy's decisions go (required). */
    public Builder auditSink(AuditSink sink) {
      this.audit = Objects.requireNonNull(sink, "sink");
      return this;
    }

    /** The clock durations are measured on (a fake one in tests). */
    public Builder timeSource(TimeSource time) {
      this.time = Objects.requireNonNull(time, "time");
      return this;
    }

    /** Time between SIGTERM and SIGKILL (0 to 10 minutes; 5 s by default). */
    public Builder gracePeriod(Duration grace) {
      Objects.requireNonNull(grace, "grace");
      if (grace.isNegative() || grace.compareTo(Duration.ofMinutes(10)) > 0) {
        throw new IllegalArgumentException("the grace period must be 0 to 10 minutes, not " + grace);
      }
      this.grace = grace;
      return this;
    }

    /** How children are kept within reach ({@link ProcessGroups#platformDefault()} by default). */
    public Builder processGroups(ProcessGroups groups) {
      this.groups = Objects.requireNonNull(groups, "groups");
      return this;
    }

    /** The {@code setsid} program to use instead of the one found on {@code PATH} or in {@code /usr/bin}, {@code /bin}. */
    public Builder setsidExecutable(Path setsid) {
      this.setsidExecutable = Objects.requireNonNull(setsid, "setsid");
      return this;
    }

    /**
     * The {@code kill} program to use instead of the one found on {@code PATH} or in {@code /usr/bin},
     * {@code /bin} (without one, the {@code kill} builtin of {@code /bin/sh} is used).
     */
    public Builder killExecutable(Path kill) {
      this.killExecutable = Objects.requireNonNull(kill, "kill");
      return this;
    }

    /** Observes every child this launcher starts (a pid registry, a budget). */
    public Builder observer(RunObserver observer) {
      observers.add(Objects.requireNonNull(observer, "observer"));
      return this;
    }

    /**
     * The launcher.
     *
     * @throws PolicyConfigurationException without an audit sink, or with {@link ProcessGroups#OWN_GROUP}
     *     when {@code setsid} cannot be found ({@code process.setsid}) or neither a {@code kill} program
     *     nor {@code /bin/sh} ({@code process.kill})
     */
    public ProcessLauncher build() {
      if (audit == null) {
        throw new PolicyConfigurationException("run.audit-sink",
            "the launcher audits every run: give it an AuditSink (AuditSink.discarding() to opt out explicitly)");
      }
      if (groups == ProcessGroups.DESCENDANTS) {
        return new ProcessLauncher(this, Optional.empty(), Optional.empty());
      }
      String path = System.getenv("PATH");
      Path setsid = executable(setsidExecutable, "setsid", path, "process.setsid",
          "children cannot get their own process group, so cancellation could miss grandchildren; install util-linux "
              + "(setsid; on macOS: brew install util-linux and put its bin directory on PATH) or choose ProcessGroups.DESCENDANTS");
      return new ProcessLauncher(this, Optional.of(setsid), Optional.of(groupSignals(path)));
    }

    private GroupSignals groupSignals(String path) {
      if (killExecutable != null) {
        return GroupSignals.program(executable(killExecutable, "kill", path, "process.kill", "process groups cannot be signalled"));
      }
      Optional<Path> kill = Executables.find("kill", path);
      if (kill.isPresent()) {
        return GroupSignals.program(kill.get());
      }
      Path sh = Path.of(ShellCommand.SHELL);
      if (Files.isExecutable(sh)) {
        return GroupSignals.shellBuiltin(sh); // POSIX sh has kill -s SIG -- -PGID built in
      }
      throw new PolicyConfigurationException("process.kill", "neither a kill program nor /bin/sh was found, so process groups "
          + "cannot be signalled; install procps or choose ProcessGroups.DESCENDANTS");
    }

    private static Path executable(Path given, String name, String path, String key, String why) {
      if (given != null) {
        if (!Files.isRegularFile(given) || !Files.isExecutable(given)) {
          throw new PolicyConfigurationException(key, given + " is not an executable file; " + why);
        }
        return given.toAbsolutePath();
      }
      return Executables.find(name, path).orElseThrow(() -> new PolicyConfigurationException(key,
          "no " + name + " program on PATH or in /usr/bin, /bin: " + why));
    }
  }
}
