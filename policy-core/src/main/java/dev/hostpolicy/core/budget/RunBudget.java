package dev.hostpolicy.core.budget;

import dev.hostpolicy.api.SafeText;
import dev.hostpolicy.api.TimeSource;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The budgets of one run, from {@link CostLedger#admit(String)}. The host calls {@link #step()} at
 * every step boundary (before a node executes) and {@link #charge(BigDecimal)} with the cost of every
 * costed step once it is known. Each throws {@link BudgetExceededException} naming the budget and
 * the figures when the run goes over:
 * <ul>
 *   <li>{@code step()}: node executions over {@code MAX_RUN_NODE_EXECUTIONS}
 *       ({@code budget.node-executions}), then wall clock since admission over
 *       {@code MAX_RUN_DURATION_MS} ({@code budget.wall-clock});</li>
 *   <li>{@code charge(cost)}: the cost is recorded (in the run and the ledger: it was spent), then the
 *       run's cost over {@code MAX_RUN_COST_USD} ({@code budget.run-cost}), then the process's total
 *       over {@code MAX_TOTAL_COST_USD} ({@code budget.total-cost}).</li>
 * </ul>
 * Limits are inclusive: a run may execute exactly {@code MAX_RUN_NODE_EXECUTIONS} nodes, run exactly
 * {@code MAX_RUN_DURATION_MS} and cost exactly {@code MAX_RUN_COST_USD}. A failed run stays failed:
 * every later {@code step()} or {@code charge()} throws the first failure again (a charge still records
 * its cost first). Safe for concurrent steps of one run.
 *
 * <pre>{@code
 * RunBudget budget = ledger.admit(runId);
 * for (Node node : workflow) {
 *   budget.step();                                  // at the step boundary
 *   NodeResult r = node.execute();
 *   budget.charge(r.costUsd());                     // a costed step
 * }
 * }</pre>
 */
public final class RunBudget {
  private final CostLedger ledger;
  private final String runId;
  private final long maxNodes;
  private final long maxDurationNanos;
  private final long maxDurationMillis;
  private final BigDecimal maxRunCost;
  private final TimeSource time;
  private final long startNanos;
  private final AtomicLong executions = new AtomicLong();
  private final AtomicReference<BigDecimal> cost = new AtomicReference<>(BigDecimal.ZERO);
  private final AtomicReference<BudgetExceededException> failure = new AtomicReference<>();

  RunBudget(CostLedger ledger, String runId, BudgetLimits limits, TimeSource time) {
    this.ledger = ledger;
    this.runId = runId;
    this.maxNodes = limits.maxNodeExecutions();
    this.maxDurationMillis = limits.maxDurationMillis();
    this.maxDurationNanos = maxDurationMillis > Long.MAX_VALUE / 1_000_000L ? Long.MAX_VALUE : maxDurationMillis * 1_000_000L;
    this.maxRunCost = limits.maxRunCostUsd();
    this.time = time;
    this.startNanos = time.nanoTime();
  }

  /**
   * A step boundary: counts one node execution and checks the node-execution and wall-clock budgets.
   *
   * @throws BudgetExceededException {@code budget.node-executions} or {@code budget.wall-clock}, or the
   *     run's earlier failure
   */
  public void step() {
    BudgetExceededException failed = failure.get();
    if (failed != null) {
      throw failed;
    }
    long n = executions.incrementAndGet();
    if (maxNodes > 0 && n > maxNodes) {
      throw fail(new BudgetExceededException(Budget.NODE_EXECUTIONS, BigDecimal.valueOf(maxNodes), BigDecimal.valueOf(n),
          "run " + name() + " reached " + n + " node executions, over its budget of " + maxNodes + " ("
              + Budget.NODE_EXECUTIONS.settingName() + ")"));
    }
    checkWallClock();
  }

  /**
   * Checks only the wall-clock budget (for a step boundary that executes no node, such as a wait).
   *
   * @throws BudgetExceededException {@code budget.wall-clock}, or the run's earlier failure
   */
  public void checkWallClock() {
    BudgetExceededException failed = failure.get();
    if (failed != null) {
      throw failed;
    }
    if (maxDurationNanos > 0) {
      long elapsed = time.nanoTime() - startNanos;
      if (elapsed > maxDurationNanos) {
        BigDecimal millis = BigDecimal.valueOf(elapsed, 6).stripTrailingZeros();
        throw fail(new BudgetExceededException(Budget.WALL_CLOCK, BigDecimal.valueOf(maxDurationMillis), millis,
            "run " + name() + " has run for " + millis.toPlainString() + " ms, over its budget of " + maxDurationMillis + " ms ("
                + Budget.WALL_CLOCK.settingName() + ")"));
      }
    }
  }

  /**
   * A costed step: records {@code costUsd} in this run and in the ledger, then checks the run's cost
   * and the process's total cost.
   *
   * @param costUsd what the step cost in USD (zero or more)
   * @throws BudgetExceededException {@code budget.run-cost} or {@code budget.total-cost}, or the run's
   *     earlier failure
   * @throws IllegalArgumentException if {@code costUsd} is negative
   */
  public void charge(BigDecimal costUsd) {
    Objects.requireNonNull(costUsd, "costUsd");
    if (costUsd.signum() < 0) {
      throw new IllegalArgumentException("a cost is not negative: " + describe(costUsd));
    }
    // a reported cost is untrusted input: an extreme scale or exponent would make every later sum
    // and comparison of the ledger slow (1E-10000000) or its message huge (1E+999999999)
    if (costUsd.compareTo(MAX_COST) >= 0 || (costUsd.scale() > MAX_SCALE && costUsd.stripTrailingZeros().scale() > MAX_SCALE)) {
      throw new IllegalArgumentException("a cost is below " + MAX_COST.toPlainString() + " USD with at most " + MAX_SCALE
          + " decimal places: " + describe(costUsd));
    }
    BigDecimal mine = costUsd.signum() == 0 ? cost.get() : cost.accumulateAndGet(costUsd, BigDecimal::add);
    BigDecimal total = ledger.add(costUsd);
    BudgetExceededException failed = failure.get();
    if (failed != null) {
      throw failed;
    }
    if (maxRunCost.signum() > 0 && mine.compareTo(maxRunCost) > 0) {
      throw fail(new BudgetExceededException(Budget.RUN_COST, maxRunCost, mine, "run " + name() + " cost "
          + mine.toPlainString() + " USD, over its budget of " + maxRunCost.toPlainString() + " USD ("
          + Budget.RUN_COST.settingName() + ")"));
    }
    if (ledger.over(total)) {
      throw fail(new BudgetExceededException(Budget.TOTAL_COST, ledger.cap(), total, "the runs of this process cost "
          + total.toPlainString() + " USD, over the budget of " + ledger.cap().toPlainString() + " USD ("
          + Budget.TOTAL_COST.settingName() + "), so run " + name() + " is stopped"));
    }
  }

  /** Costs are below a trillion USD ... */
  private static final BigDecimal MAX_COST = BigDecimal.TEN.pow(12);

  /** ... with at most 12 decimal places (a millionth of a micro-dollar). */
  private static final int MAX_SCALE = 12;

  private static String describe(BigDecimal d) {
    String text = d.toString();   // scientific notation for extreme exponents: short
    return text.length() <= 40 ? text : text.substring(0, 40) + "…";
  }

  /** The run's id as given to {@link CostLedger#admit(String)}. */
  public String runId() {
    return runId;
  }

  /** Node executions so far (counting a refused one). */
  public long executions() {
    return executions.get();
  }

  /** The run's cost so far in USD. */
  public BigDecimal costUsd() {
    return cost.get();
  }

  /** Time since admission on the ledger's clock. */
  public Duration elapsed() {
    return Duration.ofNanos(time.nanoTime() - startNanos);
  }

  /** Time left on the wall-clock budget (zero once spent); empty when the budget is off. */
  public Optional<Duration> remainingTime() {
    if (maxDurationNanos == 0) {
      return Optional.empty();
    }
    long left = maxDurationNanos - (time.nanoTime() - startNanos);
    return Optional.of(Duration.ofNanos(Math.max(0, left)));
  }

  /** The failure that stopped this run, if one did. */
  public Optional<BudgetExceededException> failure() {
    return Optional.ofNullable(failure.get());
  }

  private BudgetExceededException fail(BudgetExceededException e) {
    return failure.compareAndSet(null, e) ? e : failure.get();
  }

  private String name() {
    return SafeText.clean(runId, 100);
  }

  @Override
  public String toString() {
    return "RunBudget[" + name() + ", executions=" + executions.get() + ", cost=" + cost.get().toPlainString() + " USD]";
  }
}
