package dev.hostpolicy.benchmarks.ratelimit;

import dev.hostpolicy.core.ratelimit.RateLimitResult;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Threads;

/**
 * One thread: {@code RateLimiter.tryAcquire(key)} next to its anchors, Bucket4j's lock-free bucket
 * ({@code tryConsume(1)}, which answers only yes/no — ours also computes remaining and the exact
 * retry time) and Guava's {@code RateLimiter.tryAcquire()}, for one hot key and 100,000 keys, on a
 * rate that allows every acquire and on one that refuses every acquire. See {@link RateLimitFixtures}.
 *
 * <pre>{@code
 * benchmarks/run RateLimit
 * }</pre>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Threads(1)
public class RateLimitBenchmark {

  /** Ours. */
  @Benchmark
  public RateLimitResult tryAcquire(RateLimitFixtures.Ours ours, RateLimitFixtures.Cursor cursor) {
    return ours.limiter.tryAcquire(cursor.next());
  }

  /** Anchor: Bucket4j 8, lock-free local bucket. */
  @Benchmark
  public boolean anchorBucket4j(RateLimitFixtures.Bucket4j b, RateLimitFixtures.Cursor cursor) {
    return b.bucket(cursor.next()).tryConsume(1);
  }

  /** Anchor: Guava's RateLimiter. */
  @Benchmark
  public boolean anchorGuava(RateLimitFixtures.Guava g, RateLimitFixtures.Cursor cursor) {
    return g.limiter(cursor.next()).tryAcquire();
  }
}
