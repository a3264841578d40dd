/**
 * Benchmarks of the runaway budgets next to their anchors: the per-step check ({@code RunBudget.step()})
 * against an {@link java.util.concurrent.atomic.AtomicLong} counter compared with a limit, and a costed
 * step ({@code RunBudget.charge(cost)}, run and ledger) against an
 * {@link java.util.concurrent.atomic.AtomicReference} of {@link java.math.BigDecimal}.
 *
 * <pre>{@code
 * benchmarks/run 'benchmarks\.budget\.'
 * }</pre>
 */
package dev.hostpolicy.benchmarks.budget;
