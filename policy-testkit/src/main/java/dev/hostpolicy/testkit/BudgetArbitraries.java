package dev.hostpolicy.testkit;

import dev.hostpolicy.core.budget.BudgetLimits;
import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * Generators for runaway budgets: limits small enough that generated runs reach them (with 0, "off",
 * often), exact decimal costs whose sums land on, just under and just over a cap (0.1 + 0.2 style
 * sums that a {@code double} gets wrong), operation sequences over several runs of one ledger
 * (admit, step, charge, check the clock, advance the fake clock), and setting values that must be
 * refused. Also re-exported through {@link PolicyArbitraries}.
 *
 * <pre>{@code
 * @Property
 * void matchesTheModel(@ForAll("limits") BudgetLimits limits, @ForAll("ops") List<BudgetArbitraries.Op> ops) { ... }
 *
 * @Provide
 * Arbitrary<List<BudgetArbitraries.Op>> ops() {
 *   return BudgetArbitraries.operations(4, 60);
 * }
 * }</pre>
 */
public final class BudgetArbitraries {
  private BudgetArbitraries() {}

  /**
   * One operation on a ledger and its runs; {@code run} indexes the runs admitted so far (modulo
   * their number; nothing happens before the first admission).
   *
   * <pre>{@code
   * switch (op) {
   *   case BudgetArbitraries.Admit a -> budgets.add(ledger.admit("run_" + budgets.size()));
   *   ...
   * }
   * }</pre>
   */
  public sealed interface Op permits Admit, Step, Charge, CheckClock, Advance {}

  /** Admit a new run. */
  public record Admit() implements Op {}

  /** A step boundary of run {@code run}. @param run which run */
  public record Step(int run) implements Op {}

  /**
   * A costed step of run {@code run}.
   *
   * @param run which run
   * @param costUsd the cost, zero or more
   */
  public record Charge(int run, BigDecimal costUsd) implements Op {
    /** Checks the cost. */
    public Charge {
      Objects.requireNonNull(costUsd, "costUsd");
      if (costUsd.signum() < 0) {
        throw new IllegalArgumentException("a cost is not negative");
      }
    }
  }

  /** A wall-clock-only check of run {@code run}. @param run which run */
  public record CheckClock(int run) implements Op {}

  /**
   * The fake clock moves on.
   *
   * @param nanos how far, not negative
   */
  public record Advance(long nanos) implements Op {
    /** Checks the amount. */
    public Advance {
      if (nanos < 0) {
        throw new IllegalArgumentException("time only moves forward");
      }
    }
  }

  /**
   * Limits that generated runs reach: 0 (off) or 1–12 node executions, 0 or 1–2000 ms, run and total
   * cost caps of 0 or a decimal with up to 6 places from 0.000001 to 3.
   */
  public static Arbitrary<BudgetLimits> limits() {
    Arbitrary<Long> nodes = Arbitraries.<Long>frequencyOf(
        weighted(1, Arbitraries.just(0L)), weighted(4, Arbitraries.longs().between(1, 12)));
    Arbitrary<Long> millis = Arbitraries.<Long>frequencyOf(
        weighted(1, Arbitraries.just(0L)), weighted(4, Arbitraries.longs().between(1, 2000)));
    Arbitrary<BigDecimal> cap = Arbitraries.<BigDecimal>frequencyOf(
        weighted(1, Arbitraries.just(BigDecimal.ZERO)), weighted(3, costs().filter(c -> c.signum() > 0)));
    return Combinators.combine(nodes, millis, cap, cap).as(BudgetLimits::new);
  }

  /**
   * Exact costs in USD from 0 to 3 with up to 6 decimal places, weighted toward tenths, cents and
   * the smallest unit, so sums hit caps exactly.
   */
  public static Arbitrary<BigDecimal> costs() {
    return Arbitraries.<BigDecimal>frequencyOf(
        weighted(2, Arbitraries.integers().between(0, 30).map(n -> BigDecimal.valueOf(n, 1))),
        weighted(2, Arbitraries.integers().between(0, 300).map(n -> BigDecimal.valueOf(n, 2))),
        weighted(1, Arbitraries.integers().between(0, 3_000_000).map(n -> BigDecimal.valueOf(n, 6))),
        weighted(1, Arbitraries.of(BigDecimal.ZERO, new BigDecimal("0.000001"), BigDecimal.ONE, new BigDecimal("0.1"))));
  }

  /** One operation over at most {@code maxRuns} runs, with clock advances up to 1.5 s. */
  public static Arbitrary<Op> operation(int maxRuns) {
    Arbitrary<Integer> run = Arbitraries.integers().between(0, Math.max(0, maxRuns - 1));
    return Arbitraries.<Op>frequencyOf(
        BudgetArbitraries.<Op>weighted(1, Arbitraries.just(new Admit())),
        BudgetArbitraries.<Op>weighted(5, run.map(Step::new)),
        BudgetArbitraries.<Op>weighted(4, Combinators.combine(run, costs()).as(Charge::new)),
        BudgetArbitraries.<Op>weighted(1, run.map(CheckClock::new)),
        BudgetArbitraries.<Op>weighted(2, Arbitraries.<Long>frequencyOf(
            weighted(2, Arbitraries.longs().between(0, 1_500_000_000L)),
            weighted(1, Arbitraries.longs().between(0, 2_000_000L)),
            weighted(1, Arbitraries.of(1L, 999_999L, 1_000_000L, 1_000_001L))).map(Advance::new)));
  }

  /** Sequences of up to {@code maxSteps} operations that start with an admission. */
  public static Arbitrary<List<Op>> operations(int maxRuns, int maxSteps) {
    return operation(maxRuns).list().ofMaxSize(Math.max(0, maxSteps - 1)).map(ops -> {
      List<Op> all = new java.util.ArrayList<>(ops.size() + 1);
      all.add(new Admit());
      all.addAll(ops);
      return List.copyOf(all);
    });
  }

  /**
   * Values a budget setting ({@code MAX_RUN_NODE_EXECUTIONS}, {@code MAX_RUN_COST_USD}, …) must refuse:
   * negative numbers, exponents, hex, signs, spaces, non-ASCII digits, fractions of a count, empty.
   */
  public static Arbitrary<String> refusedBudgetValues() {
    Arbitrary<String> digits = Arbitraries.strings().numeric().ofMinLength(1).ofMaxLength(6);
    return Arbitraries.oneOf(
        digits.map(d -> "-" + d),
        digits.map(d -> d + "e3"),
        digits.map(d -> "0x" + d),
        digits.map(d -> "+" + d),
        digits.map(d -> " " + d),
        digits.map(d -> d + " "),
        digits.map(d -> d + "\n"),
        digits.map(d -> "-0." + d),
        Arbitraries.of("", "NaN", "Infinity", "-0", "1,5", "1.2.3", "\u0661\u0662", "\uff15", "1_000", "five", "0.1234567",
            "1234567890123456789"));
  }

  private static <T> net.jqwik.api.Tuple.Tuple2<Integer, Arbitrary<? extends T>> weighted(int weight, Arbitrary<? extends T> a) {
    return net.jqwik.api.Tuple.of(weight, a);
  }
}
