package dev.hostpolicy.core.budget;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hostpolicy.api.PolicyConfigurationException;
import dev.hostpolicy.api.TimeSource;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BudgetTest {

  /** A manual clock (the test kit's FakeTimeSource is not visible from policy-core's tests). */
  static final class Clock implements TimeSource {
    final AtomicLong nanos = new AtomicLong(5_000_000_000L);

    @Override
    public Instant now() {
      return Instant.ofEpochSecond(1_800_000_000L).plusNanos(nanos.get());
    }

    @Override
    public long nanoTime() {
      return nanos.get();
    }

    void advanceMillis(long ms) {
      nanos.addAndGet(ms * 1_000_000L);
    }
  }

  @Test
  void nodeExecutionsAreInclusiveAndTheFailureNamesTheFigures() {
    CostLedger ledger = CostLedger.create(BudgetLimits.defaults().withMaxNodeExecutions(3), new Clock());
    RunBudget run = ledger.admit("run_a");
    run.step();
    run.step();
    run.step();
    assertThatThrownBy(run::step)
        .isInstanceOfSatisfying(BudgetExceededException.class, e -> {
          assertThat(e.budget()).isEqualTo(Budget.NODE_EXECUTIONS);
          assertThat(e.reason()).isEqualTo("budget.node-executions");
          assertThat(e.limit()).isEqualByComparingTo("3");
          assertThat(e.observed()).isEqualByComparingTo("4");
          assertThat(e.getMessage()).contains("run_a", "4 node executions", "budget of 3", "MAX_RUN_NODE_EXECUTIONS");
        });
    // a failed run stays failed, with the first failure
    BudgetExceededException first = run.failure().orElseThrow();
    assertThatThrownBy(run::step).isSameAs(first);
    assertThatThrownBy(() -> run.charge(BigDecimal.ONE)).isSameAs(first);
  }

  @Test
  void wallClockIsCheckedAtStepBoundariesOnTheInjectedClock() {
    Clock clock = new Clock();
    CostLedger ledger = CostLedger.create(BudgetLimits.defaults().withMaxDuration(Duration.ofSeconds(10)), clock);
    RunBudget run = ledger.admit("run_b");
    clock.advanceMillis(10_000);
    run.step(); // exactly the budget is allowed
    assertThat(run.remainingTime()).contains(Duration.ZERO);
    clock.advanceMillis(1);
    assertThatThrownBy(run::checkWallClock)
        .isInstanceOfSatisfying(BudgetExceededException.class, e -> {
          assertThat(e.budget()).isEqualTo(Budget.WALL_CLOCK);
          assertThat(e.limit()).isEqualByComparingTo("10000");
          assertThat(e.observed()).isEqualByComparingTo("10001");
          assertThat(e.getMessage()).contains("10001 ms", "10000 ms", "MAX_RUN_DURATION_MS");
        });
  }

  @Test
  void anExtremeReportedCostIsRefusedWithoutTouchingTheLedger() {
    CostLedger ledger = CostLedger.create(BudgetLimits.defaults().withMaxTotalCostUsd(new java.math.BigDecimal("10")), new Clock());
    RunBudget run = ledger.admit("run_x");
    for (String bad : java.util.List.of("1E-10000000", "1E+999999999", "1000000000000", "0.0000000000001", "-0.01")) {
      assertThatThrownBy(() -> run.charge(new java.math.BigDecimal(bad))).as(bad)
          .isInstanceOf(IllegalArgumentException.class)
          .satisfies(e -> assertThat(e.getMessage().length()).isLessThan(200));
    }
    assertThat(ledger.totalCostUsd()).isEqualByComparingTo("0");
    run.charge(new java.math.BigDecimal("0.000000000001"));            // 12 places is fine
    run.charge(new java.math.BigDecimal("1.50000000000000000000"));    // trailing zeros are fine
    assertThat(ledger.totalCostUsd()).isEqualByComparingTo("1.500000000001");
  }

  @Test
  void runCostIsExactDecimalAndRecordedEvenWhenItFails() {
    CostLedger ledger = CostLedger.create(BudgetLimits.unlimited().withMaxRunCostUsd(new BigDecimal("0.3")), new Clock());
    RunBudget run = ledger.admit("run_c");
    run.charge(new BigDecimal("0.1"));
    run.charge(new BigDecimal("0.1"));
    run.charge(new BigDecimal("0.1")); // 0.3 exactly: a double would have gone over
    assertThatThrownBy(() -> run.charge(new BigDecimal("0.000001")))
        .isInstanceOfSatisfying(BudgetExceededException.class, e -> {
          assertThat(e.budget()).isEqualTo(Budget.RUN_COST);
          assertThat(e.observed()).isEqualByComparingTo("0.300001");
          assertThat(e.getMessage()).contains("0.300001 USD", "0.3 USD", "MAX_RUN_COST_USD");
        });
    assertThat(ledger.totalCostUsd()).isEqualByComparingTo("0.300001");
    assertThatThrownBy(() -> run.charge(new BigDecimal("-1"))).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theTotalCapRefusesNewRunsAndStopsRunsInFlightAtTheirNextCostedStep() {
    CostLedger ledger = CostLedger.create(BudgetLimits.unlimited().withMaxTotalCostUsd(new BigDecimal("1.00")), new Clock());
    RunBudget a = ledger.admit("run_a");
    RunBudget b = ledger.admit("run_b");
    a.charge(new BigDecimal("0.60"));
    b.charge(new BigDecimal("0.40")); // exactly the cap: nobody fails, but nobody new gets in
    assertThat(ledger.admitting()).isFalse();
    assertThatThrownBy(() -> ledger.admit("run_c"))
        .isInstanceOfSatisfying(BudgetExceededException.class, e -> {
          assertThat(e.budget()).isEqualTo(Budget.TOTAL_COST);
          assertThat(e.getMessage()).contains("run_c", "not admitted", "MAX_TOTAL_COST_USD");
        });
    a.step(); // an uncosted step goes on
    // a goes over: it fails; b fails at its next costed step, even a free one
    assertThatThrownBy(() -> a.charge(new BigDecimal("0.01"))).isInstanceOf(BudgetExceededException.class);
    assertThat(a.failure()).map(BudgetExceededException::budget).contains(Budget.TOTAL_COST);
    assertThatThrownBy(() -> b.charge(BigDecimal.ZERO))
        .isInstanceOfSatisfying(BudgetExceededException.class, e -> assertThat(e.observed()).isEqualByComparingTo("1.01"));
    assertThat(ledger.totalCostUsd()).isEqualByComparingTo("1.01");
    assertThat(ledger.admittedRuns()).isEqualTo(2);
    assertThat(ledger.refusedAdmissions()).isEqualTo(1);
  }

  @Test
  void zeroSwitchesEachBudgetOff() {
    Clock clock = new Clock();
    CostLedger ledger = CostLedger.create(BudgetLimits.unlimited(), clock);
    RunBudget run = ledger.admit("run_d");
    for (int i = 0; i < 20_000; i++) {
      run.step();
    }
    clock.advanceMillis(Duration.ofDays(400).toMillis());
    run.step();
    run.charge(new BigDecimal("1000000"));
    assertThat(run.remainingTime()).isEmpty();
    assertThat(ledger.admitting()).isTrue();
  }

  @Test
  void negativeLimitsAreConfigurationErrorsNamingTheKey() {
    assertThatThrownBy(() -> BudgetLimits.defaults().withMaxNodeExecutions(-1))
        .isInstanceOfSatisfying(PolicyConfigurationException.class,
            e -> assertThat(e.key()).contains("budget.max-run-node-executions"));
    assertThatThrownBy(() -> BudgetLimits.defaults().withMaxDuration(Duration.ofMillis(-5)))
        .isInstanceOfSatisfying(PolicyConfigurationException.class, e -> assertThat(e.key()).contains("budget.max-run-duration-ms"));
    assertThatThrownBy(() -> BudgetLimits.defaults().withMaxRunCostUsd(new BigDecimal("-0.01")))
        .isInstanceOfSatisfying(PolicyConfigurationException.class, e -> assertThat(e.getMessage()).contains("MAX_RUN_COST_USD"));
    assertThatThrownBy(() -> BudgetLimits.defaults().withMaxTotalCostUsd(new BigDecimal("-3")))
        .isInstanceOfSatisfying(PolicyConfigurationException.class, e -> assertThat(e.key()).contains("budget.max-total-cost-usd"));
  }

  @Test
  void heldRunsSurviveAReopenInTheOrderTheyWereHeld(@TempDir Path dir) throws IOException {
    Clock clock = new Clock();
    HeldRuns held = HeldRuns.open(dir.resolve("held-runs"), clock);
    held.hold("run_2", "{\"trigger\":\"b\"}");
    clock.advanceMillis(1);
    held.hold("run_1", "second\nline");
    HeldRuns again = HeldRuns.open(dir.resolve("held-runs"), clock);
    assertThat(again.list()).extracting(HeldRun::runId).containsExactly("run_2", "run_1");
    assertThat(again.list().get(1).payload()).isEqualTo("second\nline");
    assertThat(again.release("run_2")).isTrue();
    assertThat(again.release("run_2")).isFalse();
    assertThat(again.list()).extracting(HeldRun::runId).containsExactly("run_1");
    assertThat(Files.getPosixFilePermissions(dir.resolve("held-runs/run_1.json"))).hasSize(2);
    assertThatThrownBy(() -> held.hold("../x", "p")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aCorruptHeldRunIsAnErrorNotASilentDrop(@TempDir Path dir) throws IOException {
    HeldRuns held = HeldRuns.open(dir, new Clock());
    held.hold("run_ok", "p");
    Files.writeString(dir.resolve("run_bad.json"), "{not json");
    assertThatThrownBy(held::list).isInstanceOf(IOException.class).hasMessageContaining("run_bad.json");
  }
}
