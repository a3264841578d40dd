package dev.hostpolicy.docs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hostpolicy.core.HostPolicy;
import dev.hostpolicy.core.Settings;
import dev.hostpolicy.core.budget.BudgetExceededException;
import dev.hostpolicy.core.budget.CostLedger;
import dev.hostpolicy.core.budget.HeldRun;
import dev.hostpolicy.core.budget.HeldRuns;
import dev.hostpolicy.core.budget.RunBudget;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The examples of docs/budgets.md, compiled and run. */
class BudgetsDocTest {

  record Node(String name, BigDecimal costUsd) {
    BigDecimal execute() {
      return costUsd;
    }
  }

  @Test
  void aRunWithinItsBudgets() {
    Map<String, String> env = Map.of("INFLOOP_MAX_RUN_NODE_EXECUTIONS", "3", "INFLOOP_MAX_RUN_COST_USD", "0.50",
        "INFLOOP_MAX_TOTAL_COST_USD", "1.00");
    List<Node> workflow = List.of(new Node("plan", new BigDecimal("0.20")), new Node("code", new BigDecimal("0.20")),
        new Node("review", new BigDecimal("0.20")));
    List<String> failures = new ArrayList<>();
    // snippet: budgets-run
    HostPolicy policy = HostPolicy.builder().profile("minimal").namespace("INFLOOP")
        .settings(Settings.fromEnvironment(env))      // INFLOOP_MAX_RUN_COST_USD=0.50, ...
        .build();
    CostLedger ledger = CostLedger.create(policy.budgetLimits());  // one per process

    RunBudget budget = ledger.admit("run_1");       // budget.total-cost once the process spent its cap
    try {
      for (Node node : workflow) {
        budget.step();                              // budget.node-executions, budget.wall-clock
        BigDecimal cost = node.execute();
        budget.charge(cost);                        // budget.run-cost, budget.total-cost
      }
    } catch (BudgetExceededException e) {
      failures.add(e.reason() + " " + e.limit() + " " + e.observed());  // e.g. budget.run-cost 0.50 0.60
    }
    BigDecimal spent = ledger.totalCostUsd();       // the cumulative-cost metric
    // end-snippet
    assertThat(failures).containsExactly("budget.run-cost 0.50 0.60");
    assertThat(spent).isEqualByComparingTo("0.60");
  }

  @Test
  void heldRunsResumeAfterARestart(@TempDir Path dataDir) throws Exception {
    Map<String, String> env = Map.of("INFLOOP_MAX_TOTAL_COST_USD", "0.10");
    HostPolicy policy = HostPolicy.builder().profile("minimal").namespace("INFLOOP").settings(Settings.fromEnvironment(env)).build();
    CostLedger spentOut = CostLedger.create(policy.budgetLimits());
    spentOut.admit("run_0").charge(new BigDecimal("0.10"));
    List<String> responses = new ArrayList<>();
    List<String> started = new ArrayList<>();
    String runId = "run_2";
    String requestJson = "{\"trigger\":\"nightly\"}";
    CostLedger ledger = spentOut;
    // snippet: budgets-hold
    HeldRuns held = HeldRuns.open(dataDir.resolve("held-runs"));
    try {
      RunBudget budget = ledger.admit(runId);
      // ... run it
    } catch (BudgetExceededException e) {             // the total cost cap is spent
      held.hold(runId, requestJson);                  // on disk (0600), not dropped
      responses.add("503 " + e.getMessage());
    }
    // after a restart the ledger starts at zero again: resume what was held, oldest first
    for (HeldRun run : held.list()) {
      started.add(run.runId() + " " + run.payload());
      held.release(run.runId());
    }
    // end-snippet
    assertThat(responses).singleElement().asString().startsWith("503 budget.total-cost:");
    assertThat(started).containsExactly("run_2 {\"trigger\":\"nightly\"}");
    assertThat(held.list()).isEmpty();
  }
}
