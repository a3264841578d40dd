package dev.hostpolicy.core.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hostpolicy.api.PermissionMode;
import dev.hostpolicy.api.PolicyConfigurationException;
import dev.hostpolicy.api.Rate;
import dev.hostpolicy.api.spi.PolicyKey;
import dev.hostpolicy.api.spi.PolicyKeys;
import dev.hostpolicy.core.HostPolicy;
import dev.hostpolicy.core.ProviderRecord;
import dev.hostpolicy.core.RuleSource;
import dev.hostpolicy.core.Settings;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The four host-style profiles: discovered, their documented defaults, and where each rule came from. */
class HostStyleProfilesTest {

  @Test
  void allFiveBuiltInProfilesAreDiscoveredInPriorityOrder() {
    assertThat(HostPolicy.availableProfiles()).extracting(ProviderRecord::id)
        .containsSubsequence("minimal", "devloop", "infinite-loop", "devbox", "devtools");
  }

  @ParameterizedTest
  @ValueSource(strings = {"devloop", "infinite-loop", "devbox", "devtools"})
  void everyCatalogueRuleIsAttributedToTheProfile(String id) {
    HostPolicy policy = HostPolicy.builder().profile(id).build();
    for (PolicyKey<?> key : PolicyKeys.all()) {
      assertThat(policy.source(key).kind()).as(key.id()).isEqualTo(RuleSource.Kind.PROFILE);
      assertThat(policy.source(key).id()).as(key.id()).isEqualTo(id);
    }
    assertThat(policy.describe()).contains("\"profile\"").contains(id);
  }

  @ParameterizedTest
  @ValueSource(strings = {"devloop", "infinite-loop", "devbox", "devtools"})
  void strictDefaultsEverywhere(String id) {
    HostPolicy policy = HostPolicy.builder().profile(id).build();
    assertThat(policy.apiToken()).isEmpty();
    assertThat(policy.get(PolicyKeys.ALLOW_INSECURE)).isFalse();
    assertThat(policy.get(PolicyKeys.EGRESS_ENFORCE)).isTrue();
    assertThat(policy.get(PolicyKeys.EGRESS_ALLOW)).isEmpty();
    assertThat(policy.get(PolicyKeys.CHILD_ENV_PASSTHROUGH)).isEmpty();
    assertThat(policy.get(PolicyKeys.PERMISSION_EXECUTE)).isEqualTo(PermissionMode.DENY);
  }

  @Test
  void devloopDefaults() {
    HostPolicy policy = HostPolicy.builder().profile(DevloopProfile.ID).build();
    assertThat(policy.get(DevloopProfile.EVENTS_PORT)).isZero();
    assertThat(policy.get(DevloopProfile.ENV_PREFIX)).isEqualTo("DEVLOOP");
    assertThat(policy.describe()).contains("devloop.env-prefix").contains("devloop.events-port");
  }

  @Test
  void infiniteLoopDefaultsAndOperatorSettings() {
    HostPolicy policy = HostPolicy.builder()
        .profile(InfiniteLoopProfile.ID)
        .namespace("INFLOOP")
        .settings(Settings.fromEnvironment(Map.of("INFLOOP_LOGIN_RATE_LIMIT", "5/min")))
        .build();
    assertThat(policy.get(PolicyKeys.WEBHOOK_RATE_LIMIT)).isEqualTo(Rate.perMinute(120));
    assertThat(policy.source(PolicyKeys.WEBHOOK_RATE_LIMIT).toString()).isEqualTo("profile infinite-loop");
    assertThat(policy.get(PolicyKeys.LOGIN_RATE_LIMIT)).isEqualTo(Rate.perMinute(5));
    assertThat(policy.source(PolicyKeys.LOGIN_RATE_LIMIT).kind()).isEqualTo(RuleSource.Kind.SETTING);
    assertThat(policy.get(PolicyKeys.EGRESS_DENY)).containsAll(InfiniteLoopProfile.METADATA_HOSTS);
    assertThat(policy.get(InfiniteLoopProfile.DANGEROUS_ARGS)).isFalse();
    assertThat(policy.get(PolicyKeys.MAX_RUN_NODE_EXECUTIONS)).isEqualTo(10_000L);
    assertThat(policy.egressPolicy().check("metadata.google.internal:80").allowed()).isFalse();
  }

  @Test
  void infiniteLoopRefusesANetworkBindWithoutAToken() {
    HostPolicy policy = HostPolicy.builder().profile(InfiniteLoopProfile.ID).namespace("INFLOOP").build();
    assertThatThrownBy(() -> policy.bindGuard().check("0.0.0.0:8080", policy.apiToken().isPresent(), policy.get(PolicyKeys.ALLOW_INSECURE)))
        .isInstanceOf(dev.hostpolicy.api.PolicyViolationException.class)
        .hasMessageStartingWith("bind.insecure")
        .hasMessageContaining("INFLOOP_API_TOKEN");
  }

  @Test
  void devboxDefaults() {
    HostPolicy policy = HostPolicy.builder().profile(DevboxProfile.ID).build();
    assertThat(policy.get(DevboxProfile.TLS_BASE_DOMAIN)).isEmpty();
    assertThat(policy.get(DevboxProfile.MAX_KEY_DEPTH)).isEqualTo(32L);
  }

  @Test
  void devtoolsDefaults() {
    HostPolicy policy = HostPolicy.builder().profile(DevtoolsProfile.ID).build();
    assertThat(policy.get(DevtoolsProfile.DEFAULT_PORT)).isEqualTo(7337L);
    assertThat(policy.get(DevtoolsProfile.PORT_ATTEMPTS)).isEqualTo(10L);
    assertThat(policy.get(PolicyKeys.PERMISSION_FILE_READ)).isEqualTo(PermissionMode.AUTO);
    assertThat(policy.get(PolicyKeys.PERMISSION_FILE_EDIT)).isEqualTo(PermissionMode.ASK);
    for (PolicyKey<PermissionMode> k : List.of(PolicyKeys.PERMISSION_WEB_FETCH, PolicyKeys.PERMISSION_MCP_TOOL,
        PolicyKeys.PERMISSION_WEB_SEARCH, PolicyKeys.PERMISSION_OTHER)) {
      assertThat(policy.get(k)).as(k.id()).isEqualTo(PermissionMode.DENY);
    }
  }

  @Test
  void aProfileKeyOfAnotherProfileFallsBackToItsDefault() {
    HostPolicy policy = HostPolicy.builder().profile("minimal").build();
    assertThat(policy.get(DevtoolsProfile.DEFAULT_PORT)).isEqualTo(7337L);
  }

  @Test
  void unknownProfileListsTheHostStyles() {
    assertThatThrownBy(() -> HostPolicy.builder().profile("infinite-lop").build())
        .isInstanceOf(PolicyConfigurationException.class)
        .hasMessageContaining("infinite-loop")
        .hasMessageContaining("devtools");
  }
}
