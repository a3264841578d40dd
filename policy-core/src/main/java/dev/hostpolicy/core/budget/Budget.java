package dev.hostpolicy.core.budget;

/**
 * The four runaway budgets, each with the reason code a run fails with and the operator setting that
 * sets it.
 *
 * <pre>{@code
 * try {
 *   budget.step();
 * } catch (BudgetExceededException e) {
 *   if (e.budget() == Budget.WALL_CLOCK) {
 *     log.info("run took longer than " + e.limit());
 *   }
 * }
 * }</pre>
 */
public enum Budget {
  /** Node executions per run ({@code MAX_RUN_NODE_EXECUTIONS}). */
  NODE_EXECUTIONS("budget.node-executions", "MAX_RUN_NODE_EXECUTIONS", "node executions"),
  /** Wall-clock time per run, checked at step boundaries ({@code MAX_RUN_DURATION_MS}). */
  WALL_CLOCK("budget.wall-clock", "MAX_RUN_DURATION_MS", "wall-clock milliseconds"),
  /** Cost per run in USD ({@code MAX_RUN_COST_USD}). */
  RUN_COST("budget.run-cost", "MAX_RUN_COST_USD", "run cost in USD"),
  /** Cost of all runs of the process in USD ({@code MAX_TOTAL_COST_USD}). */
  TOTAL_COST("budget.total-cost", "MAX_TOTAL_COST_USD", "total cost in USD");

  private final String reasonCode;
  private final String settingName;
  private final String unit;

  Budget(String reasonCode, String settingName, String unit) {
    this.reasonCode = reasonCode;
    this.settingName = settingName;
    this.unit = unit;
  }

  /** The dotted reason code a run exceeding this budget fails with, e.g. {@code budget.wall-clock}. */
  public String reasonCode() {
    return reasonCode;
  }

  /** The operator setting (without namespace) that sets this budget, e.g. {@code MAX_RUN_DURATION_MS}. */
  public String settingName() {
    return settingName;
  }

  /** What the figures of this budget count, in words. */
  public String unit() {
    return unit;
  }
}
