package dev.hostpolicy.core.budget;

import dev.hostpolicy.api.PolicyConfigurationException;
import dev.hostpolicy.api.spi.PolicyKeys;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Objects;

/**
 * The runaway budgets of a host: node executions, wall clock and cost per run, and the cost of all
 * runs of the process. Zero switches a budget off; a negative value is a configuration error naming
 * the rule. {@code HostPolicy.budgetLimits()} gives the effective limits of a policy (operator settings
 * {@code MAX_RUN_NODE_EXECUTIONS}, {@code MAX_RUN_DURATION_MS}, {@code MAX_RUN_COST_USD},
 * {@code MAX_TOTAL_COST_USD}).
 *
 * <pre>{@code
 * BudgetLimits limits = BudgetLimits.defaults()
 *     .withMaxRunCostUsd(new BigDecimal("5.00"))
 *     .withMaxTotalCostUsd(new BigDecimal("100"));
 * CostLedger ledger = CostLedger.create(limits);
 * }</pre>
 *
 * @param maxNodeExecutions node executions per run (0 = off)
 * @param maxDurationMillis wall-clock milliseconds per run (0 = off)
 * @param maxRunCostUsd cost per run in USD (0 = off)
 * @param maxTotalCostUsd cost of all runs of the process in USD (0 = off)
 */
public record BudgetLimits(long maxNodeExecutions, long maxDurationMillis, BigDecimal maxRunCostUsd, BigDecimal maxTotalCostUsd) {

  /** 10000 node executions. */
  public static final long DEFAULT_MAX_NODE_EXECUTIONS = 10_000L;

  /** 24 hours. */
  public static final long DEFAULT_MAX_DURATION_MILLIS = 86_400_000L;

  /** Checks the limits: none may be negative. */
  public BudgetLimits {
    Objects.requireNonNull(maxRunCostUsd, "maxRunCostUsd");
    Objects.requireNonNull(maxTotalCostUsd, "maxTotalCostUsd");
    if (maxNodeExecutions < 0) {
      throw negative(PolicyKeys.MAX_RUN_NODE_EXECUTIONS.id(), Budget.NODE_EXECUTIONS, Long.toString(maxNodeExecutions));
    }
    if (maxDurationMillis < 0) {
      throw negative(PolicyKeys.MAX_RUN_DURATION_MS.id(), Budget.WALL_CLOCK, Long.toString(maxDurationMillis));
    }
    if (maxRunCostUsd.signum() < 0) {
      throw negative(PolicyKeys.MAX_RUN_COST_USD.id(), Budget.RUN_COST, maxRunCostUsd.toPlainString());
    }
    if (maxTotalCostUsd.signum() < 0) {
      throw negative(PolicyKeys.MAX_TOTAL_COST_USD.id(), Budget.TOTAL_COST, maxTotalCostUsd.toPlainString());
    }
  }

  /** The defaults: 10000 node executions, 24 hours, no cost caps. */
  public static BudgetLimits defaults() {
    return new BudgetLimits(DEFAULT_MAX_NODE_EXECUTIONS, DEFAULT_MAX_DURATION_MILLIS, BigDecimal.ZERO, BigDecimal.ZERO);
  }

  /** Every budget off. */
  public static BudgetLimits unlimited() {
    return new BudgetLimits(0, 0, BigDecimal.ZERO, BigDecimal.ZERO);
  }

  /** A copy with {@code max} node executions per run (0 = off). */
  public BudgetLimits withMaxNodeExecutions(long max) {
    return new BudgetLimits(max, maxDurationMillis, maxRunCostUsd, maxTotalCostUsd);
  }

  /** A copy with {@code max} wall clock per run, rounded down to milliseconds ({@link Duration#ZERO} = off). */
  public BudgetLimits withMaxDuration(Duration max) {
    return new BudgetLimits(maxNodeExecutions, Objects.requireNonNull(max, "max").toMillis(), maxRunCostUsd, maxTotalCostUsd);
  }

  /** A copy with {@code max} USD per run (0 = off). */
  public BudgetLimits withMaxRunCostUsd(BigDecimal max) {
    return new BudgetLimits(maxNodeExecutions, maxDurationMillis, max, maxTotalCostUsd);
  }

  /** A copy with {@code max} USD for all runs of the process (0 = off). */
  public BudgetLimits withMaxTotalCostUsd(BigDecimal max) {
    return new BudgetLimits(maxNodeExecutions, maxDurationMillis, maxRunCostUsd, max);
  }

  /** The wall-clock budget as a duration ({@link Duration#ZERO} when off). */
  public Duration maxDuration() {
    return Duration.ofMillis(maxDurationMillis);
  }

  private static PolicyConfigurationException negative(String key, Budget budget, String value) {
    return new PolicyConfigurationException(key, "must not be negative (0 switches it off): " + value + " ("
        + budget.settingName() + ")");
  }
}
