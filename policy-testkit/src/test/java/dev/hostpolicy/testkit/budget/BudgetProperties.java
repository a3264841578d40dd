package dev.hostpolicy.testkit.budget;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hostpolicy.api.PolicyConfigurationException;
import dev.hostpolicy.core.HostPolicy;
import dev.hostpolicy.core.Settings;
import dev.hostpolicy.core.budget.Budget;
import dev.hostpolicy.core.budget.BudgetExceededException;
import dev.hostpolicy.core.budget.BudgetLimits;
import dev.hostpolicy.core.budget.CostLedger;
import dev.hostpolicy.core.budget.RunBudget;
import dev.hostpolicy.testkit.BudgetArbitraries;
import dev.hostpolicy.testkit.BudgetArbitraries.Admit;
import dev.hostpolicy.testkit.BudgetArbitraries.Advance;
import dev.hostpolicy.testkit.BudgetArbitraries.Charge;
import dev.hostpolicy.testkit.BudgetArbitraries.CheckClock;
import dev.hostpolicy.testkit.BudgetArbitraries.Op;
import dev.hostpolicy.testkit.BudgetArbitraries.Step;
import dev.hostpolicy.testkit.PolicyArbitraries;
import dev.hostpolicy.testkit.fake.FakeTimeSource;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The budgets against an independent model (exact integers and {@link BigDecimal}, written from the
 * rules in docs/budgets.md) on generated limits and operation sequences over several runs of one
 * ledger, on the fake clock: every operation's outcome (which budget, limit and figure), every run's
 * counters and the ledger's total agree; and every refused setting value is a configuration error
 * naming the setting.
 */
class BudgetProperties {

  /** What an operation did: {@code null} budget = fine. */
  record Outcome(Budget budget, BigDecimal limit, BigDecimal observed) {
    static final Outcome OK = new Outcome(null, null, null);

    static Outcome of(BudgetExceededException e) {
      return new Outcome(e.budget(), e.limit(), e.observed());
    }

    boolean same(Outcome o) {
      if (budget == null || o.budget == null) {
        return budget == o.budget;
      }
      return budget == o.budget && limit.compareTo(o.limit) == 0 && observed.compareTo(o.observed) == 0;
    }
  }

  /** The model: the rules, directly. */
  static final class Model {
    final BudgetLimits l;
    long now;
    BigDecimal total = BigDecimal.ZERO;
    final List<long[]> runs = new ArrayList<>(); // start, executions
    final List<BigDecimal> costs = new ArrayList<>();
    final List<Outcome> failures = new ArrayList<>();

    Model(BudgetLimits l) {
      this.l = l;
    }

    Outcome admit() {
      BigDecimal cap = l.maxTotalCostUsd();
      if (cap.signum() > 0 && total.compareTo(cap) >= 0) {
        return new Outcome(Budget.TOTAL_COST, cap, total);
      }
      runs.add(new long[] {now, 0});
      costs.add(BigDecimal.ZERO);
      failures.add(null);
      return Outcome.OK;
    }

    Outcome step(int r) {
      if (failures.get(r) != null) {
        return failures.get(r);
      }
      long n = ++runs.get(r)[1];
      if (l.maxNodeExecutions() > 0 && n > l.maxNodeExecutions()) {
        return fail(r, new Outcome(Budget.NODE_EXECUTIONS, BigDecimal.valueOf(l.maxNodeExecutions()), BigDecimal.valueOf(n)));
      }
      return clock(r);
    }

    Outcome clock(int r) {
      if (failures.get(r) != null) {
        return failures.get(r);
      }
      long elapsedNanos = now - runs.get(r)[0];
      // compare in exact integers: elapsed > max ms
      if (l.maxDurationMillis() > 0
          && java.math.BigInteger.valueOf(elapsedNanos).compareTo(java.math.BigInteger.valueOf(l.maxDurationMillis()).multiply(java.math.BigInteger.valueOf(1_000_000))) > 0) {
        return fail(r, new Outcome(Budget.WALL_CLOCK, BigDecimal.valueOf(l.maxDurationMillis()), new BigDecimal(elapsedNanos).movePointLeft(6)));
      }
      return Outcome.OK;
    }

    Outcome charge(int r, BigDecimal c) {
      costs.set(r, costs.get(r).add(c));
      total = total.add(c);
      if (failures.get(r) != null) {
        return failures.get(r);
      }
      if (l.maxRunCostUsd().signum() > 0 && costs.get(r).compareTo(l.maxRunCostUsd()) > 0) {
        return fail(r, new Outcome(Budget.RUN_COST, l.maxRunCostUsd(), costs.get(r)));
      }
      if (l.maxTotalCostUsd().signum() > 0 && total.compareTo(l.maxTotalCostUsd()) > 0) {
        return fail(r, new Outcome(Budget.TOTAL_COST, l.maxTotalCostUsd(), total));
      }
      return Outcome.OK;
    }

