package dev.hostpolicy.testkit.budget;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hostpolicy.core.budget.Budget;
import dev.hostpolicy.core.budget.BudgetExceededException;
import dev.hostpolicy.core.budget.BudgetLimits;
import dev.hostpolicy.core.budget.CostLedger;
import dev.hostpolicy.core.budget.RunBudget;
import dev.hostpolicy.testkit.BudgetArbitraries;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The total-cost admission gate under concurrent runs: threads admit runs and charge generated costs
 * at once. Once any thread has seen the cumulative cost reach the cap, no admission that starts
 * afterwards succeeds (the gate never admits past the cap); no cost is lost (the ledger's total is
 * the exact sum of every charge); the counters agree; and every run that got past the cap in flight
 * failed with {@code budget.total-cost} at a costed step.
 */
class AdmissionGateConcurrencyProperties {

  @Property(tries = 40)
  void noAdmissionStartedAfterTheCapWasReachedSucceeds(
      @ForAll("caps") BigDecimal cap, @ForAll("work") List<List<List<BigDecimal>>> work) throws Exception {
    CostLedger ledger = CostLedger.create(BudgetLimits.unlimited().withMaxTotalCostUsd(cap));
    AtomicBoolean capSeen = new AtomicBoolean();
    ConcurrentLinkedQueue<String> violations = new ConcurrentLinkedQueue<>();
    ConcurrentLinkedQueue<BigDecimal> charged = new ConcurrentLinkedQueue<>();
    AtomicLong admitted = new AtomicLong();
    AtomicLong refused = new AtomicLong();
    CyclicBarrier start = new CyclicBarrier(work.size());
    List<Thread> threads = new ArrayList<>();
    ConcurrentLinkedQueue<Throwable> errors = new ConcurrentLinkedQueue<>();
    for (List<List<BigDecimal>> runs : work) {
      Thread t = new Thread(() -> {
        try {
          start.await(30, TimeUnit.SECONDS);
          for (List<BigDecimal> costs : runs) {
            boolean reachedBefore = capSeen.get();
            RunBudget run;
            try {
              run = ledger.admit("run_" + Thread.currentThread().getId());
              admitted.incrementAndGet();
            } catch (BudgetExceededException e) {
              refused.incrementAndGet();
              if (e.budget() != Budget.TOTAL_COST || e.observed().compareTo(cap) < 0) {
                violations.add("refused below the cap: " + e.getMessage());
              }
              continue;
            }
            if (reachedBefore) {
              violations.add("admitted after the cap was reached");
            }
            for (BigDecimal c : costs) {
              charged.add(c);
              try {
                run.charge(c);
              } catch (BudgetExceededException e) {
                if (e.budget() != Budget.TOTAL_COST || e.observed().compareTo(cap) <= 0) {
                  violations.add("stopped without going over: " + e.getMessage());
                }
                break;
              } finally {
                if (ledger.totalCostUsd().compareTo(cap) >= 0) {
                  capSeen.set(true);
                }
              }
            }
          }
        } catch (Throwable e) {
          errors.add(e);
        }
      });
      threads.add(t);
      t.start();
    }
    for (Thread t : threads) {
      t.join(TimeUnit.SECONDS.toMillis(60));
      assertThat(t.isAlive()).as("worker finished").isFalse();
    }
    assertThat(errors).isEmpty();
    assertThat(violations).isEmpty();
    BigDecimal sum = charged.stream().reduce(BigDecimal.ZERO, BigDecimal::add);
    assertThat(ledger.totalCostUsd()).isEqualByComparingTo(sum);
    assertThat(ledger.admittedRuns()).isEqualTo(admitted.get());
    assertThat(ledger.refusedAdmissions()).isEqualTo(refused.get());
    assertThat(ledger.admitting()).isEqualTo(sum.compareTo(cap) < 0);
    if (sum.compareTo(cap) >= 0) {
      assertThat(capSeen).isTrue();
    }
  }

  @Provide
  Arbitrary<BigDecimal> caps() {
    return BudgetArbitraries.costs().filter(c -> c.signum() > 0);
  }

  @Provide
  Arbitrary<List<List<List<BigDecimal>>>> work() {
    Arbitrary<List<BigDecimal>> run = BudgetArbitraries.costs().list().ofMinSize(1).ofMaxSize(8);
    return run.list().ofMinSize(1).ofMaxSize(40).list().ofMinSize(2).ofMaxSize(4);
  }
}
