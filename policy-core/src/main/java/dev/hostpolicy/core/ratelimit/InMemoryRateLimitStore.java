package dev.hostpolicy.core.ratelimit;

import dev.hostpolicy.api.spi.RateLimitStore;

/**
 * The default {@link RateLimitStore}: buckets in a {@link java.util.concurrent.ConcurrentHashMap} of
 * this process, one 24-byte cell per live key (plus the map entry and the key string), each updated
 * with a single compare-and-set. Per process means: the buckets start full when the process starts,
 * and a second instance of the host keeps buckets of its own.
 *
 * <pre>{@code
 * RateLimiter limiter = RateLimiter.builder(Rate.perMinute(20))
 *     .store(new InMemoryRateLimitStore())
 *     .build();
 * }</pre>
 *
 * <p>At the cap ({@link RateLimitStore.TableSpec#maxKeys()}), a new key first triggers a sweep of idle
 * keys — at most once per {@code maxKeys / 4} refused keys or once per {@code idleAfter / 16}, so a
 * flood of new keys costs amortised constant work per key — and, if the table is still full, gets the
 * table's shared overflow bucket. The table's hash array never shrinks, but is itself bounded by the
 * cap.
 */
public final class InMemoryRateLimitStore implements RateLimitStore {

  /** This store's id. */
  public static final String ID = "in-memory";

  /** A store; each {@link #open} makes an independent table. */
  public InMemoryRateLimitStore() {}

  @Override
  public String id() {
    return ID;
  }

  @Override
  public int priority() {
    return 0;
  }

  @Override
  public Table open(TableSpec spec) {
    return new InMemoryTable(spec);
  }

  @Override
  public String toString() {
    return "InMemoryRateLimitStore";
  }
}
