package dev.hostpolicy.api;

import java.math.BigInteger;
import java.time.Duration;
import java.util.Objects;

/**
 * A rate limit: at most {@code permits} per {@code period}, or {@link #off() off}. Used for the
 * operator settings {@code WEBHOOK_RATE_LIMIT} (default 120/min) and {@code LOGIN_RATE_LIMIT}
 * (default 20/min); the permit count is also the bucket's burst capacity.
 *
 * <p>The text form is {@code N/s}, {@code N/min} or {@code N/h}; a bare {@code N} means per minute,
 * and {@code 0} turns the limit off explicitly.
 *
 * <pre>{@code
 * Rate login = Rate.parse("20/min");
 * Rate none = Rate.parse("0");          // off
 * boolean looser = Rate.perMinute(120).isLooserThan(login); // true
 * }</pre>
 *
 * @param permits permits per period; {@code 0} means the limit is off
 * @param period the refill period; positive
 */
public record Rate(long permits, Duration period) {

  private static final Rate OFF = new Rate(0, Duration.ofMinutes(1));

  /** Validates the parts. */
  public Rate {
    Objects.requireNonNull(period, "period");
    if (permits < 0) {
      throw new IllegalArgumentException("permits must not be negative");
    }
    if (period.isNegative() || period.isZero()) {
      throw new IllegalArgumentException("period must be positive");
    }
  }

  /** No limit. */
  public static Rate off() {
    return OFF;
  }

  /** {@code permits} per minute. */
  public static Rate perMinute(long permits) {
    return permits == 0 ? OFF : new Rate(permits, Duration.ofMinutes(1));
  }

  /** {@code permits} per {@code period}. */
  public static Rate of(long permits, Duration period) {
    return permits == 0 ? OFF : new Rate(permits, period);
  }

  /**
   * Parses {@code N}, {@code N/s}, {@code N/min} or {@code N/h} (ASCII digits only, no sign, no
   * spaces; {@code N} at most 18 digits).
   *
   * @throws IllegalArgumentException naming the expected form when {@code text} does not match
   */
  public static Rate parse(String text) {
    Objects.requireNonNull(text, "text");
    int slash = text.indexOf('/');
    String count = slash < 0 ? text : text.substring(0, slash);
    String unit = slash < 0 ? "min" : text.substring(slash + 1);
    long permits = parseCount(count);
    Duration period;
    switch (unit) {
      case "s":
        period = Duration.ofSeconds(1);
        break;
      case "min":
        period = Duration.ofMinutes(1);
        break;
      case "h":
        period = Duration.ofHours(1);
        break;
      default:
        throw new IllegalArgumentException(FORM);
    }
    return of(permits, period);
  }

  private static final String FORM = "expected N, N/s, N/min or N/h with N a whole number (0 = off)";

  private static long parseCount(String digits) {
    if (digits.isEmpty() || digits.length() > 18) {
      throw new IllegalArgumentException(FORM);
    }
    long n = 0;
    for (int i = 0; i < digits.length(); i++) {
      char c = digits.charAt(i);
      if (c < '0' || c > '9') {
        throw new IllegalArgumentException(FORM);
      }
      n = n * 10 + (c - '0');
    }
    return n;
  }

  /** Whether the limit is off. */
  public boolean isOff() {
    return permits == 0;
  }

  /** Whether this rate lets more through than {@code other} (off is the loosest). */
  public boolean isLooserThan(Rate other) {
    if (isOff() || other.isOff()) {
      return isOff() && !other.isOff();
    }
    BigInteger mine = BigInteger.valueOf(permits).multiply(BigInteger.valueOf(other.period.toNanos()));
    BigInteger theirs = BigInteger.valueOf(other.permits).multiply(BigInteger.valueOf(period.toNanos()));
    return mine.compareTo(theirs) > 0;
  }

  /** {@code 0} when off, otherwise {@code N/s}, {@code N/min}, {@code N/h} or {@code N/<ISO duration>}. */
  @Override
  public String toString() {
    if (isOff()) {
      return "0";
    }
    if (period.equals(Duration.ofSeconds(1))) {
      return permits + "/s";
    }
    if (period.equals(Duration.ofMinutes(1))) {
      return permits + "/min";
    }
    if (period.equals(Duration.ofHours(1))) {
      return permits + "/h";
    }
    return permits + "/" + period;
  }
}
