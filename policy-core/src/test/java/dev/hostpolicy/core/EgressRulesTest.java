package dev.hostpolicy.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hostpolicy.api.PolicyConfigurationException;
import dev.hostpolicy.api.PolicyViolationException;
import dev.hostpolicy.api.spi.PolicyKeys;
import dev.hostpolicy.core.net.EgressPolicy;
import dev.hostpolicy.core.net.HostPattern;
import dev.hostpolicy.core.net.StaticAddressResolver;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The composer validates egress.allow / egress.deny entries at build time and offers the egress policy. */
class EgressRulesTest {

  @Test
  void aMalformedAllowEntryStopsTheBuildNamingRuleAndSource() {
    assertThatThrownBy(() -> HostPolicy.builder().profile("minimal").add(PolicyKeys.EGRESS_ALLOW, "api.github.com", "0177.0.0.1").build())
        .isInstanceOf(PolicyConfigurationException.class)
        .hasMessageStartingWith("egress.allow: ")
        .hasMessageContaining("0177.0.0.1")
        .hasMessageContaining("ambiguous")
        .hasMessageContaining("(set by host)");
  }

  @Test
  void aWildcardOverAPublicSuffixIsRefusedInRules() {
    assertThatThrownBy(() -> HostPolicy.builder().profile("minimal").add(PolicyKeys.EGRESS_ALLOW, "*.co.uk").build())
        .isInstanceOf(PolicyConfigurationException.class)
        .hasMessageStartingWith("egress.allow: ")
        .hasMessageContaining("public suffix");
    // as a deny entry it only tightens, and is accepted
    HostPolicy p = HostPolicy.builder().profile("minimal").add(PolicyKeys.EGRESS_DENY, "*.co.uk").build();
    assertThat(p.egressPolicy().denyPatterns()).containsExactly(HostPattern.parse("*.co.uk"));
  }

  @Test
  void aMalformedDenyEntryStopsTheBuild() {
    assertThatThrownBy(() -> HostPolicy.builder().profile("minimal").add(PolicyKeys.EGRESS_DENY, "*").build())
        .isInstanceOf(PolicyConfigurationException.class)
        .hasMessageStartingWith("egress.deny: ");
  }

  @Test
  void theEgressPolicyCarriesTheRules() {
    HostPolicy p = HostPolicy.builder().profile("minimal")
        .add(PolicyKeys.EGRESS_ALLOW, "*.npmjs.org", "api.github.com")
        .add(PolicyKeys.EGRESS_DENY, "evil.npmjs.org")
        .build();
    EgressPolicy egress = p.egressPolicyBuilder()
        .resolver(StaticAddressResolver.builder().add("registry.npmjs.org", "104.16.0.35").add("evil.npmjs.org", "104.16.0.36").build())
        .build();
    assertThat(egress.check("https://registry.npmjs.org/left-pad").allowed()).isTrue();
    assertThat(egress.check("evil.npmjs.org").reason()).isEqualTo("egress.denied-pattern");
    assertThat(egress.check("example.org").reason()).isEqualTo("egress.not-allowed");
  }

  @Test
  void theBindGuardNamesTheNamespace() {
    HostPolicy p = HostPolicy.builder().profile("minimal").namespace("INFLOOP")
        .settings(Settings.fromEnvironment(Map.of())).build();
    assertThatThrownBy(() -> p.bindGuard().check("0.0.0.0:8080", p.apiToken().isPresent(), p.get(PolicyKeys.ALLOW_INSECURE)))
        .isInstanceOf(PolicyViolationException.class)
        .hasMessageContaining("INFLOOP_API_TOKEN");
  }
}
