package dev.hostpolicy.testkit.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hostpolicy.api.Rate;
import dev.hostpolicy.core.ratelimit.RateLimiter;
import dev.hostpolicy.testkit.RateLimitArbitraries;
import dev.hostpolicy.testkit.fake.FakeTimeSource;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * A million distinct keys — in runs of 65,536 with one {@link String#hashCode()} — leave the limiter
 * holding at most its cap, measured as the live-key count and as retained heap (used heap after
 * garbage collection, before and after the flood, with the limiter still reachable). A calibration
 * run holding the same keys in a plain map shows the measurement sees what a leak would retain.
 * There are no timing thresholds.
 */
class KeyFloodTest {
  private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();
  private static final int FLOOD = 1_000_000;
  private static final int CAP = 10_000;

  @Test
  void aMillionDistinctKeysLeaveHeapBoundedByTheCap() {
    FakeTimeSource time = FakeTimeSource.create();
    long before = retainedHeap();
    RateLimiter limiter = RateLimiter.builder(Rate.perMinute(1)).time(time).maxKeys(CAP).build();
    AtomicLong allowed = new AtomicLong();
    AtomicLong maxLive = new AtomicLong();
    RateLimitArbitraries.keyFlood(FLOOD).forEach(k -> {
      if (limiter.tryAcquire(k).allowed()) {
        allowed.incrementAndGet();
      }
      maxLive.accumulateAndGet(limiter.liveKeys(), Math::max);
    });
    long retained = retainedHeap() - before;

    assertThat(maxLive.get()).isEqualTo(CAP);
    assertThat(limiter.liveKeys()).isEqualTo(CAP);
    assertThat(allowed.get()).as("one permit per own bucket plus the overflow bucket's one").isEqualTo(CAP + 1);
    // about 150 bytes per live key (map node, cell, key string); 512 leaves room for GC noise
    assertThat(retained).as("retained bytes for %d live keys", CAP).isLessThan(CAP * 512L);

    // a minute later every bucket is full again: the next acquire's sweep drops them all
    time.advance(Duration.ofMinutes(1));
    assertThat(limiter.tryAcquire("after").allowed()).isTrue();
    assertThat(limiter.liveKeys()).isEqualTo(1);
  }

  @Test
  void calibrationTheMeasurementSeesAMillionRetainedKeys() {
    long before = retainedHeap();
    Map<String, Object> leak = new HashMap<>();
    RateLimitArbitraries.keyFlood(FLOOD).forEach(k -> leak.put(k, Boolean.TRUE));
    long retained = retainedHeap() - before;
    assertThat(leak).hasSize(FLOOD);
    assertThat(retained).as("a map that keeps every key").isGreaterThan(FLOOD * 64L);
  }

  @Test
  void longKeysRetainOnlyTheirDigest() {
    FakeTimeSource time = FakeTimeSource.create();
    long before = retainedHeap();
    RateLimiter limiter = RateLimiter.builder(Rate.perMinute(1)).time(time).maxKeys(CAP).build();
    String prefix = "k".repeat(4_000);
    for (int i = 0; i < 5_000; i++) {
      assertThat(limiter.tryAcquire(prefix + i).allowed()).isTrue();
    }
    long retained = retainedHeap() - before;
    assertThat(limiter.liveKeys()).isEqualTo(5_000);
    // 5,000 keys of 4,000 characters would be 20 MB; digests are about 200 bytes a key with the rest
    assertThat(retained).isLessThan(5_000 * 512L);
    assertThat(limiter.tryAcquire(prefix + 0).allowed()).isFalse();
  }

  /** Used heap after collecting garbage until it stops shrinking (at most ten collections). */
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
