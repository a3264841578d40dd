package dev.hostpolicy.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hostpolicy.api.spi.PolicyKey;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class OperatorSettingsTest {

  @Test
  void theRegistryCoversEveryDesignSetting() {
    assertThat(OperatorSettings.all().stream().map(OperatorSetting::name))
        .containsExactly("API_TOKEN", "ALLOW_INSECURE", "WEBHOOK_RATE_LIMIT", "LOGIN_RATE_LIMIT",
            "CHILD_ENV_PASSTHROUGH", "EGRESS_ENFORCE", "MAX_RUN_NODE_EXECUTIONS", "MAX_RUN_DURATION_MS",
            "MAX_RUN_COST_USD", "MAX_TOTAL_COST_USD", "AUDIT_MAX_BYTES", "AUDIT_MAX_FILES", "ENV");
    Set<PolicyKey<?>> keys = new HashSet<>();
    OperatorSettings.all().forEach(s -> assertThat(keys.add(s.key())).as(s.name()).isTrue());
  }

  @Test
  void names() {
    assertThat(OperatorSettings.LOGIN_RATE_LIMIT.environmentName("INFLOOP")).isEqualTo("INFLOOP_LOGIN_RATE_LIMIT");
    assertThat(OperatorSettings.LOGIN_RATE_LIMIT.propertyName("INFLOOP")).isEqualTo("infloop.login_rate_limit");
    assertThat(OperatorSettings.byName("ENV")).contains(OperatorSettings.ENV);
    assertThat(OperatorSettings.byName("env")).isEmpty();
  }

  @Test
  void booleans() {
    for (String t : new String[] {"true", "TRUE", "1", "yes"}) {
      assertThat(OperatorSettings.ALLOW_INSECURE.parse(t)).as(t).isTrue();
    }
    for (String f : new String[] {"false", "0", "No"}) {
      assertThat(OperatorSettings.ALLOW_INSECURE.parse(f)).as(f).isFalse();
    }
    for (String bad : new String[] {"", " true", "on", "t", "2", "truee", "ｔｒｕｅ"}) {
      assertThatThrownBy(() -> OperatorSettings.ALLOW_INSECURE.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void counts() {
    assertThat(OperatorSettings.MAX_RUN_NODE_EXECUTIONS.parse("0")).isZero();
    assertThat(OperatorSettings.MAX_RUN_NODE_EXECUTIONS.parse("999999999999999999")).isEqualTo(999_999_999_999_999_999L);
    for (String bad : new String[] {"", "-1", "+1", "1.0", "1e3", "0x10", "٣", "1 ", "9999999999999999999"}) {
      assertThatThrownBy(() -> OperatorSettings.MAX_RUN_NODE_EXECUTIONS.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
    }
    assertThatThrownBy(() -> OperatorSettings.AUDIT_MAX_BYTES.parse("4095")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> OperatorSettings.AUDIT_MAX_FILES.parse("1001")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void decimals() {
    assertThat(OperatorSettings.MAX_RUN_COST_USD.parse("12.50")).isEqualByComparingTo("12.5");
    for (String bad : new String[] {"", "-1", ".5", "5.", "1,5", "1e2", "1.1234567", "NaN"}) {
      assertThatThrownBy(() -> OperatorSettings.MAX_RUN_COST_USD.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void tokens() {
    assertThat(OperatorSettings.API_TOKEN.parse("abcdefghijklmnopqrstuvwxyz012345")).isPresent();
    assertThat(OperatorSettings.API_TOKEN.parse("hp_abc.def~ghi+jkl/mno==")).isPresent();
    for (String bad : new String[] {"", "too-short", "has space in the middle", "tab\there-is-long-enough", "ünïcode-token-long-enough", "a=b=c-long-enough-x"}) {
      assertThatThrownBy(() -> OperatorSettings.API_TOKEN.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class)
          .hasMessageNotContaining(bad.isEmpty() ? "\u0000" : bad);
    }
  }

  @Test
  void passthrough() {
    assertThat(OperatorSettings.CHILD_ENV_PASSTHROUGH.parse("A,B_*,c_d")).containsExactly("A", "B_*", "c_d");
    for (String bad : new String[] {"", "*", "A,", ",A", "A,,B", "A*B", "A-B", "A B", "1A", "A,*"}) {
      assertThatThrownBy(() -> OperatorSettings.CHILD_ENV_PASSTHROUGH.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void environment() {
    assertThat(OperatorSettings.ENV.parse("production")).isEqualTo("production");
    for (String bad : new String[] {"", "prod uction", "x".repeat(65), "prod\n"}) {
      assertThatThrownBy(() -> OperatorSettings.ENV.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
    }
  }
}
