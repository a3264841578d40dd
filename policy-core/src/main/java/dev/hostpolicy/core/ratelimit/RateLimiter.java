package dev.hostpolicy.core.ratelimit;

import dev.hostpolicy.api.Rate;
import dev.hostpolicy.api.TimeSource;
import dev.hostpolicy.api.spi.RateLimitStore;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.Objects;

/**
 * A token-bucket rate limiter keyed by string: each key may take {@link Rate#permits()} permits at
 * once (the burst capacity) and gets them back at {@code permits} per {@link Rate#period()}, evenly.
 * {@link Rate#off()} lets everything through. Safe for any number of threads; lock-free per bucket.
 *
 * <pre>{@code
 * RateLimiter webhooks = RateLimiter.create(Rate.perMinute(120));   // per trigger
 * RateLimitResult r = webhooks.tryAcquire("deploy");
 * if (r.denied()) {
 *   return respond(429, "Retry-After", Long.toString(r.retryAfterSeconds()));
 * }
 * }</pre>
 *
 * <h2>Algorithm</h2>
 *
 * The generic cell rate algorithm (GCRA), which is a token bucket written as one number: per key the
 * limiter keeps the instant {@code F} at which the bucket will be full again. With capacity
 * {@code P} and period {@code T}, a permit costs {@code T/P} of time and the bucket may run at most
 * {@code T} ahead of the clock: at time {@code now}, a permit is granted iff
 * {@code max(F, now) + T/P <= now + T}, and then {@code F} becomes {@code max(F, now) + T/P}.
 *
 * <p>All arithmetic is integer. Time is counted in units of {@code 1/b} ns, where
 * {@code b = P / gcd(P, T in ns)}, so that a permit costs a whole number of units and nothing is ever
 * rounded: the limiter lets through exactly what an ideal bucket with rational arithmetic would,
 * forever, with no drift (for example 7/s costs 10<sup>9</sup> units of 1/7 ns per permit). {@code F}
 * is stored modulo 2<sup>63</sup> in a single {@code long} per key in a {@link RateLimitStore} and
 * updated with one compare-and-set. A denial states the exact wait, rounded up to the nanosecond:
 * acquiring exactly {@link RateLimitResult#retryAfter()} later succeeds, one nanosecond earlier does
 * not.
 *
 * <h2>Memory</h2>
 *
 * A full bucket is the same as no bucket, so a key is only kept while its bucket is partly drained.
 * The limiter sweeps idle keys out of its table at least once per {@code max(period, 1 s)} while it is
 * in use, and at most {@link Builder#maxKeys(long) maxKeys} keys (default {@value #DEFAULT_MAX_KEYS})
 * are live at once: while the table is full, every new key shares one overflow bucket with the same
 * rate — strict on purpose, so a flood of distinct keys costs the flood, not the memory. Keys longer
 * than {@value #MAX_KEY_CHARS} characters are replaced by their SHA-256 digest, so a key never
 * retains more than a few dozen bytes.
 *
 * <h2>Supported rates</h2>
 *
 * Exact arithmetic needs {@code b <= 2^29} and {@code T x b <= 2^58} (T in ns); every rate with a round
 * permit count qualifies (120/min, 20/min, 7/s, 10^12/s, ...). {@link #checkSupported(Rate)} rejects
 * the rest with a message; {@code HostPolicy.build()} runs it on the rate-limit settings.
 */
public final class RateLimiter {

  /** The default cap on live keys of one limiter. */
  public static final long DEFAULT_MAX_KEYS = 10_000;

  /** Keys longer than this are replaced by their digest. */
  public static final int MAX_KEY_CHARS = 64;

  private static final long MAX_UNITS_PER_NANO = 1L << 29;
  private static final long MAX_WINDOW_UNITS = 1L << 58;
  private static final long MASK = Long.MAX_VALUE;
  private static final long ONE_SECOND = 1_000_000_000L;
  private static final String GLOBAL_KEY = "";

  private static final RateLimitResult UNLIMITED =
      new RateLimitResult(true, Long.MAX_VALUE, 0, false);
  private static final int CACHED_RESULTS = 256;

  private static final VarHandle MARK;

