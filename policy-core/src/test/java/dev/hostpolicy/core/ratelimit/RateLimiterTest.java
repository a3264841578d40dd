package dev.hostpolicy.core.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hostpolicy.api.PolicyViolationException;
import dev.hostpolicy.api.Rate;
import dev.hostpolicy.api.TimeSource;
import dev.hostpolicy.api.spi.RateLimitStore;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Examples of the limiter's behaviour; the properties live in policy-testkit (testkit.ratelimit). */
class RateLimiterTest {

  /** A clock that only moves when told (core cannot use the test kit's FakeTimeSource). */
  static final class ManualClock implements TimeSource {
    private final AtomicLong nanos = new AtomicLong(5_000_000_000_000L);

    @Override
    public Instant now() {
      return Instant.EPOCH.plusNanos(nanos.get());
    }

    @Override
    public long nanoTime() {
      return nanos.get();
    }

    void advance(long n) {
      nanos.addAndGet(n);
    }
  }

  private final ManualClock clock = new ManualClock();

  @Test
  void webhookDefaultBurstsTo120ThenRefillsOneEveryHalfSecond() {
    RateLimiter limiter = RateLimiter.create(Rate.perMinute(120), clock);
    for (int i = 0; i < 120; i++) {
      RateLimitResult r = limiter.tryAcquire("deploy");
      assertThat(r.allowed()).isTrue();
      assertThat(r.remaining()).isEqualTo(119 - i);
    }
    RateLimitResult denied = limiter.tryAcquire("deploy");
    assertThat(denied.denied()).isTrue();
    assertThat(denied.retryAfter()).isEqualTo(Duration.ofMillis(500));
    assertThat(denied.retryAfterSeconds()).isEqualTo(1);
    assertThat(limiter.tryAcquire("other").remaining()).isEqualTo(119);
    clock.advance(499_999_999);
    assertThat(limiter.tryAcquire("deploy").allowed()).isFalse();
    clock.advance(1);
    assertThat(limiter.tryAcquire("deploy").allowed()).isTrue();
    assertThat(limiter.tryAcquire("deploy").allowed()).isFalse();
  }

  @Test
  void loginDefaultIsOneGlobalBucketOf20PerMinute() {
    RateLimiter limiter = RateLimiter.create(Rate.perMinute(20), clock);
    for (int i = 0; i < 20; i++) {
      assertThat(limiter.tryAcquire().allowed()).isTrue();
    }
    RateLimitResult denied = limiter.tryAcquire();
    assertThat(denied.retryAfter()).isEqualTo(Duration.ofSeconds(3));
    assertThat(denied.retryAfterSeconds()).isEqualTo(3);
    assertThat(denied.decision().reason()).isEqualTo("ratelimit.exceeded");
    assertThat(denied.decision().detail()).contains("retry after 3 s");
    assertThatThrownBy(denied::requireAllowed)
        .isInstanceOf(RateLimitExceededException.class)
        .isInstanceOf(PolicyViolationException.class)
        .satisfies(e -> assertThat(((RateLimitExceededException) e).result()).isSameAs(denied))
        .hasMessageStartingWith("ratelimit.exceeded");
  }

  @Test
  void sevenPerSecondIsExactWithoutDrift() {
    RateLimiter limiter = RateLimiter.create(Rate.of(7, Duration.ofSeconds(1)), clock);
    for (int round = 0; round < 1_000; round++) {
      for (int i = 0; i < 7; i++) {
        assertThat(limiter.tryAcquire("k").allowed()).as("round %d permit %d", round, i).isTrue();
      }
      RateLimitResult denied = limiter.tryAcquire("k");
      assertThat(denied.denied()).isTrue();
      // 1e9/7 ns = 142857142.857...: the exact wait rounds up, and a full second refills exactly 7
      assertThat(denied.retryAfterNanos()).isEqualTo(142_857_143L);
      clock.advance(1_000_000_000L);
    }
  }

  @Test
  void retryAfterIsExactToTheNanosecond() {
    RateLimiter limiter = RateLimiter.create(Rate.of(3, Duration.ofNanos(10)), clock);
    limiter.tryAcquire("k");
    limiter.tryAcquire("k");
    limiter.tryAcquire("k");
    RateLimitResult denied = limiter.tryAcquire("k");
    assertThat(denied.retryAfterNanos()).isEqualTo(4); // 10/3 ns per permit, rounded up
    assertThat(denied.retryAfterSeconds()).isEqualTo(1); // never 0 for a denial
    clock.advance(3);
    assertThat(limiter.tryAcquire("k").allowed()).isFalse();
    clock.advance(1);
    assertThat(limiter.tryAcquire("k").allowed()).isTrue();
  }

  @Test
  void offLetsEverythingThroughAndStoresNothing() {
    RateLimiter limiter = RateLimiter.create(Rate.off(), clock);
    for (int i = 0; i < 1_000; i++) {
      RateLimitResult r = limiter.tryAcquire("k" + i);
      assertThat(r.allowed()).isTrue();
      assertThat(r.remaining()).isEqualTo(Long.MAX_VALUE);
    }
    assertThat(limiter.liveKeys()).isZero();
    assertThat(limiter.maxKeys()).isZero();
  }

