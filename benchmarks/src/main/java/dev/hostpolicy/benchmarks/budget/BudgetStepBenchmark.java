package dev.hostpolicy.benchmarks.budget;

import dev.hostpolicy.core.budget.BudgetLimits;
import dev.hostpolicy.core.budget.CostLedger;
import dev.hostpolicy.core.budget.RunBudget;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;

/**
 * One step boundary: {@code RunBudget.step()} (count a node execution, check it and the wall clock on
 * the system clock) next to the hand-written check a host would otherwise write — an
 * {@link AtomicLong} incremented and compared with the limit, with and without a
 * {@link System#nanoTime()} deadline check.
 *
 * <pre>{@code
 * benchmarks/run BudgetStep
 * }</pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Threads(1)
@State(Scope.Thread)
public class BudgetStepBenchmark {
  private RunBudget budget;
  private final AtomicLong counter = new AtomicLong();
  private long start;
  private final long maxNodes = Long.MAX_VALUE;
  private final long maxNanos = TimeUnit.HOURS.toNanos(24);

  /** A run with a node limit it never reaches and the default 24 h wall clock. */
  @Setup
  public void setUp() {
    budget = CostLedger.create(BudgetLimits.defaults().withMaxNodeExecutions(Long.MAX_VALUE)).admit("run_bench");
    start = System.nanoTime();
  }

  /** Ours. */
  @Benchmark
  public long step() {
    budget.step();
    return budget.executions();
  }

  /** Anchor: an AtomicLong incremented and compared with the limit. */
  @Benchmark
  public long anchorAtomicLong() {
    long n = counter.incrementAndGet();
    if (n > maxNodes) {
      throw new IllegalStateException("over");
    }
    return n;
  }

  /** Anchor: the same and a System.nanoTime() deadline check. */
  @Benchmark
  public long anchorAtomicLongAndClock() {
    long n = counter.incrementAndGet();
    if (n > maxNodes || System.nanoTime() - start > maxNanos) {
      throw new IllegalStateException("over");
    }
    return n;
  }
}
