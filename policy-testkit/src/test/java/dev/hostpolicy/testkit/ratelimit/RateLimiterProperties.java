package dev.hostpolicy.testkit.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hostpolicy.api.Rate;
import dev.hostpolicy.core.ratelimit.RateLimitResult;
import dev.hostpolicy.core.ratelimit.RateLimiter;
import dev.hostpolicy.testkit.PolicyArbitraries;
import dev.hostpolicy.testkit.RateLimitArbitraries.ScheduledAcquire;
import dev.hostpolicy.testkit.fake.FakeTimeSource;
import java.math.BigInteger;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.Tuple.Tuple2;
import net.jqwik.api.Tuple.Tuple3;

/**
 * The limiter against an independent oracle ({@link ReferenceBucket}, exact rational token bucket)
 * on random rates and schedules from the test kit, plus the bound, the exactness of
 * {@code retryAfter}, and eviction and key floods never disturbing a bucket.
 */
class RateLimiterProperties {

  @Property(tries = 400)
  void everyOutcomeIsExactlyTheModels(@ForAll("rateAndSchedule") Tuple2<Rate, List<ScheduledAcquire>> in) {
    FakeTimeSource time = FakeTimeSource.create();
    RateLimiter limiter = RateLimiter.create(in.get1(), time);
    Map<String, ReferenceBucket> model = new HashMap<>();
    int step = 0;
    for (ScheduledAcquire s : in.get2()) {
      time.advanceNanos(s.delayNanos());
      RateLimitResult r = limiter.tryAcquire(s.key());
      ReferenceBucket.Outcome m = model.computeIfAbsent(s.key(), k -> new ReferenceBucket(in.get1())).acquire(time.nanoTime());
      assertThat(r.allowed()).as("step %d %s", step, s).isEqualTo(m.allowed());
      assertThat(r.remaining()).as("remaining at step %d", step).isEqualTo(m.remaining());
      assertThat(r.retryAfterNanos()).as("retryAfter at step %d", step).isEqualTo(m.retryAfterNanos());
      assertThat(r.overflow()).isFalse();
      step++;
    }
  }

  @Property(tries = 300)
  void allowedNeverExceedsCapacityPlusElapsedTimesRate(@ForAll("rateAndSchedule") Tuple2<Rate, List<ScheduledAcquire>> in) {
    Rate rate = in.get1();
    FakeTimeSource time = FakeTimeSource.create();
    RateLimiter limiter = RateLimiter.create(rate, time);
    long t0 = -1;
    long allowed = 0;
    BigInteger permits = BigInteger.valueOf(rate.permits());
    BigInteger period = BigInteger.valueOf(rate.period().toNanos());
    for (ScheduledAcquire s : in.get2()) {
      time.advanceNanos(s.delayNanos());
      if (limiter.tryAcquire("one").allowed()) {
        allowed++;
      }
      if (t0 < 0) {
        t0 = time.nanoTime();
      }
      BigInteger elapsed = BigInteger.valueOf(time.nanoTime() - t0);
      long bound = permits.add(elapsed.multiply(permits).divide(period)).longValueExact();
      assertThat(allowed).as("allowed by %d ns", time.nanoTime() - t0).isLessThanOrEqualTo(bound);
    }
  }

  @Property(tries = 300)
  void acquiringAtRetryAfterSucceedsAndOneNanosecondEarlierFails(
      @ForAll("rateAndSchedule") Tuple2<Rate, List<ScheduledAcquire>> in) {
    FakeTimeSource time = FakeTimeSource.create();
    RateLimiter limiter = RateLimiter.create(in.get1(), time);
    for (ScheduledAcquire s : in.get2()) {
      time.advanceNanos(s.delayNanos());
      RateLimitResult r = limiter.tryAcquire(s.key());
      if (r.denied()) {
        checkRetryAfter(limiter, time, s.key(), r);
      }
    }
    // and at least once per try: drain a fresh key until it refuses
    RateLimitResult r;
    do {
      r = limiter.tryAcquire("drained");
    } while (r.allowed());
    checkRetryAfter(limiter, time, "drained", r);
  }

  private static void checkRetryAfter(RateLimiter limiter, FakeTimeSource time, String key, RateLimitResult denial) {
    long wait = denial.retryAfterNanos();
    assertThat(wait).isPositive();
    assertThat(denial.retryAfterSeconds()).isEqualTo((wait + 999_999_999L) / 1_000_000_000L).isPositive();
    time.advanceNanos(wait - 1);
    RateLimitResult early = limiter.tryAcquire(key);
    assertThat(early.denied()).as("1 ns before retryAfter").isTrue();
    assertThat(early.retryAfterNanos()).isEqualTo(1);
    time.advanceNanos(1);
    assertThat(limiter.tryAcquire(key).allowed()).as("exactly at retryAfter").isTrue();
  }

