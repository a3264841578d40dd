package dev.hostpolicy.core.budget;

import dev.hostpolicy.api.PolicyViolationException;
import java.math.BigDecimal;
import java.util.Objects;

/**
 * A run went over one of its budgets, or the process-wide cost cap refused or stopped it. The reason
 * code is the budget's ({@link Budget#reasonCode()}); the message and {@link #limit()} /
 * {@link #observed()} give the figures, e.g. {@code budget.run-cost: run run_x cost 5.25 USD, over
 * its budget of 5.00 USD (MAX_RUN_COST_USD)}.
 *
 * <pre>{@code
 * try {
 *   budget.charge(new BigDecimal("0.0042"));
 * } catch (BudgetExceededException e) {
 *   store.markFailed(runId, e.reason(), e.getMessage());   // e.reason() == "budget.run-cost"
 * }
 * }</pre>
 */
public final class BudgetExceededException extends PolicyViolationException {
  private static final long serialVersionUID = 1L;

  private final Budget budget;
  private final BigDecimal limit;
  private final BigDecimal observed;

  /**
   * @param budget which budget
   * @param limit its limit (milliseconds for {@link Budget#WALL_CLOCK}, a count or USD otherwise)
   * @param observed the figure that went over it (0 with the total cap for an admission refused)
   * @param detail the human sentence, never a secret
   */
  public BudgetExceededException(Budget budget, BigDecimal limit, BigDecimal observed, String detail) {
    super(Objects.requireNonNull(budget, "budget").reasonCode(), detail);
    this.budget = budget;
    this.limit = Objects.requireNonNull(limit, "limit");
    this.observed = Objects.requireNonNull(observed, "observed");
  }

  /** Which budget. */
  public Budget budget() {
    return budget;
  }

  /** The budget's limit (milliseconds, a count or USD). */
  public BigDecimal limit() {
    return limit;
  }

  /** The figure that went over the limit (for a refused admission, the cumulative cost). */
  public BigDecimal observed() {
    return observed;
  }
}
