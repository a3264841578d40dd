package dev.hostpolicy.benchmarks.ratelimit;

import com.google.common.util.concurrent.RateLimiter;
import dev.hostpolicy.api.Rate;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.local.SynchronizationStrategy;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.ThreadParams;

/**
 * The JMH states shared by the rate-limit benchmarks: the workload (one hot key or 100,000 keys; a
 * rate that allows every acquire or one that refuses every acquire), and each implementation set up
 * for it — ours, Bucket4j's lock-free bucket and Guava's {@code RateLimiter}, the latter two in a
 * {@link ConcurrentHashMap} per key as a host would keep them.
 *
 * <pre>{@code
 * @Benchmark
 * public RateLimitResult tryAcquire(RateLimitFixtures.Ours ours, RateLimitFixtures.Cursor cursor) {
 *   return ours.limiter.tryAcquire(cursor.next());
 * }
 * }</pre>
 *
 * <p>"allow": a bucket so deep it never empties during a run (2·10<sup>10</sup> permits refilled at one
 * per 10 ms, so that a key visited every few milliseconds is never full again and stays in our table;
 * Guava, whose burst is capped at one second of permits, gets 10<sup>12</sup> permits per second). Every
 * acquire then writes the bucket. "deny": one permit per hour, taken during setup, so every measured
 * acquire is refused — the path a flood takes.
 */
public final class RateLimitFixtures {
  private RateLimitFixtures() {}

  /** Permits of the "allow" rate: never exhausted during a run. */
  static final long DEEP_PERMITS = 20_000_000_000L;

  /** Period of the "allow" rate: one permit per 10 ms. */
  static final Duration DEEP_PERIOD = Duration.ofMillis(10).multipliedBy(DEEP_PERMITS);

  /** The workload: how many keys, and whether acquires are allowed or refused. */
  @State(Scope.Benchmark)
  public static class Workload {
    /** 1 = one hot key; 100000 = keys cycled by every thread. */
    @Param({"1", "100000"})
    public int keys;

    /** "allow" or "deny". */
    @Param({"allow", "deny"})
    public String outcome;

    String[] names;

    /** Makes the key strings (hash codes cached before measuring). */
    @Setup
    public void setup() {
      names = new String[keys];
      for (int i = 0; i < keys; i++) {
        names[i] = "trigger-" + i;
        names[i].hashCode();
      }
    }

    boolean allow() {
      return outcome.equals("allow");
    }

    Rate rate() {
      return allow() ? Rate.of(DEEP_PERMITS, DEEP_PERIOD) : Rate.of(1, Duration.ofHours(1));
    }
  }

  /** Each thread walks the keys from its own offset. */
  @State(Scope.Thread)
  public static class Cursor {
    private String[] names;
    private int next;

    /** Spreads the threads over the key space. */
    @Setup
    public void setup(Workload w, ThreadParams thread) {
      names = w.names;
      next = (int) ((long) names.length * thread.getThreadIndex() / Math.max(1, thread.getThreadCount()));
    }

    /** The next key. */
    public String next() {
      String k = names[next];
      if (++next == names.length) {
        next = 0;
      }
      return k;
    }
  }

  /** Ours: one {@link dev.hostpolicy.core.ratelimit.RateLimiter} with room for every key. */
  @State(Scope.Benchmark)
  public static class Ours {
    /** The limiter under test. */
    public dev.hostpolicy.core.ratelimit.RateLimiter limiter;

    /** Creates it and touches every key once (for "deny", that takes the only permit). */
    @Setup
    public void setup(Workload w) {
      limiter = ours(w);
    }
  }

  /** Bucket4j: a lock-free local bucket per key in a ConcurrentHashMap. */
  @State(Scope.Benchmark)
  public static class Bucket4j {
    private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();
    private long permits;
    private Duration period;

    /** Creates the buckets and touches every key once. */
    @Setup
    public void setup(Workload w) {
      permits = w.allow() ? DEEP_PERMITS : 1;
      period = w.allow() ? DEEP_PERIOD : Duration.ofHours(1);
      for (String k : w.names) {
        bucket(k).tryConsume(1);
      }
    }

    /** The bucket of {@code key}, created on first use (lock-free read on the hot path). */
    public Bucket bucket(String key) {
      Bucket b = buckets.get(key);
      return b != null ? b : buckets.computeIfAbsent(key, k -> bucket4j(permits, period));
    }
  }

  /** Guava: a {@code RateLimiter} (synchronized, SmoothBursty) per key in a ConcurrentHashMap. */
  @State(Scope.Benchmark)
  public static class Guava {
    private final ConcurrentHashMap<String, RateLimiter> limiters = new ConcurrentHashMap<>();
    private double permitsPerSecond;

    /** Creates the limiters and touches every key once. */
    @Setup
    public void setup(Workload w) {
      permitsPerSecond = w.allow() ? 1e12 : 1.0 / 3600;
      for (String k : w.names) {
        limiter(k).tryAcquire();
      }
    }

    /** The limiter of {@code key}, created on first use. */
    public RateLimiter limiter(String key) {
      RateLimiter l = limiters.get(key);
      return l != null ? l : limiters.computeIfAbsent(key, k -> RateLimiter.create(permitsPerSecond));
    }
  }

  static dev.hostpolicy.core.ratelimit.RateLimiter ours(Workload w) {
    dev.hostpolicy.core.ratelimit.RateLimiter limiter =
        dev.hostpolicy.core.ratelimit.RateLimiter.builder(w.rate()).name("bench").maxKeys(2L * w.keys + 16).build();
    for (String k : w.names) {
      limiter.tryAcquire(k);
    }
    return limiter;
  }

  static Bucket bucket4j(long permits, Duration period) {
    return Bucket.builder()
        .addLimit(limit -> limit.capacity(permits).refillGreedy(permits, period))
        .withNanosecondPrecision() // System.nanoTime, as ours
        .withSynchronizationStrategy(SynchronizationStrategy.LOCK_FREE)
        .build();
  }
}
