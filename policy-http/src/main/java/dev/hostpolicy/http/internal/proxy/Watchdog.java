package dev.hostpolicy.http.internal.proxy;

import dev.hostpolicy.api.TimeSource;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Enforces the deadlines of every {@link Exchange} on one timer thread: each tick compares them with
 * the {@link TimeSource} and closes the channels of those past due. Blocking channels have no read
 * timeout of their own; closing them from here is what bounds every blocked worker.
 */
final class Watchdog implements AutoCloseable {
  private final TimeSource time;
  private final long idleNanos;
  private final long headerNanos;
  private final Set<Exchange> live = ConcurrentHashMap.newKeySet();
  private final ScheduledExecutorService timer;

  Watchdog(TimeSource time, long idleNanos, long headerNanos, long tickMillis, String threadName) {
    this.time = time;
    this.idleNanos = idleNanos;
    this.headerNanos = headerNanos;
    this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, threadName);
      t.setDaemon(true);
      return t;
    });
    timer.scheduleWithFixedDelay(this::tick, tickMillis, tickMillis, TimeUnit.MILLISECONDS);
  }

  Exchange open() {
    Exchange e = new Exchange(this, time, idleNanos, headerNanos);
    live.add(e);
    return e;
  }

  void forget(Exchange e) {
    live.remove(e);
  }

  int size() {
    return live.size();
  }

  void tick() {
    long now = time.nanoTime();
    for (Exchange e : live) {
      if (e.pastDeadline(now)) {
        e.expire();
        live.remove(e);
      }
    }
  }

  /** Closes every watched exchange (the proxy stops). */
  void expireAll() {
    for (Exchange e : live) {
      e.expire();
    }
    live.clear();
  }

  @Override
  public void close() {
    timer.shutdownNow();
    expireAll();
  }
}
