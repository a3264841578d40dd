package dev.hostpolicy.core.env;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hostpolicy.api.Decision;
import dev.hostpolicy.api.PolicyConfigurationException;
import dev.hostpolicy.api.PolicyViolationException;
import dev.hostpolicy.api.spi.EnvironmentProbe;
import dev.hostpolicy.api.spi.ProbeContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ResourceBundle;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class ProductionGateTest {

  private static ProductionGate gate(Map<String, String> env, Map<String, String> props, String declared, ProductionGate.Mode mode) {
    return ProductionGate.builder()
        .context(EnvironmentSnapshot.of(env, props).withDeclaredEnvironment(declared))
        .mode(mode)
        .build();
  }

  private static Decision check(Map<String, String> env) {
    return gate(env, Map.of(), "", ProductionGate.Mode.DEFAULT).check();
  }

  @Test
  void discoversTheFiveBuiltInProbesInOrder() {
    assertThat(ProductionGate.builder().context(EnvironmentSnapshot.empty()).build().probeIds())
        .containsExactly("hostpolicy.declared-env", "hostpolicy.system-property", "hostpolicy.app-env",
            "hostpolicy.node-env", "hostpolicy.spring-profiles");
  }

  @Test
  void anyProductionSignalDenies() {
    assertThat(check(Map.of("NODE_ENV", "production")).reason()).isEqualTo("env.production");
    assertThat(check(Map.of("APP_ENV", "PROD")).reason()).isEqualTo("env.production");
    assertThat(check(Map.of("SPRING_PROFILES_ACTIVE", "metrics, Prod")).reason()).isEqualTo("env.production");
    assertThat(gate(Map.of(), Map.of("hostpolicy.env", " production "), "", ProductionGate.Mode.DEFAULT).check().reason())
        .isEqualTo("env.production");
    assertThat(gate(Map.of(), Map.of("spring.profiles.active", "prod"), "", ProductionGate.Mode.DEFAULT).check().denied()).isTrue();
    assertThat(gate(Map.of(), Map.of(), "production", ProductionGate.Mode.DEFAULT).check().denied()).isTrue();
    Decision d = check(Map.of("NODE_ENV", "production"));
    assertThat(d.detail()).contains("hostpolicy.node-env=production");
  }

  @Test
  void defaultModeAllowsUnknownAndDevelopment() {
    assertThat(check(Map.of()).reason()).isEqualTo("env.undetermined");
    assertThat(check(Map.of("NODE_ENV", "staging")).reason()).isEqualTo("env.undetermined");
    assertThat(check(Map.of("NODE_ENV", "development")).reason()).isEqualTo("env.development");
    assertThat(check(Map.of("NODE_ENV", "test", "APP_ENV", "local")).reason()).isEqualTo("env.development");
    assertThat(check(Map.of("NODE_ENV", "")).reason()).isEqualTo("env.undetermined");
    assertThat(check(Map.of("SPRING_PROFILES_ACTIVE", "swagger,metrics", "NODE_ENV", "dev")).reason()).isEqualTo("env.development");
  }

  @Test
  void disagreeingProbesCountAsProduction() {
    Decision d = check(Map.of("NODE_ENV", "development", "APP_ENV", "staging"));
    assertThat(d.reason()).isEqualTo("env.production");
    assertThat(d.detail()).contains("disagree");
    assertThat(check(Map.of("NODE_ENV", "development", "APP_ENV", "production")).denied()).isTrue();
    assertThat(gate(Map.of("NODE_ENV", "development"), Map.of(), "production", ProductionGate.Mode.DEFAULT).check().denied()).isTrue();
  }

  @Test
  void strictModeDeniesUnlessDevelopmentIsReported() {
    ProductionGate.Mode strict = ProductionGate.Mode.STRICT;
    assertThat(gate(Map.of(), Map.of(), "", strict).check().reason()).isEqualTo("env.production");
    assertThat(gate(Map.of("NODE_ENV", "staging"), Map.of(), "", strict).check().denied()).isTrue();
    assertThat(gate(Map.of("NODE_ENV", "development"), Map.of(), "", strict).check().reason()).isEqualTo("env.development");
    assertThat(gate(Map.of(), Map.of(), "local", strict).check().allowed()).isTrue();
    assertThat(gate(Map.of("NODE_ENV", "dev", "APP_ENV", "production"), Map.of(), "", strict).check().denied()).isTrue();
  }

  @Test
  void requireDevelopmentThrowsUnlessForcedAndForcingWarns() {
    List<String> warnings = new ArrayList<>();
    ProductionGate g = ProductionGate.builder()
        .context(EnvironmentSnapshot.of(Map.of("NODE_ENV", "production"), Map.of()))
        .logger(recording(warnings))
        .build();
    assertThatThrownBy(() -> g.requireDevelopment(false))
        .isInstanceOf(PolicyViolationException.class)
        .satisfies(e -> assertThat(((PolicyViolationException) e).reason()).isEqualTo("env.production"));
    assertThat(warnings).isEmpty();
    Decision forced = g.requireDevelopment(true);
    assertThat(forced.allowed()).isTrue();
    assertThat(forced.reason()).isEqualTo("env.production-forced");
    assertThat(warnings).singleElement().asString().startsWith("WARNING ").contains("forced").contains("hostpolicy.node-env=production");
  }

  @Test
  void developmentNeedsNoForceAndLogsNothing() {
    List<String> warnings = new ArrayList<>();
    ProductionGate g = ProductionGate.builder()
        .context(EnvironmentSnapshot.of(Map.of("NODE_ENV", "development"), Map.of()))
        .logger(recording(warnings))
        .build();
    assertThat(g.requireDevelopment(false).reason()).isEqualTo("env.development");
    assertThat(g.requireDevelopment(true).reason()).isEqualTo("env.development");
    assertThat(warnings).isEmpty();
  }

  @Test
  void aFailingProbeCountsAsProduction() {
    EnvironmentProbe throwing = probe("test.throwing", ctx -> {
      throw new IllegalStateException("boom");
    });
    EnvironmentProbe nulls = probe("test.null", ctx -> null);
    EnvironmentProbe dev = probe("test.dev", ctx -> List.of("dev"));
    for (EnvironmentProbe bad : new EnvironmentProbe[] {throwing, nulls}) {
      Decision d = ProductionGate.builder().context(EnvironmentSnapshot.empty()).probes(List.of(dev, bad)).build().check();
      assertThat(d.reason()).as(bad.id()).isEqualTo("env.production");
      assertThat(d.detail()).contains("failed").contains(bad.id());
    }
  }

  @Test
  void badProbeSetsFailTheBuild() {
    EnvironmentProbe a = probe("test.same", ctx -> List.of());
    EnvironmentProbe b = probe("test.same", ctx -> List.of());
    assertThatThrownBy(() -> ProductionGate.builder().probes(List.of(a, b)).build())
        .isInstanceOf(PolicyConfigurationException.class).hasMessageContaining("test.same");
    assertThatThrownBy(() -> ProductionGate.builder().probes(List.of(probe("Bad Id", ctx -> List.of()))).build())
        .isInstanceOf(PolicyConfigurationException.class).hasMessageContaining("malformed id");
  }

  @Test
  void hostileLabelsCannotForgeLogLines() {
    Decision d = check(Map.of("NODE_ENV", "development", "APP_ENV", "staging\nINFO all good"));
    assertThat(d.reason()).isEqualTo("env.production");
    assertThat(d.detail()).doesNotContain("\n").contains("staging\\u000aINFO");
  }

  @Test
  void classification() {
    assertThat(DeploymentStage.classify("PRODUCTION")).isEqualTo(DeploymentStage.PRODUCTION);
    assertThat(DeploymentStage.classify("\tprod\n")).isEqualTo(DeploymentStage.PRODUCTION);
    assertThat(DeploymentStage.classify("Test")).isEqualTo(DeploymentStage.DEVELOPMENT);
    assertThat(DeploymentStage.classify("prd")).isEqualTo(DeploymentStage.UNRECOGNISED);
    assertThat(DeploymentStage.classify("pr\u043Ed")).isEqualTo(DeploymentStage.UNRECOGNISED);
    assertThat(DeploymentStage.classify(null)).isEqualTo(DeploymentStage.UNRECOGNISED);
  }

  static EnvironmentProbe probe(String id, java.util.function.Function<ProbeContext, List<String>> observe) {
    return new EnvironmentProbe() {
      @Override
      public String id() {
        return id;
      }

      @Override
      public int priority() {
        return 0;
      }

      @Override
      public List<String> observe(ProbeContext context) {
        return observe.apply(context);
      }
    };
  }

  static System.Logger recording(List<String> lines) {
    return new System.Logger() {
      @Override
      public String getName() {
        return "recording";
      }

      @Override
      public boolean isLoggable(Level level) {
        return true;
      }

      @Override
      public void log(Level level, ResourceBundle bundle, String msg, Throwable thrown) {
        lines.add(level + " " + msg);
      }

      @Override
      public void log(Level level, ResourceBundle bundle, String format, Object... params) {
        lines.add(level + " " + format);
      }

      @Override
      public void log(Level level, Supplier<String> msgSupplier) {
        lines.add(level + " " + msgSupplier.get());
      }
    };
  }
}
