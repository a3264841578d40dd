package dev.hostpolicy.process.internal;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;

/**
 * The shared daemon timer that escalates a cancellation from SIGTERM to SIGKILL after the grace period.
 *
 * <pre>{@code
 * Timers.shared().schedule(() -> kill(), grace.toNanos(), TimeUnit.NANOSECONDS);
 * }</pre>
 */
public final class Timers {
  private static final ScheduledExecutorService SHARED = create();

  private Timers() {}

  /** The shared timer (one daemon thread). */
  public static ScheduledExecutorService shared() {
    return SHARED;
  }

  private static ScheduledExecutorService create() {
    ScheduledThreadPoolExecutor e = new ScheduledThreadPoolExecutor(1, r -> {
      Thread t = new Thread(r, "hostpolicy-process-timer");
      t.setDaemon(true);
      return t;
    });
    e.setRemoveOnCancelPolicy(true);
    return e;
  }
}
