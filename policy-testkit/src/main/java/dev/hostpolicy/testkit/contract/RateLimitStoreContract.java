package dev.hostpolicy.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hostpolicy.api.Rate;
import dev.hostpolicy.api.spi.RateLimitStore;
import dev.hostpolicy.api.spi.RateLimitStore.Slot;
import dev.hostpolicy.api.spi.RateLimitStore.Table;
import dev.hostpolicy.api.spi.RateLimitStore.TableSpec;
import dev.hostpolicy.core.ratelimit.RateLimitResult;
import dev.hostpolicy.core.ratelimit.RateLimiter;
import dev.hostpolicy.testkit.fake.FakeTimeSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.Tuple.Tuple3;

/**
 * The contract every {@link RateLimitStore} — ours and a host's — must pass. Implement
 * {@link #store()} in a test class and the properties below run against it.
 *
 * <pre>{@code
 * class RedisRateLimitStoreContractTest implements RateLimitStoreContract {
 *   public RateLimitStore store() { return new RedisRateLimitStore(testServer()); }
 * }
 * }</pre>
 *
 * <p>What it checks: a well-formed, stable id; a fresh key reads {@link RateLimitStore#ABSENT};
 * compare-and-set behaves like an atomic register per key (checked against a map model on random
 * operation sequences) and rejects out-of-contract values; tables are independent; the cap on live
 * keys holds and keys beyond it share one overflow slot; {@code evictIdle} removes exactly the idle
 * states, and a removed key's old slot reads {@link RateLimitStore#RETIRED}; a freed slot goes to the
 * next new key; concurrent compare-and-set never loses an update, even with evictions racing; and a
 * {@link RateLimiter} over the store enforces its rate. States in these tests are deadlines on a
 * {@link FakeTimeSource}: idle once the clock reaches them.
 */
public interface RateLimitStoreContract {

  /** A fresh instance of the store under test (each call may share a backend; tables are named uniquely). */
  RateLimitStore store();

  /** A table of {@link #store()} on {@code time} with deadline states: idle once the clock reaches them. */
  private Table table(String name, long maxKeys, FakeTimeSource time) {
    return store().open(new TableSpec(
        name + "-" + Long.toHexString(System.nanoTime()), maxKeys, Duration.ofSeconds(1), time, (state, now) -> state - now <= 0));
  }

  /** Ids are lowercase segments of {@code [a-z0-9]} joined by {@code .} or {@code -}. */
  @Example
  default void idIsWellFormedAndStable() {
    assertThat(store().id()).matches("[a-z0-9]+(?:[.-][a-z0-9]+)*").hasSizeLessThanOrEqualTo(128);
    assertThat(store().id()).isEqualTo(store().id());
    assertThat(store().priority()).isEqualTo(store().priority());
  }

  /** A key never seen reads ABSENT; a CAS from ABSENT sets it; a CAS with a stale expectation fails. */
  @Example
  default void aFreshKeyIsAbsentAndCompareAndSetWorks() {
    FakeTimeSource time = FakeTimeSource.create();
    Table t = table("fresh", 10, time);
    Slot s = t.slot("k");
    assertThat(s.get()).isEqualTo(RateLimitStore.ABSENT);
    assertThat(s.isOverflow()).isFalse();
    assertThat(s.compareAndSet(RateLimitStore.ABSENT, Long.MAX_VALUE)).isTrue();
    assertThat(s.get()).isEqualTo(Long.MAX_VALUE);
    assertThat(t.slot("k").get()).isEqualTo(Long.MAX_VALUE);
    assertThat(s.compareAndSet(RateLimitStore.ABSENT, 0)).isFalse();
    assertThat(s.compareAndSet(Long.MAX_VALUE - 1, 0)).isFalse();
    assertThat(s.get()).isEqualTo(Long.MAX_VALUE);
    assertThat(s.compareAndSet(Long.MAX_VALUE, 0)).isTrue();
    assertThat(t.slot("k").get()).isZero();
    assertThat(t.slot("other").get()).isEqualTo(RateLimitStore.ABSENT);
    assertThat(t.liveKeys()).isBetween(1L, 2L);
    assertThat(t.maxKeys()).isEqualTo(10);
  }

