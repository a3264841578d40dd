package dev.hostpolicy.core.budget;

import dev.hostpolicy.api.SafeText;
import dev.hostpolicy.api.TimeSource;
import java.math.BigDecimal;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/**
 * The process-wide cost ledger and admission gate, and the factory of per-run {@link RunBudget}s.
 * Every cost a run {@linkplain RunBudget#charge charges} is added here exactly ({@link BigDecimal},
 * lock-free). Once the cumulative cost reaches {@code MAX_TOTAL_COST_USD} (when it is not 0):
 * <ul>
 *   <li>{@link #admit(String)} refuses new runs with {@link BudgetExceededException}
 *       {@code budget.total-cost} (a host answers 503 and {@linkplain HeldRuns holds} queued runs);</li>
 *   <li>a run in flight fails at its next costed step ({@link RunBudget#charge}) once the total is
 *       over the cap.</li>
 * </ul>
 * The gate is linearisable: an admission that starts after a charge brought the total to the cap is
 * refused. {@link #totalCostUsd()} is the cumulative-cost metric for the host to export. The ledger
 * lives as long as the process: a restart starts it at zero again, and held runs resume then.
 *
 * <pre>{@code
 * CostLedger ledger = CostLedger.create(policy.budgetLimits());
 * RunBudget budget;
 * try {
 *   budget = ledger.admit(runId);
 * } catch (BudgetExceededException e) {
 *   held.hold(runId, requestJson);          // kept on disk, resumed after a restart
 *   return respond(503, e.getMessage());
 * }
 * metrics.gauge("hostpolicy_total_cost_usd", () -> ledger.totalCostUsd().doubleValue());
 * }</pre>
 */
public final class CostLedger {
  private final BudgetLimits limits;
  private final TimeSource time;
  private final BigDecimal cap;
  private final boolean capped;
  private final AtomicReference<BigDecimal> total = new AtomicReference<>(BigDecimal.ZERO);
  private final LongAdder admitted = new LongAdder();
  private final LongAdder refused = new LongAdder();

  private CostLedger(BudgetLimits limits, TimeSource time) {
    this.limits = Objects.requireNonNull(limits, "limits");
    this.time = Objects.requireNonNull(time, "time");
    this.cap = limits.maxTotalCostUsd();
    this.capped = cap.signum() > 0;
  }

  /** A ledger with these limits on the system clock. */
  public static CostLedger create(BudgetLimits limits) {
    return new CostLedger(limits, TimeSource.system());
  }

  /** A ledger with these limits; run durations are measured on {@code time} (a fake clock in tests). */
  public static CostLedger create(BudgetLimits limits, TimeSource time) {
    return new CostLedger(limits, time);
  }

  /** The limits every run of this ledger gets. */
  public BudgetLimits limits() {
    return limits;
  }

  /**
   * Admits a new run: its budget starts now.
   *
   * @param runId the host's id of the run (used in messages; attacker text is cleaned)
   * @throws BudgetExceededException {@code budget.total-cost} when the cumulative cost has reached
   *     {@code MAX_TOTAL_COST_USD}
   */
  public RunBudget admit(String runId) {
    Objects.requireNonNull(runId, "runId");
    BigDecimal now = total.get();
    if (capped && now.compareTo(cap) >= 0) {
      refused.increment();
      throw new BudgetExceededException(Budget.TOTAL_COST, cap, now, "the runs of this process have cost "
          + now.toPlainString() + " USD of the " + cap.toPlainString() + " USD budget (" + Budget.TOTAL_COST.settingName()
          + "), so run " + SafeText.clean(runId, 100) + " is not admitted");
    }
    admitted.increment();
    return new RunBudget(this, runId, limits, time);
  }

  /** Whether {@link #admit(String)} would admit a run now. */
  public boolean admitting() {
    return !capped || total.get().compareTo(cap) < 0;
  }

  /** The cumulative cost of every run of this process in USD, exactly: the metric a host exports. */
  public BigDecimal totalCostUsd() {
    return total.get();
  }

  /** How many runs were admitted. */
  public long admittedRuns() {
    return admitted.sum();
  }

  /** How many admissions were refused because of the total-cost cap. */
  public long refusedAdmissions() {
    return refused.sum();
  }

  /** Adds {@code cost} (not negative) and returns the new total. */
  BigDecimal add(BigDecimal cost) {
    if (cost.signum() == 0) {
      return total.get();
    }
    return total.accumulateAndGet(cost, BigDecimal::add);
  }

  /** Whether {@code totalAfter} is over the cap (the run that sees it fails). */
  boolean over(BigDecimal totalAfter) {
    return capped && totalAfter.compareTo(cap) > 0;
  }

  BigDecimal cap() {
    return cap;
  }

  @Override
  public String toString() {
    return "CostLedger[total=" + total.get().toPlainString() + " USD, cap=" + (capped ? cap.toPlainString() + " USD" : "off")
        + ", admitted=" + admitted.sum() + ", refused=" + refused.sum() + "]";
  }
}