    private Outcome fail(int r, Outcome o) {
      failures.set(r, o);
      return o;
    }
  }

  @Property(tries = 500)
  void everyOutcomeIsTheModels(@ForAll("limits") BudgetLimits limits, @ForAll("operations") List<Op> ops) {
    FakeTimeSource time = FakeTimeSource.create();
    CostLedger ledger = CostLedger.create(limits, time);
    Model model = new Model(limits);
    List<RunBudget> runs = new ArrayList<>();
    int i = 0;
    for (Op op : ops) {
      Outcome expected;
      Outcome actual;
      if (op instanceof Advance) {
        time.advanceNanos(((Advance) op).nanos());
        model.now += ((Advance) op).nanos();
        continue;
      }
      if (op instanceof Admit) {
        expected = model.admit();
        actual = attempt(() -> runs.add(ledger.admit("run_" + runs.size())));
      } else if (runs.isEmpty()) {
        continue;
      } else if (op instanceof Step) {
        int r = ((Step) op).run() % runs.size();
        expected = model.step(r);
        actual = attempt(runs.get(r)::step);
      } else if (op instanceof CheckClock) {
        int r = ((CheckClock) op).run() % runs.size();
        expected = model.clock(r);
        actual = attempt(runs.get(r)::checkWallClock);
      } else {
        Charge c = (Charge) op;
        int r = c.run() % runs.size();
        expected = model.charge(r, c.costUsd());
        actual = attempt(() -> runs.get(r).charge(c.costUsd()));
      }
      assertThat(actual.same(expected)).as("op %d %s: expected %s, got %s", i, op, expected, actual).isTrue();
      i++;
    }
    assertThat(ledger.totalCostUsd()).isEqualByComparingTo(model.total);
    assertThat(ledger.admitting()).isEqualTo(
        limits.maxTotalCostUsd().signum() == 0 || model.total.compareTo(limits.maxTotalCostUsd()) < 0);
    for (int r = 0; r < runs.size(); r++) {
      assertThat(runs.get(r).executions()).isEqualTo(model.runs.get(r)[1]);
      assertThat(runs.get(r).costUsd()).isEqualByComparingTo(model.costs.get(r));
      assertThat(runs.get(r).failure().isPresent()).isEqualTo(model.failures.get(r) != null);
    }
  }

  @Property(tries = 200)
  void aFailedRunKeepsFailingWithTheSameException(@ForAll("limits") BudgetLimits limits, @ForAll("operations") List<Op> ops) {
    FakeTimeSource time = FakeTimeSource.create();
    CostLedger ledger = CostLedger.create(limits, time);
    RunBudget run = ledger.admit("run_x");
    for (Op op : ops) {
      if (op instanceof Advance) {
        time.advanceNanos(((Advance) op).nanos());
      } else if (op instanceof Step) {
        attempt(run::step);
      } else if (op instanceof Charge) {
        attempt(() -> run.charge(((Charge) op).costUsd()));
      }
      if (run.failure().isPresent()) {
        BudgetExceededException first = run.failure().get();
        assertThatThrownBy(run::step).isSameAs(first);
        assertThatThrownBy(run::checkWallClock).isSameAs(first);
        assertThatThrownBy(() -> run.charge(BigDecimal.ZERO)).isSameAs(first);
        assertThat(first.reason()).isEqualTo(first.budget().reasonCode());
        assertThat(first.getMessage()).contains(first.budget().settingName(), first.limit().toPlainString());
        return;
      }
    }
  }

  @Property(tries = 200)
  void everyRefusedSettingValueIsAConfigurationErrorNamingTheSetting(
      @ForAll("settings") String name, @ForAll("refused") String value) {
    assertThatThrownBy(() -> HostPolicy.builder().profile("minimal").namespace("INFLOOP")
        .settings(Settings.fromEnvironment(Map.of("INFLOOP_" + name, value))).build())
        .isInstanceOf(PolicyConfigurationException.class)
        .hasMessageContaining("INFLOOP_" + name);
  }

  private static Outcome attempt(Runnable r) {
    try {
      r.run();
      return Outcome.OK;
    } catch (BudgetExceededException e) {
      return Outcome.of(e);
    }
  }

  @Provide
  Arbitrary<BudgetLimits> limits() {
    return PolicyArbitraries.budgetLimits();
  }

  @Provide
  Arbitrary<List<Op>> operations() {
    return PolicyArbitraries.budgetOperations(4, 60);
  }

  @Provide
  Arbitrary<String> settings() {
    return net.jqwik.api.Arbitraries.of("MAX_RUN_NODE_EXECUTIONS", "MAX_RUN_DURATION_MS", "MAX_RUN_COST_USD", "MAX_TOTAL_COST_USD");
  }

  @Provide
  Arbitrary<String> refused() {
    return BudgetArbitraries.refusedBudgetValues();
  }
}