  /**
   * A victim key shares its limiter with a flood of new keys on a table with a tiny cap, and with
   * explicit and automatic sweeps at random moments. Whenever the victim is served by its own bucket,
   * the outcome is exactly the model's for the acquires its own bucket served: eviction and the cap
   * never reset or corrupt a partly drained bucket.
   */
  @Property(tries = 300)
  void evictionNeverResetsAPartlyDrainedBucket(
      @ForAll("rates") Rate rate,
      @ForAll("churn") List<Tuple3<Long, Integer, Boolean>> steps,
      @ForAll("caps") int cap) {
    FakeTimeSource time = FakeTimeSource.create();
    RateLimiter limiter = RateLimiter.builder(rate).time(time).maxKeys(cap).build();
    ReferenceBucket victim = new ReferenceBucket(rate);
    long period = rate.period().toNanos();
    int flood = 0;
    int own = 0;
    for (Tuple3<Long, Integer, Boolean> step : steps) {
      time.advanceNanos(step.get1() % 3 == 0 ? 0 : Math.floorMod(step.get1(), 2 * period + 1));
      for (int i = 0; i < step.get2(); i++) {
        limiter.tryAcquire("flood-" + flood++);
      }
      if (step.get3()) {
        limiter.evictIdle();
      }
      RateLimitResult r = limiter.tryAcquire("victim");
      assertThat(limiter.liveKeys()).isLessThanOrEqualTo(cap);
      if (!r.overflow()) {
        own++;
        ReferenceBucket.Outcome m = victim.acquire(time.nanoTime());
        assertThat(r.allowed()).as("victim acquire %d", own).isEqualTo(m.allowed());
        assertThat(r.remaining()).isEqualTo(m.remaining());
        assertThat(r.retryAfterNanos()).isEqualTo(m.retryAfterNanos());
      }
    }
  }

  /**
   * Rates whose permits do not divide the period by a large factor decode a stored instant over a
   * short range (seconds); after any pause, a bucket touched a few times must still behave exactly like
   * the model (nearly full).
   */
  @Property(tries = 200)
  void largeDenominatorRatesSurviveLongPauses(
      @ForAll("largeDenominatorRates") Rate rate, @ForAll("pauses") List<Long> pauses) {
    FakeTimeSource time = FakeTimeSource.create();
    RateLimiter limiter = RateLimiter.create(rate, time);
    ReferenceBucket model = new ReferenceBucket(rate);
    for (long pause : pauses) {
      time.advanceNanos(pause);
      RateLimitResult r = limiter.tryAcquire("k");
      ReferenceBucket.Outcome m = model.acquire(time.nanoTime());
      assertThat(r.allowed()).as("after a pause of %d ns", pause).isEqualTo(m.allowed());
      assertThat(r.remaining()).isEqualTo(m.remaining());
    }
  }

  /**
   * A flood of distinct hostile keys (equal hash codes, long digested keys, control characters) on a
   * frozen clock: each key below the cap gets its own bucket, every later key shares one overflow
   * bucket with the rate of a single key, and the cap holds.
   */
  @Property(tries = 100)
  void floodsShareOneStrictOverflowBucket(
      @ForAll("floodKeys") List<String> keys, @ForAll("caps") int cap, @ForAll("smallPermits") int permits) {
    FakeTimeSource time = FakeTimeSource.create();
    RateLimiter limiter = RateLimiter.builder(Rate.perMinute(permits)).time(time).maxKeys(cap).build();
    int allowed = 0;
    int overflow = 0;
    for (String k : keys) {
      RateLimitResult r = limiter.tryAcquire(k);
      allowed += r.allowed() ? 1 : 0;
      overflow += r.overflow() ? 1 : 0;
    }
    int own = Math.min(keys.size(), cap);
    assertThat(overflow).isEqualTo(keys.size() - own);
    assertThat(allowed).isEqualTo(own + Math.min(overflow, permits));
    assertThat(limiter.liveKeys()).isEqualTo(own);
  }

  @Provide
  Arbitrary<Tuple2<Rate, List<ScheduledAcquire>>> rateAndSchedule() {
    return PolicyArbitraries.rateLimitRates()
        .flatMap(r -> PolicyArbitraries.acquireSchedules(r, 3, 80).map(s -> Tuple.of(r, s)));
  }

  @Provide
  Arbitrary<Rate> rates() {
    return PolicyArbitraries.rateLimitRates();
  }

  @Provide
  Arbitrary<List<Tuple3<Long, Integer, Boolean>>> churn() {
    return Combinators.combine(
            Arbitraries.longs().between(0, Long.MAX_VALUE / 2),
            Arbitraries.integers().between(0, 12),
            Arbitraries.of(false, false, false, true))
        .as(Tuple::of).list().ofMinSize(1).ofMaxSize(60);
  }

  @Provide
  Arbitrary<Integer> caps() {
    return Arbitraries.integers().between(1, 6);
  }

  @Provide
  Arbitrary<Integer> smallPermits() {
    return Arbitraries.integers().between(1, 5);
  }

  @Provide
  Arbitrary<List<String>> floodKeys() {
    return PolicyArbitraries.rateLimitFloodKeys(60);
  }

  @Provide
  Arbitrary<Rate> largeDenominatorRates() {
    // P coprime to 10 near the limit b <= 2^58 / 10^9 ns: the decoding range is about +-16 s
    return Arbitraries.longs().between(100_000_000L, 288_000_000L)
        .filter(p -> p % 2 != 0 && p % 5 != 0)
        .map(p -> Rate.of(p, Duration.ofSeconds(1)))
        .filter(RateLimiter::isSupported);
  }

  @Provide
  Arbitrary<List<Long>> pauses() {
    return Arbitraries.frequencyOf(
            Tuple.of(2, Arbitraries.longs().between(0, 1_000)),
            Tuple.of(2, Arbitraries.longs().between(1_000_000_000L, 100_000_000_000L)),
            Tuple.of(1, Arbitraries.longs().between(100_000_000_000L, 10_000_000_000_000L)))
        .list().ofMinSize(1).ofMaxSize(12);
  }
}
