package dev.hostpolicy.testkit.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hostpolicy.api.Rate;
import dev.hostpolicy.core.ratelimit.RateLimitResult;
import dev.hostpolicy.core.ratelimit.RateLimiter;
import dev.hostpolicy.testkit.fake.FakeTimeSource;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Threads racing on one bucket with the fake clock frozen while they race: the count of permits
 * granted is exactly what the bucket holds — never more — and every {@code remaining} value is handed
 * out once, as in some sequential order. Threads start together on a barrier; nothing sleeps.
 */
class RateLimiterConcurrencyTest {
  private static final int THREADS = 4;

  private final ExecutorService pool = Executors.newFixedThreadPool(THREADS + 2);

  @AfterEach
  void stop() {
    pool.shutdownNow();
  }

  @Test
  void threadsHammeringOneKeyGetExactlyTheBurstEachRemainingValueOnce() throws Exception {
    for (int round = 0; round < 25; round++) {
      FakeTimeSource time = FakeTimeSource.create();
      long permits = 1_000;
      RateLimiter limiter = RateLimiter.create(Rate.perMinute(permits), time);
      CyclicBarrier start = new CyclicBarrier(THREADS);
      ConcurrentLinkedQueue<Long> remaining = new ConcurrentLinkedQueue<>();
      List<Future<Long>> workers = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        workers.add(pool.submit(() -> {
          start.await();
          long allowed = 0;
          for (int i = 0; i < 600; i++) {
            RateLimitResult r = limiter.tryAcquire("hot");
            if (r.allowed()) {
              allowed++;
              remaining.add(r.remaining());
            }
          }
          return allowed;
        }));
      }
      long total = 0;
      for (Future<Long> f : workers) {
        total += f.get(60, TimeUnit.SECONDS);
      }
      assertThat(total).as("round %d", round).isEqualTo(permits);
      assertThat(remaining).hasSize((int) permits);
      assertThat(remaining.stream().sorted().toList()).isEqualTo(
          java.util.stream.LongStream.range(0, permits).boxed().toList());
    }
  }

  /**
   * Phases: the main thread moves the clock by a random step (shorter than it takes the drained
   * bucket to refill completely, so the bucket is never idle), then four threads hammer the key until
   * each has tried 200 times. Meanwhile one thread sweeps idle keys without pause and another floods
   * a table capped at 8 keys with new keys, forcing sweeps at the cap. After every phase the permits
   * granted so far equal exactly {@code P + floor(elapsed x P / T)}: all that the rate allows, nothing
   * more, and no sweep ever reset the drained bucket.
   */
  @Test
  void phasesOfRacingMatchTheBoundExactlyWhileSweepsAndFloodsRun() throws Exception {
    Rate rate = Rate.of(7, Duration.ofSeconds(1)); // a permit every 142857142.857 ns
    long period = rate.period().toNanos();
    long maxStep = period - (period + rate.permits() - 1) / rate.permits();
    SplittableRandom random = new SplittableRandom(7);
    for (int round = 0; round < 4; round++) {
      FakeTimeSource time = FakeTimeSource.create();
      RateLimiter limiter = RateLimiter.builder(rate).time(time).maxKeys(8).build();
      for (int i = 0; i < rate.permits(); i++) { // drained: the victim holds its slot from now on
        assertThat(limiter.tryAcquire("hot").allowed()).isTrue();
      }
      long t0 = time.nanoTime();
      AtomicLong granted = new AtomicLong(rate.permits());
      AtomicBoolean done = new AtomicBoolean();
      AtomicBoolean overflowed = new AtomicBoolean();
      CyclicBarrier phaseStart = new CyclicBarrier(THREADS + 1);
      CyclicBarrier phaseEnd = new CyclicBarrier(THREADS + 1);
      int phases = 40;
      List<Future<?>> workers = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        workers.add(pool.submit(() -> {
          for (int p = 0; p < phases; p++) {
            phaseStart.await();
            for (int i = 0; i < 200; i++) {
              RateLimitResult r = limiter.tryAcquire("hot");
              overflowed.compareAndSet(false, r.overflow());
              if (r.allowed()) {
                granted.incrementAndGet();
              }
            }
            phaseEnd.await();
          }
          return null;
        }));
      }
      Future<?> sweeper = pool.submit(() -> {
        while (!done.get()) {
          limiter.evictIdle();
        }
        return null;
      });
      Future<?> flooder = pool.submit(() -> {
        long n = 0;
        while (!done.get()) {
          limiter.tryAcquire("flood-" + n++);
        }
        return null;
      });
      for (int p = 0; p < phases; p++) {
        time.advanceNanos(random.nextLong(maxStep + 1));
        phaseStart.await(60, TimeUnit.SECONDS);
        phaseEnd.await(60, TimeUnit.SECONDS);
        BigInteger elapsed = BigInteger.valueOf(time.nanoTime() - t0);
        long bound = rate.permits()
            + elapsed.multiply(BigInteger.valueOf(rate.permits())).divide(BigInteger.valueOf(period)).longValueExact();
        assertThat(granted.get()).as("round %d phase %d", round, p).isEqualTo(bound);
      }
      done.set(true);
      for (Future<?> f : workers) {
        f.get(60, TimeUnit.SECONDS);
      }
      sweeper.get(60, TimeUnit.SECONDS);
      flooder.get(60, TimeUnit.SECONDS);
      assertThat(overflowed).isFalse();
      assertThat(limiter.liveKeys()).isLessThanOrEqualTo(8);
    }
  }

  /**
   * Buckets that are full again at the start of every phase (the clock moves a whole period), so the
   * sweeper keeps retiring them while four threads acquire them: a thread holding a retired slot must
   * look the key up again, and no interleaving may grant more (or fewer) than {@code P} per key per
   * phase.
   */
  @Test
  void bucketsEvictedWhileInUseGrantExactlyTheRatePerPhase() throws Exception {
    Rate rate = Rate.of(5, Duration.ofSeconds(1));
    int keys = 8;
    int phases = 30;
    FakeTimeSource time = FakeTimeSource.create();
    RateLimiter limiter = RateLimiter.builder(rate).time(time).maxKeys(100).build();
    AtomicLong granted = new AtomicLong();
    AtomicBoolean done = new AtomicBoolean();
    AtomicBoolean overflowed = new AtomicBoolean();
    CyclicBarrier phaseStart = new CyclicBarrier(THREADS + 1);
    CyclicBarrier phaseEnd = new CyclicBarrier(THREADS + 1);
    List<Future<?>> workers = new ArrayList<>();
    for (int t = 0; t < THREADS; t++) {
      int offset = t;
      workers.add(pool.submit(() -> {
        for (int p = 0; p < phases; p++) {
          phaseStart.await();
          for (int i = 0; i < 20 * keys; i++) {
            RateLimitResult r = limiter.tryAcquire("key-" + ((i + offset) % keys));
            overflowed.compareAndSet(false, r.overflow());
            if (r.allowed()) {
              granted.incrementAndGet();
            }
          }
          phaseEnd.await();
        }
        return null;
      }));
    }
    Future<?> sweeper = pool.submit(() -> {
      long evicted = 0;
      while (!done.get()) {
        evicted += limiter.evictIdle();
      }
      return evicted;
    });
    for (int p = 0; p < phases; p++) {
      if (p > 0) {
        time.advance(rate.period());
      }
      phaseStart.await(60, TimeUnit.SECONDS);
      phaseEnd.await(60, TimeUnit.SECONDS);
      assertThat(granted.get()).as("phase %d", p).isEqualTo((long) (p + 1) * keys * rate.permits());
    }
    done.set(true);
    for (Future<?> f : workers) {
      f.get(60, TimeUnit.SECONDS);
    }
    sweeper.get(60, TimeUnit.SECONDS);
    assertThat(overflowed).isFalse();
  }

  /** Distinct keys from many threads into a table at its cap: the cap holds and the overflow bucket is as strict as one key. */
  @Test
  void concurrentFloodsNeverExceedTheCapOrTheOverflowBucket() throws Exception {
    for (int round = 0; round < 10; round++) {
      FakeTimeSource time = FakeTimeSource.create();
      int cap = 50;
      long permits = 30;
      RateLimiter limiter = RateLimiter.builder(Rate.perMinute(permits)).time(time).maxKeys(cap).build();
      CyclicBarrier start = new CyclicBarrier(THREADS);
      List<Future<long[]>> workers = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        int id = t;
        workers.add(pool.submit(() -> {
          start.await();
          long own = 0;
          long overflowAllowed = 0;
          for (int i = 0; i < 2_000; i++) {
            RateLimitResult r = limiter.tryAcquire("t" + id + "-" + i);
            if (r.allowed()) {
              if (r.overflow()) {
                overflowAllowed++;
              } else {
                own++;
              }
            }
          }
          return new long[] {own, overflowAllowed};
        }));
      }
      long own = 0;
      long overflowAllowed = 0;
      for (Future<long[]> f : workers) {
        long[] r = f.get(60, TimeUnit.SECONDS);
        own += r[0];
        overflowAllowed += r[1];
      }
      assertThat(own).isEqualTo(cap);
      assertThat(overflowAllowed).isEqualTo(permits);
      assertThat(limiter.liveKeys()).isEqualTo(cap);
    }
  }
}
