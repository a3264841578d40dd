package dev.hostpolicy.docs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hostpolicy.api.Decision;
import dev.hostpolicy.api.PolicyViolationException;
import dev.hostpolicy.api.spi.PolicyKeys;
import dev.hostpolicy.core.HostPolicy;
import dev.hostpolicy.core.Settings;
import dev.hostpolicy.core.env.EnvironmentSnapshot;
import dev.hostpolicy.core.env.ProductionGate;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The examples of docs/production-gate.md, compiled and run. */
class ProductionGateDocTest {

  /** Runs against the build machine's real environment, so either outcome is legitimate. */
  @Test
  void startup() {
    boolean threw = false;
    ProductionGate seen = null;
    try {
      // snippet: production-gate-startup
      HostPolicy policy = HostPolicy.builder()
          .profile("minimal")
          .namespace("DEVTOOLS")                       // DEVTOOLS_ENV=production is one signal
          .settings(Settings.fromEnvironment())
          .build();
      ProductionGate gate = ProductionGate.builder()
          .context(EnvironmentSnapshot.system()
              .withDeclaredEnvironment(policy.get(PolicyKeys.DECLARED_ENVIRONMENT)))
          .build();
      gate.requireDevelopment(Boolean.getBoolean("devtools.force"));  // throws env.production in production
      // end-snippet
      seen = gate;
    } catch (PolicyViolationException e) {
      threw = true;
      assertThat(e.reason()).isEqualTo("env.production");
    }
    if (!threw) {
      assertThat(seen.check().allowed()).isTrue();
      assertThat(seen.probeIds()).contains("hostpolicy.node-env", "hostpolicy.declared-env");
    }
  }

  @Test
  void inTests() {
    // snippet: production-gate-test
    ProductionGate strict = ProductionGate.builder()
        .context(EnvironmentSnapshot.of(Map.of("NODE_ENV", "development", "APP_ENV", "staging"), Map.of()))
        .mode(ProductionGate.Mode.STRICT)
        .build();
    Decision d = strict.check();                  // denied env.production: the probes disagree
    Decision forced = strict.requireDevelopment(true);  // allowed env.production-forced, logs a WARNING
    // end-snippet
    assertThat(d.reason()).isEqualTo("env.production");
    assertThat(d.detail()).contains("disagree");
    assertThat(forced.allowed()).isTrue();
    assertThat(forced.reason()).isEqualTo("env.production-forced");
  }
}
