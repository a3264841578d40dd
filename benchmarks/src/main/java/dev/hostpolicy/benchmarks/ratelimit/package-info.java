/**
 * Rate-limit benchmarks: {@code RateLimiter.tryAcquire} against Bucket4j's lock-free bucket and
 * Guava's {@code RateLimiter} with one and two threads, one hot key and 100,000 keys
 * ({@link dev.hostpolicy.benchmarks.ratelimit.RateLimitBenchmark},
 * {@link dev.hostpolicy.benchmarks.ratelimit.RateLimitTwoThreadsBenchmark}), and bytes per live key
 * ({@link dev.hostpolicy.benchmarks.ratelimit.RateLimitFootprintBenchmark}).
 *
 * <pre>{@code
 * benchmarks/run 'RateLimit'
 * }</pre>
 */
package dev.hostpolicy.benchmarks.ratelimit;
