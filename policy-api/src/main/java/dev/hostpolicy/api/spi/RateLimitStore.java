package dev.hostpolicy.api.spi;

import dev.hostpolicy.api.TimeSource;
import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Where rate-limit buckets live. HostPolicy's rate limiter keeps the whole state of one bucket in a
 * single {@code long} and updates it with compare-and-set; a store only has to keep those longs per
 * key, atomically, within a cap on live keys, and drop the ones the limiter calls idle. The
 * in-memory store ({@code dev.hostpolicy.core.ratelimit.InMemoryRateLimitStore}, id
 * {@code in-memory}) is the default; a host running several instances can implement this interface
 * over a shared store (a Redis-like server: {@code GET}, a compare-and-set script, and
 * {@code PEXPIRE} of {@link TableSpec#idleAfter()} after every write) so that the instances share
 * their buckets.
 *
 * <p>Register an implementation in {@code META-INF/services/dev.hostpolicy.api.spi.RateLimitStore}
 * and in {@code module-info} ({@code provides RateLimitStore with ...}); a host selects it by
 * {@link #id()} — discovery never replaces the in-memory default on its own, because a store that
 * always says "set" would silently switch the limits off. The test kit's
 * {@code RateLimitStoreContract} states the contract as executable properties; every store must pass
 * it.
 *
 * <pre>{@code
 * RateLimitStore.Table table = store.open(new RateLimitStore.TableSpec(
 *     "webhook", 10_000, Duration.ofMinutes(1), TimeSource.system(), (state, now) -> state - now <= 0));
 * RateLimitStore.Slot slot = table.slot("deploy");
 * long seen = slot.get();                        // ABSENT for a key without state
 * boolean won = slot.compareAndSet(seen, 42L);   // the limiter's CAS loop
 * }</pre>
 *
 * <h2>States</h2>
 *
 * A state is a non-negative {@code long} whose meaning only the limiter knows. The negative values
 * are the store's: {@link #ABSENT} (no state: a full bucket, exactly like a key never seen) and
 * {@link #RETIRED} (the slot was evicted; look the key up again). A slot never moves from
 * {@link #RETIRED} back to a live value.
 *
 * <h2>Time</h2>
 *
 * States encode instants of {@link TableSpec#time()}'s {@link TimeSource#nanoTime()}. A store shared by
 * several processes therefore needs every process to use a time source with one common origin (for
 * example nanoseconds of the store server's clock); {@link TimeSource#system()} only suits a store
 * private to one process.
 */
public interface RateLimitStore {

  /** {@link Slot#get()} of a key that holds no state: a full bucket. */
  long ABSENT = -1L;

  /** {@link Slot#get()} of a slot that was evicted: ask {@link Table#slot(String)} again. */
  long RETIRED = -2L;

  /** Lowercase id, dotted or hyphenated ({@code in-memory}, {@code com.acme.redis}); stable. */
  String id();

  /** Orders stores in listings (lower first, then id). Must be stated explicitly. */
  int priority();

  /**
   * A new, empty table of buckets for one limiter. Tables of one store are independent of each other
   * unless a shared store maps equal {@link TableSpec#name() names} onto the same remote keys (which is
   * how several instances share a limit).
   */
  Table open(TableSpec spec);

  /**
   * The buckets of one limiter: a slot per key, at most {@link #maxKeys()} of them, and one shared
   * overflow slot for every key that arrives while the table is full.
   *
   * <pre>{@code
   * RateLimitStore.Slot slot = table.slot(key);
   * if (slot.isOverflow()) {
   *   log.log(WARNING, "rate-limit table full; " + key + " shares the overflow bucket");
   * }
   * }</pre>
   */
  interface Table {

    /**
     * The slot of {@code key}, created (holding {@link #ABSENT}) if the key has none. When the table
     * already holds {@link #maxKeys()} keys and evicting idle ones frees none, every new key gets the
     * table's single overflow slot ({@link Slot#isOverflow()}), shared by all of them. Never returns
     * {@code null}; never blocks for long (a store may sweep idle entries here).
     */
    Slot slot(String key);

    /** The number of keys that hold a slot of their own now (the overflow slot not counted). */
    long liveKeys();

    /** The cap on {@link #liveKeys()} this table was opened with. */
    long maxKeys();

    /**
     * Removes every key whose state is idle ({@link Expiry#isIdle}) at a reading of
     * {@link TableSpec#time()} taken <em>before</em> that state is read, and every key still holding
     * {@link #ABSENT}; a key whose state is not idle is never removed (removal is a compare-and-set
     * of the state seen to {@link #RETIRED}, so a concurrent write wins), and a removed key's old slot
     * reads {@link #RETIRED} from then on. Stores also do this on their own; limiters call it
     * periodically.
     *
     * @return how many keys were removed
     */
    long evictIdle();

    /**
     * Whether this table forgets every state by itself once {@link TableSpec#idleAfter()} has passed
     * since its last write (a time-to-live, as a Redis-like store gets from {@code PEXPIRE}). Such a
     * table never holds a state old enough to be misread, so the limiter never empties it wholesale.
     * A table that does not (the in-memory one) is emptied by its limiter after a pause long enough
     * that every bucket is certainly full. A table shared between processes must expire states itself
     * and return {@code true}: emptying it would reset the other processes' buckets.
     */
    default boolean expiresStatesItself() {
      return false;
    }
  }

  /**
   * One key's state: a {@code long} with compare-and-set.
   *
   * <pre>{@code
   * for (;;) {
   *   long seen = slot.get();
   *   if (seen == RateLimitStore.RETIRED) { slot = table.slot(key); continue; }
   *   if (slot.compareAndSet(seen, next(seen))) break;
   * }
   * }</pre>
   */
  interface Slot {

    /** The current state (non-negative), {@link #ABSENT} or {@link #RETIRED}. */
    long get();

    /**
     * Atomically sets the state to {@code update} if it is {@code expected}.
     *
     * @param expected a state read from {@link #get()}: non-negative or {@link #ABSENT}
     * @param update the new state, non-negative
     * @return whether the state was {@code expected} and is now {@code update}; always {@code false} on
     *     a {@link #RETIRED} slot
     * @throws IllegalArgumentException if {@code update} is negative or {@code expected} is
     *     {@link #RETIRED} or another negative value than {@link #ABSENT}
     */
    boolean compareAndSet(long expected, long update);

    /** Whether this is the table's shared overflow slot. */
    boolean isOverflow();
  }

  /**
   * Tells a store which states it may drop: a state that is idle at {@code nanoTime} is equivalent to
   * no state. Must be {@code false} for any state written after {@code nanoTime} was read.
   *
   * <pre>{@code
   * RateLimitStore.Expiry deadlines = (state, now) -> state - now <= 0;
   * }</pre>
   */
  @FunctionalInterface
  interface Expiry {

    /** Whether {@code state} equals {@link #ABSENT} in meaning at {@code nanoTime}. */
    boolean isIdle(long state, long nanoTime);
  }

  /**
   * What a limiter asks of a table.
   *
   * <pre>{@code
   * new RateLimitStore.TableSpec("login", 1, Duration.ofMinutes(1), time, expiry);
   * }</pre>
   *
   * @param name the limiter's name (lowercase {@code [a-z0-9.-]}, 1–64 characters); shared stores key
   *     their remote entries by it
   * @param maxKeys the cap on live keys, at least 1
   * @param idleAfter how long after its last write any state is certainly idle (the limiter's
   *     period); a shared store can use it as the time-to-live of an entry
   * @param time the clock states are measured on
   * @param expiry which states are idle
   */
  record TableSpec(String name, long maxKeys, Duration idleAfter, TimeSource time, Expiry expiry) {

    private static final Pattern NAME = Pattern.compile("[a-z0-9](?:[a-z0-9.-]{0,62}[a-z0-9])?");

    /** Validates the parts. */
    public TableSpec {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(idleAfter, "idleAfter");
      Objects.requireNonNull(time, "time");
      Objects.requireNonNull(expiry, "expiry");
      if (!NAME.matcher(name).matches()) {
        throw new IllegalArgumentException("table name must be 1-64 characters of [a-z0-9.-]");
      }
      if (maxKeys < 1) {
        throw new IllegalArgumentException("maxKeys must be at least 1");
      }
      if (idleAfter.isNegative() || idleAfter.isZero()) {
        throw new IllegalArgumentException("idleAfter must be positive");
      }
    }
  }
}
