package dev.hostpolicy.benchmarks.budget;

import dev.hostpolicy.core.budget.BudgetLimits;
import dev.hostpolicy.core.budget.CostLedger;
import dev.hostpolicy.core.budget.RunBudget;
import java.math.BigDecimal;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;

/**
 * One costed step: {@code RunBudget.charge(cost)} (add to the run's cost and to the process's
 * ledger, check both caps) next to an {@link AtomicReference} of {@link BigDecimal} accumulated and
 * compared with one cap — the lock-free exact total a host would otherwise write.
 *
 * <pre>{@code
 * benchmarks/run BudgetCharge
 * }</pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Threads(1)
@State(Scope.Thread)
public class BudgetChargeBenchmark {
  private static final BigDecimal COST = new BigDecimal("0.0042");
  private static final BigDecimal CAP = new BigDecimal("1000000000000");
  private RunBudget budget;
  private final AtomicReference<BigDecimal> total = new AtomicReference<>(BigDecimal.ZERO);

  /** A run and a ledger with caps they never reach. */
  @Setup
  public void setUp() {
    budget = CostLedger.create(BudgetLimits.unlimited().withMaxRunCostUsd(CAP).withMaxTotalCostUsd(CAP)).admit("run_bench");
  }

  /** Ours: run cost and ledger total, both checked. */
  @Benchmark
  public BigDecimal charge() {
    budget.charge(COST);
    return budget.costUsd();
  }

  /** Anchor: one AtomicReference&lt;BigDecimal&gt; accumulated and compared with the cap. */
  @Benchmark
  public BigDecimal anchorAtomicReferenceBigDecimal() {
    BigDecimal t = total.accumulateAndGet(COST, BigDecimal::add);
    if (t.compareTo(CAP) > 0) {
      throw new IllegalStateException("over");
    }
    return t;
  }
}
