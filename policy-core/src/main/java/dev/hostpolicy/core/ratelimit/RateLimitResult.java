package dev.hostpolicy.core.ratelimit;

import dev.hostpolicy.api.Decision;
import java.time.Duration;

/**
 * The outcome of one {@link RateLimiter#tryAcquire(String)}: allowed or not, how many more permits
 * the bucket would grant right now, and — for a denial — how long until the next permit, exactly to
 * the nanosecond and as the whole seconds an HTTP {@code Retry-After} header wants (rounded up, never
 * 0 for a denial).
 *
 * <pre>{@code
 * RateLimitResult r = limiter.tryAcquire(triggerName);
 * if (r.denied()) {
 *   exchange.getResponseHeaders().set("Retry-After", Long.toString(r.retryAfterSeconds()));
 *   exchange.sendResponseHeaders(429, -1);
 *   return;
 * }
 * }</pre>
 *
 * @param allowed whether the permit was granted
 * @param remaining permits the bucket would still grant now, after this one; 0 for a denial;
 *     {@link Long#MAX_VALUE} when the limit is off
 * @param retryAfterNanos 0 when allowed; otherwise the exact wait in nanoseconds until an acquire
 *     succeeds (positive)
 * @param overflow whether the key had to share the table's overflow bucket because the table was at
 *     its cap of live keys
 */
public record RateLimitResult(boolean allowed, long remaining, long retryAfterNanos, boolean overflow) {

  /** The reason code of a denial. */
  public static final String REASON = "ratelimit.exceeded";

  private static final long NANOS_PER_SECOND = 1_000_000_000L;

  /** Validates the parts: an allowed result waits for nothing; a denial has nothing left and waits. */
  public RateLimitResult {
    if (remaining < 0) {
      throw new IllegalArgumentException("remaining must not be negative");
    }
    if (allowed && retryAfterNanos != 0) {
      throw new IllegalArgumentException("an allowed result has no retryAfter");
    }
    if (!allowed && (remaining != 0 || retryAfterNanos <= 0)) {
      throw new IllegalArgumentException("a denial has remaining 0 and a positive retryAfter");
    }
  }

  /** The exact wait until an acquire succeeds: {@link Duration#ZERO} when allowed, positive for a denial. */
  public Duration retryAfter() {
    return retryAfterNanos == 0 ? Duration.ZERO : Duration.ofNanos(retryAfterNanos);
  }

  /** The negation of {@link #allowed()}. */
  public boolean denied() {
    return !allowed;
  }

  /**
   * {@link #retryAfter()} in whole seconds, rounded <em>up</em> — the value for an HTTP
   * {@code Retry-After} header (RFC 9110, section 10.2.3, delay-seconds): at least 1 for a denial, so a
   * client that waits exactly that long is never refused again by the same bucket for lack of time; 0
   * when allowed.
   */
  public long retryAfterSeconds() {
    return retryAfterNanos / NANOS_PER_SECOND + (retryAfterNanos % NANOS_PER_SECOND == 0 ? 0 : 1);
  }

  /**
   * As a {@link Decision}: {@link Decision#allow()}, or a denial with the reason code {@value #REASON}
   * and a detail stating the wait in seconds.
   */
  public Decision decision() {
    if (allowed) {
      return Decision.allow();
    }
    return Decision.deny(REASON, "rate limit exceeded" + (overflow ? " (shared overflow bucket)" : "")
        + "; retry after " + retryAfterSeconds() + " s");
  }

  /**
   * Returns this result if allowed, otherwise throws a {@link RateLimitExceededException} carrying
   * it.
   */
  public RateLimitResult requireAllowed() {
    if (!allowed) {
      throw new RateLimitExceededException(this);
    }
    return this;
  }

  @Override
  public String toString() {
    return allowed
        ? "allowed (remaining " + remaining + (overflow ? ", overflow" : "") + ")"
        : "denied (retry after " + retryAfterNanos / (double) NANOS_PER_SECOND + " s" + (overflow ? ", overflow" : "") + ")";
  }
}
