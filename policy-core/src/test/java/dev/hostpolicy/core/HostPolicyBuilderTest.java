package dev.hostpolicy.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hostpolicy.api.PolicyConfigurationException;
import dev.hostpolicy.api.Rate;
import dev.hostpolicy.api.spi.PolicyKey;
import dev.hostpolicy.api.spi.PolicyKeys;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class HostPolicyBuilderTest {

  @Test
  void minimalBuildsWithTheCatalogueDefaults() {
    HostPolicy p = HostPolicy.builder().profile("minimal").build();
    assertThat(p.profileId()).isEqualTo("minimal");
    assertThat(p.get(PolicyKeys.WEBHOOK_RATE_LIMIT)).isEqualTo(Rate.perMinute(120));
    assertThat(p.get(PolicyKeys.LOGIN_RATE_LIMIT)).isEqualTo(Rate.perMinute(20));
    assertThat(p.get(PolicyKeys.EGRESS_ENFORCE)).isTrue();
    assertThat(p.get(PolicyKeys.ALLOW_INSECURE)).isFalse();
    assertThat(p.get(PolicyKeys.EGRESS_ALLOW)).isEmpty();
    assertThat(p.get(PolicyKeys.MAX_RUN_NODE_EXECUTIONS)).isEqualTo(10_000L);
    assertThat(p.get(PolicyKeys.MAX_RUN_DURATION_MS)).isEqualTo(86_400_000L);
    assertThat(p.get(PolicyKeys.MAX_RUN_COST_USD)).isEqualByComparingTo(BigDecimal.ZERO);
    assertThat(p.get(PolicyKeys.AUDIT_MAX_BYTES)).isEqualTo(10L * 1024 * 1024);
    assertThat(p.get(PolicyKeys.AUDIT_MAX_FILES)).isEqualTo(10L);
    assertThat(p.apiToken()).isEmpty();
    assertThat(p.source(PolicyKeys.LOGIN_RATE_LIMIT)).hasToString("profile minimal");
    assertThat(p.keys()).containsExactlyElementsOf(PolicyKeys.all());
  }

  @Test
  void unknownProfileListsTheAvailableIds() {
    assertThatThrownBy(() -> HostPolicy.builder().profile("nope").build())
        .isInstanceOf(PolicyConfigurationException.class)
        .hasMessageContaining("unknown profile \"nope\"")
        .hasMessageContaining("minimal");
  }

  @Test
  void aProfileMustBeChosen() {
    assertThatThrownBy(() -> HostPolicy.builder().build())
        .isInstanceOf(PolicyConfigurationException.class)
        .hasMessageContaining("minimal");
  }

  @Test
  void settingsAreAppliedLastWithTheirSource() {
    HostPolicy p =
        HostPolicy.builder()
            .profile("minimal")
            .namespace("INFLOOP")
            .settings(Settings.fromEnvironment(Map.of(
                "INFLOOP_LOGIN_RATE_LIMIT", "5/min",
                "INFLOOP_ALLOW_INSECURE", "true",
                "INFLOOP_CHILD_ENV_PASSTHROUGH", "GITHUB_TOKEN,AWS_*",
                "INFLOOP_MAX_RUN_COST_USD", "2.50",
                "OTHER_LOGIN_RATE_LIMIT", "abc")))
            .build();
    assertThat(p.get(PolicyKeys.LOGIN_RATE_LIMIT)).isEqualTo(Rate.perMinute(5));
    assertThat(p.get(PolicyKeys.ALLOW_INSECURE)).isTrue();
    assertThat(p.get(PolicyKeys.CHILD_ENV_PASSTHROUGH)).containsExactly("GITHUB_TOKEN", "AWS_*");
    assertThat(p.get(PolicyKeys.MAX_RUN_COST_USD)).isEqualByComparingTo("2.5");
    assertThat(p.source(PolicyKeys.LOGIN_RATE_LIMIT))
        .isEqualTo(new RuleSource(RuleSource.Kind.SETTING, "INFLOOP_LOGIN_RATE_LIMIT", "environment"));
    assertThat(p.entrySources(PolicyKeys.CHILD_ENV_PASSTHROUGH).get("AWS_*").kind()).isEqualTo(RuleSource.Kind.SETTING);
  }

  @Test
  void malformedSettingNamesTheKeyAndTheForm() {
    assertThatThrownBy(
            () -> HostPolicy.builder().profile("minimal").namespace("INFLOOP")
                .settings(Settings.fromEnvironment(Map.of("INFLOOP_WEBHOOK_RATE_LIMIT", "abc"))).build())
        .isInstanceOf(PolicyConfigurationException.class)
        .hasMessageStartingWith("INFLOOP_WEBHOOK_RATE_LIMIT: ")
        .hasMessageContaining("expected N, N/s, N/min or N/h")
        .satisfies(e -> assertThat(((PolicyConfigurationException) e).key()).contains("INFLOOP_WEBHOOK_RATE_LIMIT"));
  }

  @Test
  void negativeAndEmptyValuesAreErrorsNotDefaults() {
    for (Map.Entry<String, String> bad : Map.of(
        "X_LOGIN_RATE_LIMIT", "-1",
        "X_MAX_RUN_NODE_EXECUTIONS", "-5",
        "X_ALLOW_INSECURE", "",
        "X_API_TOKEN", "",
        "X_AUDIT_MAX_FILES", "0",
        "X_CHILD_ENV_PASSTHROUGH", "*",
        "X_MAX_TOTAL_COST_USD", "-0.01").entrySet()) {
      assertThatThrownBy(
              () -> HostPolicy.builder().profile("minimal").namespace("X")
                  .settings(Settings.fromEnvironment(Map.of(bad.getKey(), bad.getValue()))).build())
          .as(bad.toString())
          .isInstanceOf(PolicyConfigurationException.class)
          .hasMessageStartingWith(bad.getKey() + ": ");
    }
  }

  @Test
  void zeroDisablesExplicitly() {
    HostPolicy p = HostPolicy.builder().profile("minimal").namespace("X")
        .settings(Settings.fromEnvironment(Map.of("X_WEBHOOK_RATE_LIMIT", "0", "X_MAX_RUN_DURATION_MS", "0"))).build();
    assertThat(p.get(PolicyKeys.WEBHOOK_RATE_LIMIT).isOff()).isTrue();
    assertThat(p.get(PolicyKeys.MAX_RUN_DURATION_MS)).isZero();
  }

  @Test
  void aMalformedTokenIsNeverEchoed() {
    String token = "short-secret";
    assertThatThrownBy(
            () -> HostPolicy.builder().profile("minimal").namespace("X")
                .settings(Settings.fromEnvironment(Map.of("X_API_TOKEN", token))).build())
        .isInstanceOf(PolicyConfigurationException.class)
        .hasMessageStartingWith("X_API_TOKEN: ")
        .hasMessageNotContaining(token);
  }

  @Test
  void systemPropertiesUseTheLowerCaseForm() {
    Properties props = new Properties();
    props.setProperty("infloop.login_rate_limit", "7/min");
    HostPolicy p = HostPolicy.builder().profile("minimal").namespace("INFLOOP")
        .settings(Settings.fromProperties(props)).build();
    assertThat(p.get(PolicyKeys.LOGIN_RATE_LIMIT)).isEqualTo(Rate.perMinute(7));
    assertThat(p.source(PolicyKeys.LOGIN_RATE_LIMIT).detail()).isEqualTo("system property");
  }

  @Test
  void laterSettingsLayersWin() {
    Settings base = Settings.fromEnvironment(Map.of("X_LOGIN_RATE_LIMIT", "7/min", "X_WEBHOOK_RATE_LIMIT", "9/min"));
    Settings top = Settings.fromEnvironment(Map.of("X_LOGIN_RATE_LIMIT", "3/min"));
    HostPolicy p = HostPolicy.builder().profile("minimal").namespace("X").settings(base).settings(top).build();
    assertThat(p.get(PolicyKeys.LOGIN_RATE_LIMIT)).isEqualTo(Rate.perMinute(3));
    assertThat(p.get(PolicyKeys.WEBHOOK_RATE_LIMIT)).isEqualTo(Rate.perMinute(9));
  }

  @Test
  void namespaceGrammar() {
    for (String bad : new String[] {"", "infloop", "1X", "X-Y", "X__Y", "X_", "_X", "ＩＮＦＬＯＯＰ"}) {
      assertThatThrownBy(() -> HostPolicy.builder().namespace(bad)).as(bad)
          .isInstanceOf(PolicyConfigurationException.class);
    }
    HostPolicy.builder().namespace("ACME_AGENT2");
  }

  @Test
  void settingsWithoutNamespaceAreAnError() {
    assertThatThrownBy(() -> HostPolicy.builder().profile("minimal")
            .settings(Settings.fromEnvironment(Map.of())).build())
        .isInstanceOf(PolicyConfigurationException.class)
        .hasMessageContaining("namespace");
  }

  @Test
  void hostChoicesComeAfterTheProfileAndBeforeSettings() {
    HostPolicy p = HostPolicy.builder().profile("minimal").namespace("X")
        .add(PolicyKeys.EGRESS_ALLOW, "api.github.com")
        .set(PolicyKeys.LOGIN_RATE_LIMIT, Rate.perMinute(3))
        .set(PolicyKeys.WEBHOOK_RATE_LIMIT, Rate.perMinute(30))
        .settings(Settings.fromEnvironment(Map.of("X_WEBHOOK_RATE_LIMIT", "60")))
        .build();
    assertThat(p.get(PolicyKeys.EGRESS_ALLOW)).containsExactly("api.github.com");
    assertThat(p.entrySources(PolicyKeys.EGRESS_ALLOW).get("api.github.com").kind()).isEqualTo(RuleSource.Kind.HOST);
    assertThat(p.source(PolicyKeys.LOGIN_RATE_LIMIT).kind()).isEqualTo(RuleSource.Kind.HOST);
    assertThat(p.get(PolicyKeys.WEBHOOK_RATE_LIMIT)).isEqualTo(Rate.perMinute(60));
  }

  @Test
  void hostCannotSetAnIllegalValue() {
    assertThatThrownBy(() -> HostPolicy.builder().set(PolicyKeys.MAX_RUN_NODE_EXECUTIONS, -1L))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> HostPolicy.builder().profile("minimal").add(PolicyKeys.CHILD_ENV_PASSTHROUGH, "*").build())
        .isInstanceOf(PolicyConfigurationException.class)
        .hasMessageContaining("env.passthrough");
  }

  @Test
  void pluginKeysDefaultWhenUnset() {
    PolicyKey<Long> custom = PolicyKey.limit("acme.max-steps", 500, "steps");
    HostPolicy p = HostPolicy.builder().profile("minimal").build();
    assertThat(p.get(custom)).isEqualTo(500L);
    HostPolicy q = HostPolicy.builder().profile("minimal").set(custom, 100L).build();
    assertThat(q.get(custom)).isEqualTo(100L);
    assertThat(q.keys()).contains(custom);
    assertThat(q.describe()).contains("acme.max-steps");
  }

  @Test
  void dataDirIsAbsoluteAndDescribed() {
    HostPolicy p = HostPolicy.builder().profile("minimal").dataDir(Path.of("relative/../data")).build();
    assertThat(p.dataDir()).hasValueSatisfying(d -> assertThat(d.isAbsolute()).isTrue());
    assertThat(p.describe()).contains("\"dataDir\" : \"" + p.dataDir().get());
  }

  @Test
  void describeListsEveryRuleWithItsSourceAndTheDiscoveryReport() {
    String json = HostPolicy.builder().profile("minimal").build().describe();
    for (PolicyKey<?> key : PolicyKeys.all()) {
      assertThat(json).contains("\"" + key.id() + "\"");
    }
    assertThat(json).contains("\"source\" : \"profile minimal\"").contains("\"status\" : \"selected\"");
  }

  @Test
  void availableProfilesIncludesMinimal() {
    assertThat(HostPolicy.availableProfiles())
        .anySatisfy(r -> {
          assertThat(r.id()).isEqualTo("minimal");
          assertThat(r.location()).isNotEqualTo("unknown");
          assertThat(r.detail()).contains("strictest");
        });
  }
}
