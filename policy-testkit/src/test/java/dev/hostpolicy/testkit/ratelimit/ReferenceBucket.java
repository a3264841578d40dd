package dev.hostpolicy.testkit.ratelimit;

import dev.hostpolicy.api.Rate;
import java.math.BigInteger;

/**
 * The oracle: a textbook token bucket in exact rational arithmetic, written independently of the
 * limiter's GCRA. Tokens are kept multiplied by the period in ns ({@code scaled = tokens x T}), so
 * refilling {@code P} tokens per {@code T} ns adds exactly {@code P} per ns and a permit takes
 * {@code T}; BigInteger, so nothing overflows or rounds. Starts full.
 */
final class ReferenceBucket {
  /** What the model says about one acquire. */
  record Outcome(boolean allowed, long remaining, long retryAfterNanos) {}

  private final BigInteger permits;
  private final BigInteger period;
  private final BigInteger capacity;
  private BigInteger scaled;
  private long last;
  private boolean started;

  ReferenceBucket(Rate rate) {
    this.permits = BigInteger.valueOf(rate.permits());
    this.period = BigInteger.valueOf(rate.period().toNanos());
    this.capacity = permits.multiply(period);
    this.scaled = capacity;
  }

  Outcome acquire(long now) {
    if (started) {
      BigInteger elapsed = BigInteger.valueOf(now).subtract(BigInteger.valueOf(last));
      if (elapsed.signum() < 0) {
        throw new IllegalArgumentException("time went backwards");
      }
      scaled = scaled.add(elapsed.multiply(permits)).min(capacity);
    }
    started = true;
    last = now;
    if (scaled.compareTo(period) >= 0) {
      scaled = scaled.subtract(period);
      return new Outcome(true, scaled.divide(period).longValueExact(), 0);
    }
    // ceil((T - scaled) / P) ns until a whole token is back
    BigInteger[] qr = period.subtract(scaled).divideAndRemainder(permits);
    long wait = qr[0].longValueExact() + (qr[1].signum() == 0 ? 0 : 1);
    return new Outcome(false, 0, wait);
  }
}
