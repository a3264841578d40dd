package dev.hostpolicy.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hostpolicy.api.PolicyConfigurationException;
import dev.hostpolicy.api.spi.PolicyKeys;
import dev.hostpolicy.core.budget.BudgetLimits;
import java.math.BigDecimal;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BudgetSettingsTest {

  private static HostPolicy policy(Map<String, String> env) {
    return HostPolicy.builder().profile("minimal").namespace("INFLOOP").settings(Settings.fromEnvironment(env)).build();
  }

  @Test
  void defaultsAreTenThousandNodesADayAndNoCostCaps() {
    assertThat(policy(Map.of()).budgetLimits()).isEqualTo(BudgetLimits.defaults());
    assertThat(BudgetLimits.defaults()).isEqualTo(new BudgetLimits(10_000, 86_400_000L, BigDecimal.ZERO, BigDecimal.ZERO));
  }

  @Test
  void operatorSettingsSetEachBudget() {
    BudgetLimits l = policy(Map.of(
        "INFLOOP_MAX_RUN_NODE_EXECUTIONS", "50",
        "INFLOOP_MAX_RUN_DURATION_MS", "0",
        "INFLOOP_MAX_RUN_COST_USD", "2.50",
        "INFLOOP_MAX_TOTAL_COST_USD", "100")).budgetLimits();
    assertThat(l.maxNodeExecutions()).isEqualTo(50);
    assertThat(l.maxDurationMillis()).isZero();
    assertThat(l.maxRunCostUsd()).isEqualByComparingTo("2.5");
    assertThat(l.maxTotalCostUsd()).isEqualByComparingTo("100");
  }

  @Test
  void malformedOrNegativeValuesFailTheBuildNamingTheKey() {
    for (String name : new String[] {"MAX_RUN_NODE_EXECUTIONS", "MAX_RUN_DURATION_MS", "MAX_RUN_COST_USD", "MAX_TOTAL_COST_USD"}) {
      for (String bad : new String[] {"-1", "1e3", "ten", "", " 5", "0x10", "1.5.2", "NaN"}) {
        assertThatThrownBy(() -> policy(Map.of("INFLOOP_" + name, bad)))
            .as(name + "=" + bad)
            .isInstanceOf(PolicyConfigurationException.class)
            .hasMessageContaining("INFLOOP_" + name);
      }
    }
  }

  @Test
  void aNegativeValueSetInCodeIsRefusedNamingTheRule() {
    assertThatThrownBy(() -> HostPolicy.builder().profile("minimal").set(PolicyKeys.MAX_RUN_NODE_EXECUTIONS, -1L))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("budget.max-run-node-executions");
    assertThatThrownBy(() -> HostPolicy.builder().profile("minimal").set(PolicyKeys.MAX_TOTAL_COST_USD, new BigDecimal("-0.5")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("budget.max-total-cost-usd");
  }
}
