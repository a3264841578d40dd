package dev.hostpolicy.testkit.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.hostpolicy.api.PolicyConfigurationException;
import dev.hostpolicy.core.HostPolicy;
import dev.hostpolicy.core.OperatorSetting;
import dev.hostpolicy.core.OperatorSettings;
import dev.hostpolicy.core.RuleSource;
import dev.hostpolicy.core.Settings;
import dev.hostpolicy.testkit.AdversarialSetting;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Every operator setting, fed adversarial values through the environment: the build either applies
 * exactly what the setting's parser makes of the text, or fails with a configuration error naming
 * the variable. Nothing else: no other exception, no silent default, no echo of a secret.
 */
class OperatorSettingsProperties {

  @Property(tries = 2000)
  void aSettingIsAppliedExactlyOrNamedInTheError(
      @ForAll("settings") OperatorSetting<?> setting, @ForAll @AdversarialSetting String raw) {
    String variable = setting.environmentName("INFLOOP");
    Throwable thrown = catchThrowable(() -> build(variable, raw));
    Object parsed;
    try {
      parsed = setting.parse(raw);
    } catch (IllegalArgumentException e) {
      parsed = null;
    }
    if (parsed == null) {
      assertThat(thrown).isInstanceOf(PolicyConfigurationException.class);
      PolicyConfigurationException e = (PolicyConfigurationException) thrown;
      assertThat(e.key()).contains(variable);
      assertThat(e.getMessage()).startsWith(variable + ": ").contains("expected");
      if (setting.isSecret() && raw.length() >= 4) {
        assertThat(e.getMessage()).doesNotContain(raw);
      }
      assertThat(e.getMessage()).doesNotContain("\n", "\r", "\u0000");
    } else if (thrown == null) {
      HostPolicy p = build(variable, raw);
      assertThat(p.source(setting.key())).isEqualTo(new RuleSource(RuleSource.Kind.SETTING, variable, "environment"));
      if (!setting.isSecret()) {
        Object applied = p.get(setting.key());
        if (setting.key().kind() == dev.hostpolicy.api.spi.PolicyKey.Kind.DECIMAL_LIMIT) {
          assertThat(((java.math.BigDecimal) applied).compareTo((java.math.BigDecimal) parsed)).isZero();
        } else {
          assertThat(applied).isEqualTo(parsed);
        }
      }
    } else {
      // parsed alone, but the composed policy refused it: only rule validation may do that, naming the key
      assertThat(thrown).isInstanceOf(PolicyConfigurationException.class);
    }
  }

  @Property(tries = 1000)
  void acceptedTextIsPrintableAsciiWithoutSpaces(
      @ForAll("settings") OperatorSetting<?> setting, @ForAll @AdversarialSetting String raw) {
    boolean accepted;
    try {
      setting.parse(raw);
      accepted = true;
    } catch (IllegalArgumentException e) {
      accepted = false;
    }
    if (accepted) {
      assertThat(raw).isNotEmpty().matches("[\\x21-\\x7e]+");
    }
  }

  private static HostPolicy build(String variable, String raw) {
    return HostPolicy.builder()
        .profile("minimal")
        .namespace("INFLOOP")
        .settings(Settings.fromEnvironment(Map.of(variable, raw)))
        .build();
  }

  @Provide
  Arbitrary<OperatorSetting<?>> settings() {
    return Arbitraries.of(OperatorSettings.all());
  }
}