  static {
    try {
      MARK = MethodHandles.lookup().findVarHandle(RateLimiter.class, "mark", long.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private final Rate rate;
  private final String name;
  private final TimeSource time;
  private final RateLimitStore.Table table; // null when the rate is off
  private final long unitsPerNano; // b
  private final long cost; // a: units per permit
  private final long window; // W = T * b: how far F may run ahead of the clock
  private final long sweepInterval; // ns
  private final long gapThreshold; // ns: half of the range F can be decoded over
  private final boolean resetAfterGap;
  private final RateLimitResult[] allowedResults;

  /**
   * {@code (nanoTime of the last sweep << 1) | resetting}. Read on every acquire, written once per
   * sweep interval.
   */
  @SuppressWarnings("unused")
  private volatile long mark;

  private RateLimiter(Builder b) {
    this.rate = b.rate;
    this.name = b.name;
    this.time = b.time;
    if (rate.isOff()) {
      this.table = null;
      this.unitsPerNano = 1;
      this.cost = 1;
      this.window = 1;
      this.sweepInterval = Long.MAX_VALUE;
      this.gapThreshold = Long.MAX_VALUE;
      this.resetAfterGap = false;
      this.allowedResults = new RateLimitResult[0];
      return;
    }
    checkSupported(rate);
    long periodNanos = rate.period().toNanos();
    long g = gcd(rate.permits(), periodNanos);
    this.unitsPerNano = rate.permits() / g;
    this.cost = periodNanos / g;
    this.window = periodNanos * unitsPerNano;
    this.sweepInterval = Math.max(periodNanos, ONE_SECOND);
    this.gapThreshold = (1L << 61) / unitsPerNano;
    this.mark = time.nanoTime() << 1;
    RateLimitStore.Table t =
        b.store.open(new RateLimitStore.TableSpec(name, b.maxKeys, rate.period(), time, this::isIdle));
    this.table = Objects.requireNonNull(t, "store returned no table");
    this.resetAfterGap = !t.expiresStatesItself();
    int cached = (int) Math.min(CACHED_RESULTS, Math.min(rate.permits(), Integer.MAX_VALUE));
    this.allowedResults = new RateLimitResult[cached * 2];
    for (int i = 0; i < cached; i++) {
      allowedResults[2 * i] = new RateLimitResult(true, i, 0, false);
      allowedResults[2 * i + 1] = new RateLimitResult(true, i, 0, true);
    }
  }

  /** A limiter at {@code rate} on the system clock, in memory, with the default key cap. */
  public static RateLimiter create(Rate rate) {
    return builder(rate).build();
  }

  /** A limiter at {@code rate} on {@code time}, in memory, with the default key cap. */
  public static RateLimiter create(Rate rate, TimeSource time) {
    return builder(rate).time(time).build();
  }

  /** Starts a builder for a limiter at {@code rate}. */
  public static Builder builder(Rate rate) {
    return new Builder(rate);
  }

  /** Whether {@link #checkSupported(Rate)} accepts {@code rate}. */
  public static boolean isSupported(Rate rate) {
    try {
      checkSupported(rate);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /**
   * Checks that {@code rate} can be enforced exactly (see the class documentation); {@link Rate#off()}
   * always can.
   *
   * @throws IllegalArgumentException saying why not, and what to use instead
   */
  public static void checkSupported(Rate rate) {
    Objects.requireNonNull(rate, "rate");
    if (rate.isOff()) {
      return;
    }
    long periodNanos;
    try {
      periodNanos = rate.period().toNanos();
    } catch (ArithmeticException e) {
      throw unsupported(rate);
    }
    long b = rate.permits() / gcd(rate.permits(), periodNanos);
    if (b > MAX_UNITS_PER_NANO || b > MAX_WINDOW_UNITS / periodNanos) {
      throw unsupported(rate);
    }
  }

  private static IllegalArgumentException unsupported(Rate rate) {
    return new IllegalArgumentException(
        "rate " + rate + " is too fine-grained to enforce exactly in nanoseconds"
            + " (period x permits / gcd(permits, period in ns) must stay within 2^58);"
            + " use a rounder permit count, such as 1000/s or 100000/min, or a shorter period");
  }

  /**
   * Takes one permit from {@code key}'s bucket if it has one.
   *
   * @param key any string (a trigger name, a client address); keys longer than
   *     {@value #MAX_KEY_CHARS} characters are identified by their SHA-256 digest
   * @throws IllegalStateException if the store hands back a state outside its contract (fail closed:
   *     the caller must treat it as a denial)
   */
  public RateLimitResult tryAcquire(String key) {
    Objects.requireNonNull(key, "key");
    if (table == null) {
      return UNLIMITED;
    }
    String k = key.length() > MAX_KEY_CHARS ? digest(key) : key;
    long m = (long) MARK.getVolatile(this);
    if ((m & 1) != 0) {
      m = awaitReset();
    }
    RateLimitStore.Slot slot = table.slot(k);
    for (;;) {
      long seen = slot.get();
      if (seen == RateLimitStore.RETIRED) {
        slot = table.slot(k);
        continue;
      }
      if (seen < 0 && seen != RateLimitStore.ABSENT) {
        throw new IllegalStateException("rate-limit store returned a state outside its contract");
      }
      // the clock is read after the state, so a state is never from a later instant than `now`; the
      // mark was read before the state, so a reset since then shows as a due sweep below
      long now = time.nanoTime();
      if (((now << 1) - m) >> 1 >= sweepInterval) {
        maintain(m, now);
        m = (long) MARK.getVolatile(this);
        if ((m & 1) != 0) {
          m = awaitReset();
        }
        slot = table.slot(k);
        continue;
      }
      long n = now * unitsPerNano;
      long debt = 0;
      if (seen != RateLimitStore.ABSENT) {
        long d = ((seen - n) << 1) >> 1;
        if (d > 0) {
          debt = d;
        }
      }
      long after = debt + cost;
      if (after > window) {
        long waitUnits = after - window;
        long waitNanos = waitUnits / unitsPerNano + (waitUnits % unitsPerNano == 0 ? 0 : 1);
        return new RateLimitResult(false, 0, waitNanos, slot.isOverflow());
      }
      if (slot.compareAndSet(seen, (n + after) & MASK)) {
        return allowed((window - after) / cost, slot.isOverflow());
      }
      Thread.onSpinWait(); // lost a race for this bucket: let the winner's write settle first
    }
  }

  /** Takes one permit from the limiter's single global bucket (the key {@code ""}). */
  public RateLimitResult tryAcquire() {
    return tryAcquire(GLOBAL_KEY);
  }

  private RateLimitResult allowed(long remaining, boolean overflow) {
    if (remaining < allowedResults.length / 2) {
      return allowedResults[2 * (int) remaining + (overflow ? 1 : 0)];
    }
    return new RateLimitResult(true, remaining, 0, overflow);
  }

  /**
   * Drops the keys whose buckets are full again. The limiter does this by itself at least once per
   * {@code max(period, 1 s)} while in use; hosts may also call it (from a scheduled task, say).
   *
   * @return how many keys were removed
   */
  public long evictIdle() {
    if (table == null) {
      return 0;
    }
    long m = (long) MARK.getVolatile(this);
    if ((m & 1) != 0) {
      m = awaitReset();
    }
    long now = time.nanoTime();
    if (resetAfterGap && ((now << 1) - m) >> 1 >= gapThreshold) {
      maintain(m, now);
      return 0;
    }
    return table.evictIdle();
  }

  /** The number of keys holding a bucket of their own now. */
  public long liveKeys() {
    return table == null ? 0 : table.liveKeys();
  }

  /** The cap on live keys (0 when the limit is off: nothing is stored). */
  public long maxKeys() {
    return table == null ? 0 : table.maxKeys();
  }

  /** The rate this limiter enforces. */
  public Rate rate() {
    return rate;
  }

  /** The limiter's name (the table name in its store). */
  public String name() {
    return name;
  }

  @Override
  public String toString() {
    return "RateLimiter[" + name + ", " + rate + (table == null ? "" : ", live=" + table.liveKeys() + "/" + table.maxKeys()) + "]";
  }

  // --- maintenance -----------------------------------------------------------------------------

  /**
   * Called when a sweep is due. Normally it sweeps idle keys. After the limiter saw no use for half
   * the range a stored instant can be decoded over (2^61 / b ns: 73 years at 120/min, about 4 s for
   * the finest supported rate), every bucket is certainly full but its instant may no longer decode
   * correctly, so the table is emptied instead, with acquires waiting for that moment: any acquire
   * still in flight from before the gap read the clock at least a period earlier, so its bucket is
   * full too.
   */
  private void maintain(long m, long now) {
    if (resetAfterGap && ((now << 1) - m) >> 1 >= gapThreshold) {
      if (MARK.compareAndSet(this, m, (now << 1) | 1)) {
        boolean done = false;
        try {
          table.evictIdle(); // isIdle says yes to everything while resetting
          done = true;
        } finally {
          MARK.setVolatile(this, done ? now << 1 : m);
        }
      }
      return;
    }
    if (MARK.compareAndSet(this, m, now << 1)) {
      table.evictIdle();
    }
  }

  /** Waits for a reset to finish; returns the mark after it. */
  private long awaitReset() {
    int spins = 0;
    long m;
    while (((m = (long) MARK.getVolatile(this)) & 1) != 0) {
      if (++spins < 100) {
        Thread.onSpinWait();
      } else {
        Thread.yield();
      }
    }
    return m;
  }

  /** The store's {@link RateLimitStore.Expiry}: a bucket is idle once the clock has reached F. */
  private boolean isIdle(long state, long nanoTime) {
    if ((((long) MARK.getVolatile(this)) & 1) != 0) {
      return true;
    }
    return ((state - nanoTime * unitsPerNano) << 1) >> 1 <= 0;
  }

  private static long gcd(long a, long b) {
    while (b != 0) {
      long t = a % b;
      a = b;
      b = t;
    }
    return a;
  }

  private static String digest(String key) {
    MessageDigest sha;
    try {
      sha = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every Java platform", e);
    }
    byte[] utf16 = new byte[key.length() * 2];
    for (int i = 0; i < key.length(); i++) {
      char c = key.charAt(i);
      utf16[2 * i] = (byte) (c >>> 8);
      utf16[2 * i + 1] = (byte) c;
    }
    // U+0001 cannot start a digest-shaped key by accident; 44 characters, well under MAX_KEY_CHARS
    return "\u0001" + new String(Base64.getUrlEncoder().withoutPadding().encode(sha.digest(utf16)), StandardCharsets.US_ASCII);
  }

  /**
   * Configures a {@link RateLimiter}.
   *
   * <pre>{@code
   * RateLimiter limiter = RateLimiter.builder(Rate.perMinute(120))
   *     .name("webhook")
   *     .time(TimeSource.system())
   *     .maxKeys(1_000)
   *     .store(RateLimitStores.inMemory())
   *     .build();
   * }</pre>
   */
  public static final class Builder {
    private final Rate rate;
    private String name = "ratelimit";
    private TimeSource time = TimeSource.system();
    private RateLimitStore store;
    private long maxKeys = DEFAULT_MAX_KEYS;

    private Builder(Rate rate) {
      this.rate = Objects.requireNonNull(rate, "rate");
    }

    /** The limiter's name: lowercase {@code [a-z0-9.-]}, 1–64 characters; {@code ratelimit} by default. */
    public Builder name(String name) {
      this.name = Objects.requireNonNull(name, "name");
      return this;
    }

    /** The clock ({@link TimeSource#nanoTime()} is used); the system clock by default. */
    public Builder time(TimeSource time) {
      this.time = Objects.requireNonNull(time, "time");
      return this;
    }

    /** Where buckets live; a fresh {@link InMemoryRateLimitStore} by default. */
    public Builder store(RateLimitStore store) {
      this.store = Objects.requireNonNull(store, "store");
      return this;
    }

    /** The cap on live keys, at least 1; {@value RateLimiter#DEFAULT_MAX_KEYS} by default. */
    public Builder maxKeys(long maxKeys) {
      if (maxKeys < 1) {
        throw new IllegalArgumentException("maxKeys must be at least 1");
      }
      this.maxKeys = maxKeys;
      return this;
    }

    /**
     * Builds the limiter.
     *
     * @throws IllegalArgumentException if the rate is not {@link #checkSupported(Rate) supported} or
     *     the name is malformed
     */
    public RateLimiter build() {
      if (store == null) {
        store = new InMemoryRateLimitStore();
      }
      // validate the name even for an off rate, which opens no table
      new RateLimitStore.TableSpec(name, maxKeys, Duration.ofSeconds(1), time, (s, t) -> true);
      return new RateLimiter(this);
    }
  }
}
