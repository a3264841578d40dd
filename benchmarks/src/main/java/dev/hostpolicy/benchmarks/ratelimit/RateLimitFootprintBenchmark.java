package dev.hostpolicy.benchmarks.ratelimit;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Bytes per live key: each invocation fills a fresh structure with 100,000 keys (strings made
 * beforehand, so they are not counted) on the refusing one-per-hour rate, so every bucket stays live,
 * and measures the heap it retains — used heap after garbage collection (repeated until it stops
 * shrinking) before and after, divided by the keys. The figure is the secondary metric
 * {@code bytesPerKey}; the time score only says how long filling took. No JOL: the number includes
 * everything a host would pay (map nodes, the table array, per-key objects), but not the key strings.
 *
 * <pre>{@code
 * benchmarks/run RateLimitFootprint
 * }</pre>
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class RateLimitFootprintBenchmark {
  private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();

  /** The keys, made once per trial. */
  @State(Scope.Benchmark)
  public static class Keys {
    /** How many live keys to measure. */
    @Param({"100000"})
    public int keys;

    RateLimitFixtures.Workload workload;

    /** Makes the key strings. */
    @Setup(Level.Trial)
    public void setup() {
      workload = new RateLimitFixtures.Workload();
      workload.keys = keys;
      workload.outcome = "deny";
      workload.setup();
    }
  }

  /** The measured figure, reported next to the score. */
  @State(Scope.Thread)
  @AuxCounters(AuxCounters.Type.EVENTS)
  public static class Footprint {
    /** Retained bytes per live key in the last invocation. */
    public double bytesPerKey;
  }

  /** Ours: a RateLimiter (in-memory store) holding every key. */
  @Benchmark
  public Object ours(Keys k, Footprint f) {
    long before = retainedHeap();
    Object held = RateLimitFixtures.ours(k.workload);
    f.bytesPerKey = (retainedHeap() - before) / (double) k.keys;
    return held;
  }

  /** Anchor: a ConcurrentHashMap of Bucket4j lock-free buckets. */
  @Benchmark
  public Object anchorBucket4j(Keys k, Footprint f) {
    long before = retainedHeap();
    RateLimitFixtures.Bucket4j held = new RateLimitFixtures.Bucket4j();
    held.setup(k.workload);
    f.bytesPerKey = (retainedHeap() - before) / (double) k.keys;
    return held;
  }

  /** Anchor: a ConcurrentHashMap of Guava RateLimiters. */
  @Benchmark
  public Object anchorGuava(Keys k, Footprint f) {
    long before = retainedHeap();
    RateLimitFixtures.Guava held = new RateLimitFixtures.Guava();
    held.setup(k.workload);
    f.bytesPerKey = (retainedHeap() - before) / (double) k.keys;
    return held;
  }

  private static long retainedHeap() {
    long used = Long.MAX_VALUE;
    for (int i = 0; i < 10; i++) {
      System.gc();
      long now = MEMORY.getHeapMemoryUsage().getUsed();
      if (now >= used) {
        return now;
      }
      used = now;
    }
    return used;
  }
}
