/**
 * Runaway budgets: per run, node executions, wall clock (at step boundaries) and cost
 * ({@link dev.hostpolicy.core.budget.RunBudget}); per process, the total cost with an admission gate
 * ({@link dev.hostpolicy.core.budget.CostLedger}); queued runs the cap held back, kept on disk until a
 * restart ({@link dev.hostpolicy.core.budget.HeldRuns}). Exceeding a budget throws
 * {@link dev.hostpolicy.core.budget.BudgetExceededException} naming the
 * {@link dev.hostpolicy.core.budget.Budget} and the figures.
 *
 * <pre>{@code
 * CostLedger ledger = CostLedger.create(policy.budgetLimits());
 * RunBudget budget = ledger.admit(runId);     // budget.total-cost when the cap is reached
 * budget.step();                              // budget.node-executions, budget.wall-clock
 * budget.charge(new BigDecimal("0.02"));      // budget.run-cost, budget.total-cost
 * }</pre>
 */
package dev.hostpolicy.core.budget;
