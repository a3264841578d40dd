package dev.hostpolicy.process;

import dev.hostpolicy.api.Decision;
import dev.hostpolicy.api.SafeText;
import dev.hostpolicy.api.TimeSource;
import dev.hostpolicy.api.spi.AuditEvent;
import dev.hostpolicy.api.spi.AuditSink;
import dev.hostpolicy.core.token.RunId;
import dev.hostpolicy.http.proxy.EgressProxy;
import dev.hostpolicy.process.internal.GroupSignals;
import dev.hostpolicy.process.internal.Pump;
import dev.hostpolicy.process.internal.Timers;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A child started by a {@link ProcessLauncher}: its identity ({@link #info()}), cancellation, signals
 * to its process group, and its end. The run settles — {@link #onExit()} completes — only after the
 * child has exited, whatever was left of its process group has been terminated, its output has been
 * drained, the per-run egress proxy is closed and {@code run.settle} is audited. Thread-safe.
 *
 * <pre>{@code
 * RunningChild child = launcher.start(spec);
 * scheduler.schedule(() -> child.cancel("budget.wall-clock"), 10, MINUTES);  // SIGTERM, grace, SIGKILL
 * RunResult result = child.await();
 * }</pre>
 */
public final class RunningChild {
  private static final System.Logger LOG = System.getLogger(RunningChild.class.getName());

  private final Process process;
  private final ChildInfo info;
  private final Optional<GroupSignals> groups;
  private final Duration grace;
  private final TimeSource time;
  private final AuditSink audit;
  private final Optional<String> provider;
  private final long startNanos;
  private final Optional<EgressProxy> proxy;
  private final List<Pump> pumps = new ArrayList<>();
  private Pump stdoutPump;
  private Pump stderrPump;
  private final List<RunObserver> observers = new ArrayList<>();
  private final AtomicReference<String> cancelReason = new AtomicReference<>();
  private volatile long cancelDeadline;
  private final CompletableFuture<RunResult> settled = new CompletableFuture<>();
  /** Opened when start() has recorded the run (or given up): run.settle and onExit never come before run.start and onStart. */
  private final java.util.concurrent.CountDownLatch startRecorded = new java.util.concurrent.CountDownLatch(1);

  RunningChild(Process process, ChildInfo info, Optional<GroupSignals> groups, Duration grace, TimeSource time, AuditSink audit,
      Optional<String> provider, long startNanos, Optional<EgressProxy> proxy) {
    this.process = process;
    this.info = info;
    this.groups = groups;
    this.grace = grace;
    this.time = time;
    this.audit = audit;
    this.provider = provider;
    this.startNanos = startNanos;
    this.proxy = proxy;
  }

  void pumps(Pump stdout, Pump stderr) {
    this.stdoutPump = stdout;
    this.stderrPump = stderr;
    if (stdout != null) {
      pumps.add(stdout);
    }
    if (stderr != null) {
      pumps.add(stderr);
    }
  }

  synchronized void observed(RunObserver observer) {
    observers.add(observer);
  }

  void startRecorded() {
    startRecorded.countDown();
  }

  void startSettling() {
    Thread t = new Thread(this::settle, "hostpolicy-run-" + info.runId().value());
    t.setDaemon(true);
    t.start();
  }

  /** Who the child is: run id, pid, start time, process group, program, working directory. */
  public ChildInfo info() {
    return info;
  }

  /** The run id. */
  public RunId runId() {
    return info.runId();
  }

  /** The child's pid. */
  public long pid() {
    return info.pid();
  }

  /** Whether the child process itself is still running (its group may outlive it briefly). */
  public boolean isAlive() {
    return process.isAlive();
  }

  /** The address of the run's egress proxy, when egress is enforced. */
  public Optional<java.net.InetSocketAddress> egressProxyAddress() {
    return proxy.map(EgressProxy::address);
  }

  /**
   * Cancels the run: SIGTERM to the child's process group (or to the child and its visible
   * descendants), then SIGKILL to whatever is left after the launcher's grace period. Returns once
   * SIGTERM is sent; {@link #await()} for the end. The first reason is kept and reported in {@link RunResult#cancelReason()};
   * later calls do nothing.
   *
   * @param reasonCode why, as a dotted reason code ({@code run.cancelled}, {@code budget.wall-clock})
   * @return whether this call cancelled the run (false if it had been cancelled or had settled)
   */
  public boolean cancel(String reasonCode) {
    Objects.requireNonNull(reasonCode, "reasonCode");
    if (!Decision.isValidReasonCode(reasonCode) || reasonCode.indexOf('.') < 0) {
      throw new IllegalArgumentException("a cancel reason is a dotted reason code, like run.cancelled");
    }
    if (settled.isDone() || !cancelReason.compareAndSet(null, reasonCode)) {
      return false;
    }
    cancelDeadline = System.nanoTime() + grace.toNanos();
    LOG.log(Level.INFO, "cancelling run {0} (pid {1}): {2}", info.runId(), info.pid(), reasonCode);
    terminate(false);
    if (grace.isZero()) {
      terminate(true);
    } else {
      Timers.shared().schedule(() -> {
        if (!settled.isDone()) {
          terminate(true);
        }
      }, grace.toNanos(), TimeUnit.NANOSECONDS);
    }
    return true;
  }

  /**
   * Sends {@code signal} to the child's process group ({@link ProcessGroups#OWN_GROUP}); with
   * {@link ProcessGroups#DESCENDANTS}, {@code TERM} and {@code KILL} go to the child and its visible
   * descendants and the others only to the child. Used to forward a supervisor's own SIGINT/SIGTERM.
   *
   * @return whether at least one process got it (never after the run settled: its group id may be reused)
   */
  public boolean signal(ChildSignal signal) {
    Objects.requireNonNull(signal, "signal");
    if (settled.isDone()) {
      return false;
    }
    if (groups.isPresent()) {
      boolean any = groups.get().signal(info.pid(), signal.name());
      if (!any && process.isAlive() && signal == ChildSignal.KILL) {
        process.destroyForcibly(); // the child may not have become a group leader yet
        return true;
      }
      if (!any && process.isAlive() && signal == ChildSignal.TERM) {
        process.destroy();
        return true;
      }
      return any;
    }
    switch (signal) {
      case KILL:
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        return true;
      case TERM:
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        return true;
      default:
        return false; // the JDK can send only TERM and KILL to a single process
    }
  }

  private void terminate(boolean force) {
    try {
      // the descendants the JDK sees now, in case one left the group
      List<ProcessHandle> seen = new ArrayList<>();
      if (process.isAlive()) {
        process.descendants().forEach(seen::add);
      }
      signal(force ? ChildSignal.KILL : ChildSignal.TERM);
      for (ProcessHandle h : seen) {
        if (force) {
          h.destroyForcibly();
        } else {
          h.destroy();
        }
      }
      if (force) {
        process.destroyForcibly();
      }
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "signalling run {0} failed: {1}", info.runId(), e.toString());
    }
  }

  /** Waits for the run to settle. */
  public RunResult await() throws InterruptedException {
    try {
      return settled.get();
    } catch (ExecutionException e) {
      throw new IllegalStateException("settling the run failed", e.getCause());
    }
  }

  /** Waits at most {@code timeout} for the run to settle. */
  public Optional<RunResult> await(Duration timeout) throws InterruptedException {
    try {
      return Optional.of(settled.get(Math.max(0, timeout.toNanos()), TimeUnit.NANOSECONDS));
    } catch (TimeoutException e) {
      return Optional.empty();
    } catch (ExecutionException e) {
      throw new IllegalStateException("settling the run failed", e.getCause());
    }
  }

  /** Completes when the run has settled. */
  public CompletableFuture<RunResult> onExit() {
    return settled.copy();
  }

  private void settle() {
    RunResult result = null;
    try {
      int code = waitUninterruptibly();
      long end = time.nanoTime();
      reapGroup();
      long pumpWait = grace.toMillis() + 10_000;
      for (Pump p : pumps) {
        if (!p.awaitEnd(pumpWait)) {
          LOG.log(Level.WARNING, "output of run {0} did not end {1} ms after the process group was gone; stopped reading",
              info.runId(), pumpWait);
        }
      }
      proxy.ifPresent(EgressProxy::close);
      result = new RunResult(info.runId(), code, Duration.ofNanos(Math.max(0, end - startNanos)),
          Optional.ofNullable(cancelReason.get()), count(stdoutPump), count(stderrPump));
      startRecorded.await();
      auditSettle(result);
    } catch (Throwable t) {
      LOG.log(Level.ERROR, "settling run " + info.runId() + " failed", t);
      proxy.ifPresent(EgressProxy::close);
      if (result == null) {
        result = new RunResult(info.runId(), process.isAlive() ? -1 : process.exitValue(), Duration.ZERO,
            Optional.ofNullable(cancelReason.get()), count(stdoutPump), count(stderrPump));
      }
    } finally {
      List<RunObserver> toTell;
      synchronized (this) {
        toTell = List.copyOf(observers);
      }
      for (RunObserver o : toTell) {
        try {
          o.onExit(this, result);
        } catch (RuntimeException e) {
          LOG.log(Level.WARNING, "run observer " + o.getClass().getName() + " failed at exit of " + info.runId(), e);
        }
      }
      settled.complete(result);
    }
  }

  private static long count(Pump p) {
    return p == null ? -1 : p.bytes();
  }

  private int waitUninterruptibly() {
    boolean interrupted = false;
    try {
      while (true) {
        try {
          return process.waitFor();
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** After the child exited: terminate what is left of its group (SIGTERM, grace, SIGKILL). */
  private void reapGroup() throws InterruptedException {
    if (groups.isEmpty()) {
      return;
    }
    GroupSignals g = groups.get();
    long pgid = info.pid();
    if (!g.signal(pgid, "TERM")) {
      return; // nobody left
    }
    LOG.log(Level.INFO, "run {0}: processes were left in group {1} after the child exited; terminating them", info.runId(), pgid);
    long deadline = cancelReason.get() != null ? cancelDeadline : System.nanoTime() + grace.toNanos();
    long pause = 10;
    while (System.nanoTime() < deadline) {
      if (!g.alive(pgid)) {
        return;
      }
      Thread.sleep(Math.min(pause, Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()))));
      pause = Math.min(200, pause * 2);
    }
    g.signal(pgid, "KILL");
    for (int i = 0; i < 50 && g.alive(pgid); i++) {
      Thread.sleep(20);
    }
  }

  private void auditSettle(RunResult r) {
    AuditEvent.Builder e = AuditEvent.builder("run.settle")
        .outcome(r.cancelled() ? "cancelled" : r.exitCode() == 0 ? "ok" : "failed")
        .correlationId(info.runId().value())
        .field("run", info.runId().value())
        .field("pid", info.pid())
        .field("exit", (long) r.exitCode())
        .field("durationMs", r.duration().toMillis())
        .field("stdoutBytes", r.stdoutBytes())
        .field("stderrBytes", r.stderrBytes());
    provider.ifPresent(p -> e.field("provider", p));
    r.cancelReason().ifPresent(c -> e.field("cancelled", c));
    try {
      audit.append(e.build());
    } catch (RuntimeException ex) {
      LOG.log(Level.ERROR, "the audit sink could not record run.settle of {0}: {1}", info.runId(), SafeText.clean(ex.toString(), 200));
    }
  }

  /** Identity only. */
  @Override
  public String toString() {
    return "RunningChild[" + info.runId() + ", pid " + info.pid() + ", " + info.program() + "]";
  }
}
