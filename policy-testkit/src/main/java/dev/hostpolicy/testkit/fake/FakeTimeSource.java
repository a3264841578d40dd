package dev.hostpolicy.testkit.fake;

import dev.hostpolicy.api.TimeSource;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A {@link TimeSource} that only moves when a test moves it. Wall-clock time and the monotonic
 * counter advance together; {@link #setNow(Instant)} moves wall-clock time alone (as an NTP step
 * would). Thread-safe, so concurrency tests can freeze time while threads race.
 *
 * <pre>{@code
 * FakeTimeSource time = FakeTimeSource.at(Instant.parse("2026-01-01T00:00:00Z"));
 * RateLimiter limiter = RateLimiter.create(Rate.perMinute(2), time);
 * time.advance(Duration.ofSeconds(30));
 * }</pre>
 */
public final class FakeTimeSource implements TimeSource {
  private final AtomicLong epochNanos;
  private final AtomicLong monotonicNanos;

  private FakeTimeSource(long epochNanos, long monotonicStart) {
    this.epochNanos = new AtomicLong(epochNanos);
    this.monotonicNanos = new AtomicLong(monotonicStart);
  }

  /** A fake clock showing {@code start}, whose monotonic counter starts at an arbitrary large value. */
  public static FakeTimeSource at(Instant start) {
    return new FakeTimeSource(toEpochNanos(start), 1_000_000_000_000L);
  }

  /** A fake clock at {@code 2026-01-01T00:00:00Z}. */
  public static FakeTimeSource create() {
    return at(Instant.parse("2026-01-01T00:00:00Z"));
  }

  @Override
  public Instant now() {
    long n = epochNanos.get();
    return Instant.ofEpochSecond(Math.floorDiv(n, 1_000_000_000L), Math.floorMod(n, 1_000_000_000L));
  }

  @Override
  public long nanoTime() {
    return monotonicNanos.get();
  }

  /** Moves both clocks forward by {@code amount} (must not be negative). */
  public FakeTimeSource advance(Duration amount) {
    return advanceNanos(amount.toNanos());
  }

  /** Moves both clocks forward by {@code nanos} (must not be negative). */
  public FakeTimeSource advanceNanos(long nanos) {
    if (nanos < 0) {
      throw new IllegalArgumentException("time only moves forward: " + nanos);
    }
    epochNanos.addAndGet(nanos);
    monotonicNanos.addAndGet(nanos);
    return this;
  }

  /** Sets the wall clock to {@code now}, leaving the monotonic counter alone (like a clock step). */
  public FakeTimeSource setNow(Instant now) {
    epochNanos.set(toEpochNanos(Objects.requireNonNull(now, "now")));
    return this;
  }

  private static long toEpochNanos(Instant i) {
    return Math.addExact(Math.multiplyExact(i.getEpochSecond(), 1_000_000_000L), i.getNano());
  }

  @Override
  public String toString() {
    return "FakeTimeSource[" + now() + ", nano=" + nanoTime() + "]";
  }
}
