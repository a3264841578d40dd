package dev.hostpolicy.core.ratelimit;

import dev.hostpolicy.api.TimeSource;
import dev.hostpolicy.api.spi.RateLimitStore;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/** The table of {@link InMemoryRateLimitStore}: see there. */
final class InMemoryTable implements RateLimitStore.Table {
  private static final long MIN_REFUSALS_PER_SWEEP = 16;

  private final ConcurrentHashMap<String, Cell> cells = new ConcurrentHashMap<>();
  private final Cell overflow = new Cell(true);
  private final long maxKeys;
  private final TimeSource time;
  private final RateLimitStore.Expiry expiry;
  private final long capSweepSpacing;
  private final long refusalsPerSweep;
  private final AtomicLong live = new AtomicLong();
  private final AtomicLong refusals = new AtomicLong();
  private final AtomicBoolean capSweeping = new AtomicBoolean();
  private volatile long lastSweep;

  InMemoryTable(RateLimitStore.TableSpec spec) {
    Objects.requireNonNull(spec, "spec");
    this.maxKeys = spec.maxKeys();
    this.time = spec.time();
    this.expiry = spec.expiry();
    long idle;
    try {
      idle = spec.idleAfter().toNanos();
    } catch (ArithmeticException e) {
      idle = Long.MAX_VALUE;
    }
    this.capSweepSpacing = Math.max(1, idle / 16);
    this.refusalsPerSweep = Math.max(MIN_REFUSALS_PER_SWEEP, maxKeys / 4);
    this.lastSweep = time.nanoTime();
  }

  @Override
  public RateLimitStore.Slot slot(String key) {
    Cell c = cells.get(key);
    if (c == null) {
      return insert(key);
    }
    if (c.get() == RateLimitStore.RETIRED) {
      // retired but not yet unmapped by its sweeper: finish the removal instead of waiting for it
      if (cells.remove(key, c)) {
        live.decrementAndGet();
      }
      return insert(key);
    }
    return c;
  }

  private RateLimitStore.Slot insert(String key) {
    for (int attempt = 0; attempt < 2; attempt++) {
      if (reserve()) {
        Cell fresh = new Cell(false);
        Cell prev = cells.putIfAbsent(key, fresh);
        if (prev != null) {
          live.decrementAndGet();
          return prev; // may be retired meanwhile; the caller then asks again
        }
        return fresh;
      }
      Cell c = cells.get(key);
      if (c != null) {
        return c;
      }
      if (!sweepAtCap()) {
        break;
      }
    }
    return overflow;
  }

  private boolean reserve() {
    for (;;) {
      long n = live.get();
      if (n >= maxKeys) {
        return false;
      }
      if (live.compareAndSet(n, n + 1)) {
        return true;
      }
    }
  }

  /** Sweeps if one is due at the cap and none is running; whether it freed anything. */
  private boolean sweepAtCap() {
    boolean due = refusals.incrementAndGet() >= refusalsPerSweep || time.nanoTime() - lastSweep >= capSweepSpacing;
    if (!due || !capSweeping.compareAndSet(false, true)) {
      return false;
    }
    try {
      return evictIdle() > 0;
    } finally {
      capSweeping.set(false);
    }
  }

  @Override
  public long evictIdle() {
    lastSweep = time.nanoTime();
    refusals.set(0);
    long removed = 0;
    for (Map.Entry<String, Cell> e : cells.entrySet()) {
      Cell c = e.getValue();
      long now = time.nanoTime(); // before the state: a state written later is never idle at `now`
      long s = c.get();
      if (s == RateLimitStore.RETIRED) {
        continue;
      }
      if ((s == RateLimitStore.ABSENT || expiry.isIdle(s, now)) && c.retire(s)) {
        removed++;
        if (cells.remove(e.getKey(), c)) { // unless a lookup already finished the removal
          live.decrementAndGet();
        }
      }
    }
    return removed;
  }

  @Override
  public long liveKeys() {
    return live.get();
  }

  @Override
  public long maxKeys() {
    return maxKeys;
  }

  @Override
  public String toString() {
    return "InMemoryTable[live=" + live.get() + "/" + maxKeys + "]";
  }

  /** One bucket: header, flag and the state — 24 bytes with compressed class pointers. */
  static final class Cell implements RateLimitStore.Slot {
    private static final VarHandle STATE;

    static {
      try {
        STATE = MethodHandles.lookup().findVarHandle(Cell.class, "state", long.class);
      } catch (ReflectiveOperationException e) {
        throw new ExceptionInInitializerError(e);
      }
    }

    private final boolean overflow;
    private volatile long state;

    Cell(boolean overflow) {
      this.overflow = overflow;
      STATE.setRelease(this, RateLimitStore.ABSENT);
    }

    @Override
    public long get() {
      return state;
    }

    @Override
    public boolean compareAndSet(long expected, long update) {
      if (update < 0 || (expected < 0 && expected != RateLimitStore.ABSENT)) {
        throw new IllegalArgumentException("states are non-negative (expected may be ABSENT)");
      }
      return STATE.compareAndSet(this, expected, update);
    }

    boolean retire(long expected) {
      return STATE.compareAndSet(this, expected, RateLimitStore.RETIRED);
    }

    @Override
    public boolean isOverflow() {
      return overflow;
    }

    @Override
    public String toString() {
      return overflow ? "overflow slot" : "slot";
    }
  }
}
