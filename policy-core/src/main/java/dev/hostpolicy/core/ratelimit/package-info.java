/**
 * Rate limits for the surfaces a bearer token cannot gate — webhook deliveries per trigger and login
 * attempts — as exact, lock-free token buckets with bounded memory:
 * {@link dev.hostpolicy.core.ratelimit.RateLimiter} (the buckets),
 * {@link dev.hostpolicy.core.ratelimit.RateLimitResult} (allowed, remaining, {@code Retry-After}),
 * {@link dev.hostpolicy.core.ratelimit.InMemoryRateLimitStore} (the default
 * {@link dev.hostpolicy.api.spi.RateLimitStore}) and
 * {@link dev.hostpolicy.core.ratelimit.RateLimitStores} (selecting another store by id).
 *
 * <pre>{@code
 * RateLimiter login = RateLimiter.create(policy.get(PolicyKeys.LOGIN_RATE_LIMIT));
 * RateLimitResult r = login.tryAcquire();
 * if (r.denied()) {
 *   respond(429, "Retry-After", Long.toString(r.retryAfterSeconds()));
 * }
 * }</pre>
 */
package dev.hostpolicy.core.ratelimit;
