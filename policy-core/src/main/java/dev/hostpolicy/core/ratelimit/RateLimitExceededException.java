package dev.hostpolicy.core.ratelimit;

import dev.hostpolicy.api.PolicyViolationException;
import java.util.Objects;

/**
 * A rate limit refused a permit. Carries the {@link RateLimitResult}, so a handler that catches it
 * can answer {@code 429 Too Many Requests} with the right {@code Retry-After}; its reason code is
 * {@value RateLimitResult#REASON}.
 *
 * <pre>{@code
 * try {
 *   loginLimiter.tryAcquire().requireAllowed();
 * } catch (RateLimitExceededException e) {
 *   respond(429, "Retry-After", Long.toString(e.result().retryAfterSeconds()));
 * }
 * }</pre>
 */
public final class RateLimitExceededException extends PolicyViolationException {
  private static final long serialVersionUID = 1L;

  private final transient RateLimitResult result;

  /**
   * An exception for the denial {@code result}.
   *
   * @throws IllegalArgumentException if {@code result} is allowed
   */
  public RateLimitExceededException(RateLimitResult result) {
    super(Objects.requireNonNull(result, "result").decision());
    this.result = result;
  }

  /** The denial. */
  public RateLimitResult result() {
    return result;
  }
}