  /** Negative updates and RETIRED or other negative expectations are refused. */
  @Example
  default void outOfContractValuesAreRefused() {
    Slot s = table("refuse", 10, FakeTimeSource.create()).slot("k");
    assertThatThrownBy(() -> s.compareAndSet(RateLimitStore.ABSENT, -1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> s.compareAndSet(RateLimitStore.ABSENT, RateLimitStore.RETIRED)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> s.compareAndSet(RateLimitStore.RETIRED, 1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> s.compareAndSet(-7, 1)).isInstanceOf(IllegalArgumentException.class);
    assertThat(s.get()).isEqualTo(RateLimitStore.ABSENT);
  }

  /** Random get / compare-and-set sequences on a few keys agree with a map model, step by step. */
  @Property(tries = 100)
  default void behavesLikeAnAtomicRegisterPerKey(@ForAll("contractOperations") List<Tuple3<Integer, Long, Boolean>> ops) {
    FakeTimeSource time = FakeTimeSource.create();
    Table t = store().open(new TableSpec(
        "model-" + Long.toHexString(System.nanoTime()), 1_000, Duration.ofSeconds(1), time, (state, now) -> false));
    Map<String, Long> model = new HashMap<>();
    for (Tuple3<Integer, Long, Boolean> op : ops) {
      String key = "k" + op.get1();
      long current = model.getOrDefault(key, RateLimitStore.ABSENT);
      Slot s = t.slot(key);
      assertThat(s.get()).as("get %s", key).isEqualTo(current);
      long expected = op.get3() ? current : (current == 5 ? 6 : 5);
      boolean set = s.compareAndSet(expected, op.get2());
      assertThat(set).as("CAS %s from %d (current %d)", key, expected, current).isEqualTo(expected == current);
      if (set) {
        model.put(key, op.get2());
      }
    }
    model.forEach((k, v) -> assertThat(t.slot(k).get()).isEqualTo(v));
    assertThat(t.liveKeys()).isGreaterThanOrEqualTo(model.size());
  }

  /** Operations: (key index, new state, whether the expectation is the current value). */
  @Provide
  default Arbitrary<List<Tuple3<Integer, Long, Boolean>>> contractOperations() {
    Arbitrary<Long> states = Arbitraries.frequencyOf(
        Tuple.of(3, Arbitraries.longs().between(0, 10)),
        Tuple.of(1, Arbitraries.of(0L, Long.MAX_VALUE, Long.MAX_VALUE - 1, 1L << 62)),
        Tuple.of(2, Arbitraries.longs().between(0, Long.MAX_VALUE)));
    return Combinators.combine(Arbitraries.integers().between(0, 4), states, Arbitraries.of(true, true, false))
        .as(Tuple::of).list().ofMinSize(1).ofMaxSize(60);
  }

  /** Two tables of one store do not see each other's keys. */
  @Example
  default void tablesAreIndependent() {
    FakeTimeSource time = FakeTimeSource.create();
    Table a = table("a", 10, time);
    Table b = table("b", 10, time);
    assertThat(a.slot("k").compareAndSet(RateLimitStore.ABSENT, 42)).isTrue();
    assertThat(b.slot("k").get()).isEqualTo(RateLimitStore.ABSENT);
  }

  /** At most maxKeys keys hold a slot of their own; the others share one overflow slot. */
  @Example
  default void theCapHoldsAndOverflowKeysShareOneSlot() {
    FakeTimeSource time = FakeTimeSource.create();
    long never = time.nanoTime() + Duration.ofDays(1).toNanos();
    Table t = table("cap", 3, time);
    for (int i = 0; i < 3; i++) {
      Slot s = t.slot("own" + i);
      assertThat(s.isOverflow()).isFalse();
      assertThat(s.compareAndSet(RateLimitStore.ABSENT, never)).isTrue();
    }
    List<Slot> overflow = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      Slot s = t.slot("flood" + i);
      assertThat(s.isOverflow()).as("flood%d", i).isTrue();
      overflow.add(s);
      assertThat(t.liveKeys()).isLessThanOrEqualTo(3);
    }
    assertThat(overflow.get(0).compareAndSet(overflow.get(0).get(), 7)).isTrue();
    assertThat(overflow.get(199).get()).isEqualTo(7);
    assertThat(t.slot("another").get()).isEqualTo(7);
    for (int i = 0; i < 3; i++) {
      assertThat(t.slot("own" + i).get()).isEqualTo(never);
    }
  }

  /** evictIdle removes exactly the states whose deadline has passed; removed slots read RETIRED. */
  @Property(tries = 50)
  default void evictionRemovesExactlyTheIdleStates(
      @ForAll("contractDeadlines") List<Long> offsets, @ForAll("contractAdvance") long advance) {
    FakeTimeSource time = FakeTimeSource.create();
    long start = time.nanoTime();
    Table t = table("evict", 1_000, time);
    List<Slot> slots = new ArrayList<>();
    for (int i = 0; i < offsets.size(); i++) {
      Slot s = t.slot("k" + i);
      assertThat(s.compareAndSet(RateLimitStore.ABSENT, start + offsets.get(i))).isTrue();
      slots.add(s);
    }
    time.advanceNanos(advance);
    long idle = offsets.stream().filter(o -> o <= advance).count();
    assertThat(t.evictIdle()).isEqualTo(idle);
    assertThat(t.liveKeys()).isEqualTo(offsets.size() - idle);
    for (int i = 0; i < offsets.size(); i++) {
      long deadline = start + offsets.get(i);
      if (offsets.get(i) <= advance) {
        assertThat(slots.get(i).get()).isEqualTo(RateLimitStore.RETIRED);
        assertThat(slots.get(i).compareAndSet(deadline, deadline + 1)).isFalse();
        assertThat(t.slot("k" + i).get()).isEqualTo(RateLimitStore.ABSENT);
      } else {
        assertThat(slots.get(i).get()).isEqualTo(deadline);
        assertThat(t.slot("k" + i).get()).isEqualTo(deadline);
      }
    }
  }

  /** Deadline offsets (ns from the start). */
  @Provide
  default Arbitrary<List<Long>> contractDeadlines() {
    return Arbitraries.longs().between(1, 1_000).list().ofMinSize(0).ofMaxSize(30);
  }

  /** How far the clock moves before evicting. */
  @Provide
  default Arbitrary<Long> contractAdvance() {
    return Arbitraries.longs().between(0, 1_100);
  }

  /** A slot freed by eviction goes to the next new key; keys that never got a state are evicted too. */
  @Example
  default void evictionFreesSlotsForNewKeys() {
    FakeTimeSource time = FakeTimeSource.create();
    Table t = table("free", 2, time);
    assertThat(t.slot("a").compareAndSet(RateLimitStore.ABSENT, time.nanoTime() + 10)).isTrue();
    assertThat(t.slot("b").compareAndSet(RateLimitStore.ABSENT, time.nanoTime() + 20)).isTrue();
    assertThat(t.slot("newcomer").isOverflow()).isTrue();
    time.advanceNanos(10);
    assertThat(t.evictIdle()).isEqualTo(1);
    assertThat(t.liveKeys()).isEqualTo(1);
    Slot newcomer = t.slot("newcomer");
    assertThat(newcomer.isOverflow()).isFalse();
    assertThat(newcomer.get()).isEqualTo(RateLimitStore.ABSENT);
    assertThat(t.evictIdle()).isEqualTo(1); // the newcomer never wrote a state
    assertThat(t.liveKeys()).isEqualTo(1);
    assertThat(t.slot("b").get()).isEqualTo(time.nanoTime() + 10);
  }

  /**
   * Four threads increment one key's state with compare-and-set loops while a fifth evicts in a loop
   * (nothing is idle): the final state equals the number of successful increments.
   */
  @Example
  default void concurrentCompareAndSetNeverLosesAnUpdate() throws Exception {
    FakeTimeSource time = FakeTimeSource.create();
    Table t = store().open(new TableSpec(
        "race-" + Long.toHexString(System.nanoTime()), 100, Duration.ofSeconds(1), time, (state, now) -> false));
    assertThat(t.slot("hot").compareAndSet(RateLimitStore.ABSENT, 0)).isTrue();
    int threads = 4;
    int increments = 5_000;
    CyclicBarrier start = new CyclicBarrier(threads + 1);
    AtomicBoolean done = new AtomicBoolean();
    AtomicInteger evictions = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(threads + 1);
    try {
      List<Future<?>> workers = new ArrayList<>();
      for (int w = 0; w < threads; w++) {
        workers.add(pool.submit(() -> {
          start.await();
          for (int i = 0; i < increments; i++) {
            for (;;) {
              Slot s = t.slot("hot");
              long seen = s.get();
              if (seen < 0) {
                throw new AssertionError("a state that is never idle was evicted: " + seen);
              }
              if (s.compareAndSet(seen, seen + 1)) {
                break;
              }
            }
          }
          return null;
        }));
      }
      Future<?> evictor = pool.submit(() -> {
        start.await();
        while (!done.get()) {
          evictions.addAndGet((int) t.evictIdle());
        }
        return null;
      });
      for (Future<?> f : workers) {
        f.get(60, TimeUnit.SECONDS);
      }
      done.set(true);
      evictor.get(60, TimeUnit.SECONDS);
    } finally {
      pool.shutdownNow();
    }
    assertThat(evictions.get()).isZero();
    assertThat(t.slot("hot").get()).isEqualTo((long) threads * increments);
  }

  /** A limiter over this store grants exactly the burst, refuses the next, and refills on time. */
  @Example
  default void aLimiterOverThisStoreEnforcesItsRate() {
    FakeTimeSource time = FakeTimeSource.create();
    RateLimiter limiter = RateLimiter.builder(Rate.perMinute(5))
        .name("contract-" + Long.toHexString(System.nanoTime()))
        .time(time)
        .store(store())
        .build();
    for (int i = 0; i < 5; i++) {
      assertThat(limiter.tryAcquire("k").allowed()).isTrue();
    }
    RateLimitResult denied = limiter.tryAcquire("k");
    assertThat(denied.denied()).isTrue();
    assertThat(denied.retryAfter()).isEqualTo(Duration.ofSeconds(12));
    time.advance(Duration.ofSeconds(12).minusNanos(1));
    assertThat(limiter.tryAcquire("k").allowed()).isFalse();
    time.advanceNanos(1);
    assertThat(limiter.tryAcquire("k").allowed()).isTrue();
    assertThat(limiter.tryAcquire("other").remaining()).isEqualTo(4);
  }
}
