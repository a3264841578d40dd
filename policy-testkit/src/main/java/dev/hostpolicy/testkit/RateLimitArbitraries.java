package dev.hostpolicy.testkit;

import dev.hostpolicy.api.Rate;
import dev.hostpolicy.core.ratelimit.RateLimiter;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * Generators for rate limits: supported {@link Rate}s whose refill interval is often not a whole
 * number of nanoseconds, acquire schedules whose delays straddle the refill interval and the period,
 * and floods of distinct hostile keys (equal {@link String#hashCode() hash codes}, long shared
 * prefixes, control and bidi characters). Also re-exported through {@link PolicyArbitraries}.
 *
 * <pre>{@code
 * @Property
 * void matchesTheModel(@ForAll("rates") Rate rate, @ForAll("schedules") List<ScheduledAcquire> s) { ... }
 *
 * @Provide
 * Arbitrary<Rate> rates() {
 *   return RateLimitArbitraries.rates();
 * }
 * }</pre>
 */
public final class RateLimitArbitraries {
  private RateLimitArbitraries() {}

  /**
   * One step of a schedule: wait {@code delayNanos} on the fake clock, then try to acquire
   * {@code key}.
   *
   * <pre>{@code
   * for (ScheduledAcquire step : schedule) {
   *   time.advanceNanos(step.delayNanos());
   *   limiter.tryAcquire(step.key());
   * }
   * }</pre>
   *
   * @param delayNanos how long to wait first, non-negative
   * @param key the key to acquire
   */
  public record ScheduledAcquire(long delayNanos, String key) {
    /** Validates the parts. */
    public ScheduledAcquire {
      Objects.requireNonNull(key, "key");
      if (delayNanos < 0) {
        throw new IllegalArgumentException("delay must not be negative");
      }
    }
  }

  /**
   * Supported rates with 1–40 permits over periods from 1 ns to an hour, weighted toward periods
   * that the permit count does not divide (7 per second, 3 per 10 ns), where rounding would show.
   */
  public static Arbitrary<Rate> rates() {
    Arbitrary<Long> permits = Arbitraries.frequencyOf(
        Tuple.of(3, Arbitraries.longs().between(1, 8)),
        Tuple.of(2, Arbitraries.longs().between(9, 40)),
        Tuple.of(1, Arbitraries.of(1L, 3L, 7L, 13L, 20L, 120L)));
    Arbitrary<Duration> periods = Arbitraries.frequencyOf(
        Tuple.of(3, Arbitraries.longs().between(1, 1_000).map(Duration::ofNanos)),
        Tuple.of(2, Arbitraries.longs().between(1_000, 10_000_000_000L).map(Duration::ofNanos)),
        Tuple.of(1, Arbitraries.of(Duration.ofSeconds(1), Duration.ofMinutes(1), Duration.ofHours(1), Duration.ofNanos(10))));
    return Combinators.combine(permits, periods).as(Rate::of).filter(RateLimiter::isSupported);
  }

  /**
   * Schedules of 1–{@code maxSteps} acquires on up to {@code keys} keys ({@code k0}, {@code k1}, ...)
   * for {@code rate}: bursts (no delay), waits just under, at and just over a multiple of the refill
   * interval, and waits across whole periods.
   */
  public static Arbitrary<List<ScheduledAcquire>> schedules(Rate rate, int keys, int maxSteps) {
    Objects.requireNonNull(rate, "rate");
    if (keys < 1 || maxSteps < 1) {
      throw new IllegalArgumentException("keys and maxSteps must be at least 1");
    }
    long period = rate.isOff() ? 1_000_000_000L : Math.max(1, rate.period().toNanos());
    long permits = rate.isOff() ? 1 : rate.permits();
    long interval = Math.max(1, period / permits);
    Arbitrary<Long> delays = Arbitraries.frequencyOf(
        Tuple.of(6, Arbitraries.just(0L)),
        Tuple.of(3, Arbitraries.longs().between(1, Math.max(1, 2 * interval))),
        Tuple.of(2, Combinators.combine(Arbitraries.longs().between(1, 2 * permits), Arbitraries.longs().between(-1, 1))
            .as((n, off) -> Math.max(0, Math.multiplyExact(n, period) / permits + off))),
        Tuple.of(1, Arbitraries.longs().between(0, Math.multiplyExact(3, period))));
    Arbitrary<String> keyNames = Arbitraries.integers().between(0, keys - 1).map(i -> "k" + i);
    return Combinators.combine(delays, keyNames).as(ScheduledAcquire::new).list().ofMinSize(1).ofMaxSize(maxSteps);
  }

  /**
   * Lists of 1–{@code maxSize} distinct hostile keys: families with equal {@link String#hashCode()},
   * long keys sharing a long prefix (digested by the limiter), the empty key, control, bidi and
   * non-BMP characters.
   */
  public static Arbitrary<List<String>> floodKeys(int maxSize) {
    Arbitrary<String> colliding = Arbitraries.integers().between(0, (1 << 12) - 1).map(i -> collidingKey(i, 12));
    Arbitrary<String> longShared = Arbitraries.integers().between(0, 1_000_000).map(i -> "p".repeat(100) + i);
    Arbitrary<String> hostile = Arbitraries.strings()
        .withChars("aA0\u0000\u0001\r\n\t \u202e\u200b\ufeff/\\\"%")
        .withCharRange('\ud83d', '\ud83d')
        .ofMinLength(0).ofMaxLength(80);
    Arbitrary<String> key = Arbitraries.frequencyOf(Tuple.of(3, colliding), Tuple.of(2, longShared), Tuple.of(2, hostile));
    return key.list().uniqueElements().ofMinSize(1).ofMaxSize(maxSize);
  }

  /**
   * {@code count} distinct keys, lazily, for floods too large for a jqwik sample: every consecutive
   * run of 2<sup>16</sup> keys shares one {@link String#hashCode()} (built from the equal-hash pairs
   * {@code "Aa"} and {@code "BB"}), the worst case for a hash table.
   */
  public static Stream<String> keyFlood(long count) {
    if (count < 0) {
      throw new IllegalArgumentException("count must not be negative");
    }
    return LongStream.range(0, count).mapToObj(i -> (i >>> 16) + ":" + collidingKey((int) (i & 0xffff), 16));
  }

  /** The {@code index}-th of the 2^{@code bits} strings of {@code bits} "Aa"/"BB" pairs (all one hash code). */
  static String collidingKey(int index, int bits) {
    StringBuilder sb = new StringBuilder(2 * bits);
    for (int b = bits - 1; b >= 0; b--) {
      sb.append(((index >>> b) & 1) == 0 ? "Aa" : "BB");
    }
    return sb.toString();
  }
}