  @Test
  void retryAfterSecondsRoundsUp() {
    assertThat(denial(Duration.ofNanos(1)).retryAfterSeconds()).isEqualTo(1);
    assertThat(denial(Duration.ofSeconds(3)).retryAfterSeconds()).isEqualTo(3);
    assertThat(denial(Duration.ofSeconds(3).plusNanos(1)).retryAfterSeconds()).isEqualTo(4);
    assertThat(denial(Duration.ofNanos(Long.MAX_VALUE)).retryAfterSeconds()).isEqualTo(9_223_372_037L);
    assertThat(denial(Duration.ofNanos(Long.MAX_VALUE)).retryAfter()).isEqualTo(Duration.ofNanos(Long.MAX_VALUE));
    assertThat(new RateLimitResult(true, 5, 0, false).retryAfterSeconds()).isZero();
    assertThat(new RateLimitResult(true, 5, 0, false).retryAfter()).isZero();
  }

  @Test
  void resultsAreConsistent() {
    assertThatThrownBy(() -> new RateLimitResult(false, 0, 0, false)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new RateLimitResult(false, 0, -5, false)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new RateLimitResult(false, 1, 1_000, false)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new RateLimitResult(true, 1, 1_000, false)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new RateLimitResult(true, -1, 0, false)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new RateLimitExceededException(new RateLimitResult(true, 1, 0, false)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static RateLimitResult denial(Duration wait) {
    return new RateLimitResult(false, 0, wait.toNanos(), false);
  }

  @Test
  void supportedRatesIncludeEveryRoundCount() {
    for (String r : new String[] {"120/min", "20/min", "1/h", "7/s", "999983/min", "123456789/s", "100000000000/s", "1/s", "3600/h"}) {
      assertThat(RateLimiter.isSupported(Rate.parse(r))).as(r).isTrue();
    }
    assertThat(RateLimiter.isSupported(Rate.of(1_000_000_000_000L, Duration.ofSeconds(1)))).isTrue();
    assertThat(RateLimiter.isSupported(Rate.off())).isTrue();
  }

  @Test
  void ratesTooFineToCountExactlyAreRefusedWithAHint() {
    for (Rate r : new Rate[] {
        Rate.parse("999999999999999999/h"),
        Rate.parse("123456789123/min"),
        // regression: period x b = 9.22e18 lies between 2^63 and 2^64, a negative long; found by
        // RateLimitSettingsProperties
        Rate.parse("2562071/h"),
        Rate.of(1, Duration.ofDays(365L * 300)),
        Rate.of(3, Duration.ofDays(365L * 100))}) {
      assertThat(RateLimiter.isSupported(r)).as(r.toString()).isFalse();
      assertThatThrownBy(() -> RateLimiter.create(r, clock))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("too fine-grained")
          .hasMessageContaining("1000/s");
    }
  }

  @Test
  void overflowKeysShareOneStrictBucket() {
    RateLimiter limiter = RateLimiter.builder(Rate.perMinute(3)).time(clock).maxKeys(2).build();
    assertThat(limiter.tryAcquire("a").overflow()).isFalse();
    assertThat(limiter.tryAcquire("b").overflow()).isFalse();
    RateLimitResult c = limiter.tryAcquire("c");
    assertThat(c.overflow()).isTrue();
    assertThat(c.remaining()).isEqualTo(2);
    assertThat(limiter.tryAcquire("d").remaining()).isEqualTo(1);
    assertThat(limiter.tryAcquire("e").remaining()).isZero();
    RateLimitResult f = limiter.tryAcquire("f");
    assertThat(f.denied()).isTrue();
    assertThat(f.overflow()).isTrue();
    assertThat(f.decision().detail()).contains("overflow");
    assertThat(limiter.liveKeys()).isEqualTo(2);
    // a and b keep their own buckets
    assertThat(limiter.tryAcquire("a").remaining()).isEqualTo(1);
  }

  @Test
  void fullBucketsAreEvictedAndPartlyDrainedOnesKept() {
    RateLimiter limiter = RateLimiter.create(Rate.perMinute(60), clock);
    limiter.tryAcquire("once");
    for (int i = 0; i < 30; i++) {
      limiter.tryAcquire("thirty");
    }
    assertThat(limiter.liveKeys()).isEqualTo(2);
    clock.advance(Duration.ofSeconds(1).toNanos());
    assertThat(limiter.evictIdle()).isEqualTo(1); // "once" is full again; "thirty" lacks 29
    assertThat(limiter.liveKeys()).isEqualTo(1);
    assertThat(limiter.tryAcquire("thirty").remaining()).isEqualTo(59 - 29);
    clock.advance(Duration.ofSeconds(31).toNanos());
    assertThat(limiter.evictIdle()).isEqualTo(1);
    assertThat(limiter.liveKeys()).isZero();
  }

  @Test
  void theLimiterSweepsByItselfWhileInUse() {
    RateLimiter limiter = RateLimiter.create(Rate.perMinute(60), clock);
    for (int i = 0; i < 100; i++) {
      limiter.tryAcquire("k" + i);
    }
    assertThat(limiter.liveKeys()).isEqualTo(100);
    clock.advance(Duration.ofMinutes(1).toNanos());
    limiter.tryAcquire("hot");
    assertThat(limiter.liveKeys()).isEqualTo(1);
  }

  @Test
  void longKeysAreKeptAsDigests() {
    RateLimiter limiter = RateLimiter.create(Rate.perMinute(1), clock);
    String base = "x".repeat(10_000);
    assertThat(limiter.tryAcquire(base + "1").allowed()).isTrue();
    assertThat(limiter.tryAcquire(base + "2").allowed()).isTrue();
    assertThat(limiter.tryAcquire(base + "1").allowed()).isFalse();
    String exactlyMax = "y".repeat(RateLimiter.MAX_KEY_CHARS);
    assertThat(limiter.tryAcquire(exactlyMax).allowed()).isTrue();
    assertThat(limiter.tryAcquire(exactlyMax).allowed()).isFalse();
    assertThat(limiter.liveKeys()).isEqualTo(3);
  }

  /**
   * The finest supported rate can decode a stored instant over only about ±16 s. After a pause long
   * enough for a drained bucket's instant to wrap around into "partly drained", the limiter must
   * still treat that bucket as full. A table that claims to expire states itself is not emptied by
   * the limiter — with it the wrapped state is misread, which shows the reset is what makes this
   * pass.
   */
  @Test
  void aLongPauseNeverMakesAFullBucketLookDrained() {
    Rate fine = Rate.of(287_000_001L, Duration.ofSeconds(1)); // b = 287000001, W just under 2^58
    assertThat(RateLimiter.isSupported(fine)).isTrue();
    long pause = wrappingPause(287_000_001L, 1_000_000_000L);

    RateLimiter limiter = RateLimiter.create(fine, clock);
    assertThat(limiter.tryAcquire("k").allowed()).isTrue();
    clock.advance(pause);
    RateLimitResult afterPause = limiter.tryAcquire("k");
    assertThat(afterPause.allowed()).isTrue();
    assertThat(afterPause.remaining()).isEqualTo(287_000_000L);

    ManualClock other = new ManualClock();
    RateLimiter trusting = RateLimiter.builder(fine).time(other).store(new SelfExpiringClaim()).build();
    assertThat(trusting.tryAcquire("k").allowed()).isTrue();
    other.advance(pause);
    assertThat(trusting.tryAcquire("k").allowed()).as("wrapped state misread without the reset").isFalse();
  }

  /**
   * A pause (ns) after which the instant of a bucket drained by one permit decodes as a bucket lacking
   * its whole capacity but one unit: (pause * b) = 2^63 + cost - window + delta (mod 2^63).
   */
  private static long wrappingPause(long b, long periodNanos) {
    BigInteger units = BigInteger.valueOf(b);
    BigInteger cost = BigInteger.valueOf(periodNanos); // gcd(b, T) = 1 here, so cost = T units
    BigInteger window = BigInteger.valueOf(periodNanos).multiply(units);
    BigInteger target = BigInteger.ONE.shiftLeft(63).add(cost).subtract(window);
    BigInteger delta = units.subtract(target.mod(units)).mod(units);
    long pause = target.add(delta).divide(units).longValueExact();
    assertThat(pause).isBetween(20_000_000_000L, 40_000_000_000L);
    return pause;
  }

  /** The in-memory store, claiming (falsely) that its tables expire states by themselves. */
  static final class SelfExpiringClaim implements RateLimitStore {
    private final InMemoryRateLimitStore inner = new InMemoryRateLimitStore();

    @Override
    public String id() {
      return "self-expiring-claim";
    }

    @Override
    public int priority() {
      return 0;
    }

    @Override
    public Table open(TableSpec spec) {
      Table t = inner.open(spec);
      return new Table() {
        @Override
        public Slot slot(String key) {
          return t.slot(key);
        }

        @Override
        public long liveKeys() {
          return t.liveKeys();
        }

        @Override
        public long maxKeys() {
          return t.maxKeys();
        }

        @Override
        public long evictIdle() {
          return t.evictIdle();
        }

        @Override
        public boolean expiresStatesItself() {
          return true;
        }
      };
    }
  }

  @Test
  void namesAndArgumentsAreValidated() {
    assertThatThrownBy(() -> RateLimiter.builder(Rate.perMinute(1)).name("Bad Name").build())
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> RateLimiter.builder(Rate.off()).name("").build())
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> RateLimiter.builder(Rate.perMinute(1)).maxKeys(0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> RateLimiter.create(Rate.perMinute(1), clock).tryAcquire(null)).isInstanceOf(NullPointerException.class);
    assertThat(RateLimiter.builder(Rate.perMinute(1)).name("webhook").build().toString())
        .isEqualTo("RateLimiter[webhook, 1/min, live=0/10000]");
  }
}
