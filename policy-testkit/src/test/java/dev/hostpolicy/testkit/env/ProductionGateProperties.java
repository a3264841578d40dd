package dev.hostpolicy.testkit.env;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hostpolicy.api.Decision;
import dev.hostpolicy.api.PolicyViolationException;
import dev.hostpolicy.api.spi.ProbeContext;
import dev.hostpolicy.core.env.DeploymentStage;
import dev.hostpolicy.core.env.EnvironmentSnapshot;
import dev.hostpolicy.core.env.ProbeReading;
import dev.hostpolicy.core.env.ProductionGate;
import dev.hostpolicy.testkit.EnvironmentArbitraries;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The gate's rule, checked against an independent model over generated environments. */
class ProductionGateProperties {

  /** The rule of the issue, written independently of the implementation. */
  static boolean modelSaysProduction(List<ProbeReading> readings, ProductionGate.Mode mode) {
    Set<DeploymentStage> stages = EnumSet.noneOf(DeploymentStage.class);
    for (ProbeReading r : readings) {
      if (r.failed()) {
        return true;
      }
      if (!r.labels().isEmpty()) {
        stages.add(r.stage());
      }
    }
    if (stages.contains(DeploymentStage.PRODUCTION) || stages.size() > 1) {
      return true; // a production signal, or probes that disagree
    }
    return mode == ProductionGate.Mode.STRICT && !stages.equals(EnumSet.of(DeploymentStage.DEVELOPMENT));
  }

  @Property(tries = 1000)
  void theGateFollowsTheRule(@ForAll("contexts") ProbeContext context, @ForAll ProductionGate.Mode mode) {
    ProductionGate gate = ProductionGate.builder().context(context).mode(mode).build();
    Decision d = gate.check();
    assertThat(d.denied()).isEqualTo(modelSaysProduction(gate.readings(), mode));
    if (d.denied()) {
      assertThat(d.reason()).isEqualTo("env.production");
      assertThatThrownBy(() -> gate.requireDevelopment(false)).isInstanceOf(PolicyViolationException.class);
      assertThat(gate.requireDevelopment(true).reason()).isEqualTo("env.production-forced");
    } else {
      assertThat(gate.requireDevelopment(false)).isEqualTo(d);
    }
  }

  /** A production label on any built-in signal denies, whatever the other signals say. */
  @Property(tries = 1000)
  void anyProductionLabelDenies(@ForAll("contexts") ProbeContext background, @ForAll("productionLabels") String label,
      @ForAll("signals") String signal, @ForAll ProductionGate.Mode mode) {
    EnvironmentSnapshot ctx = withSignal((EnvironmentSnapshot) background, signal, label);
    assertThat(ProductionGate.builder().context(ctx).mode(mode).build().check().reason()).isEqualTo("env.production");
  }

  /** Development on one signal and an unrecognised environment on another count as production. */
  @Property(tries = 500)
  void disagreementDenies(@ForAll("developmentLabels") String dev, @ForAll("unrecognisedLabels") String other) {
    Assume.that(!other.isBlank());
    EnvironmentSnapshot ctx = EnvironmentSnapshot.of(Map.of("NODE_ENV", dev, "APP_ENV", other), Map.of());
    assertThat(ProductionGate.builder().context(ctx).build().check().reason()).isEqualTo("env.production");
  }

  /** Agreeing development signals pass strict mode; their case and padding do not matter. */
  @Property(tries = 500)
  void agreeingDevelopmentPassesStrictMode(@ForAll("developmentLabels") String a, @ForAll("developmentLabels") String b) {
    EnvironmentSnapshot ctx = EnvironmentSnapshot.of(Map.of("NODE_ENV", a, "SPRING_PROFILES_ACTIVE", "swagger," + b), Map.of())
        .withDeclaredEnvironment(b.strip());
    assertThat(ProductionGate.builder().context(ctx).mode(ProductionGate.Mode.STRICT).build().check().reason())
        .isEqualTo("env.development");
  }

  private static EnvironmentSnapshot withSignal(EnvironmentSnapshot background, String signal, String label) {
    Map<String, String> env = new java.util.HashMap<>();
    Map<String, String> props = new java.util.HashMap<>();
    for (String n : EnvironmentArbitraries.PROBED_VARIABLES) {
      background.environmentVariable(n).ifPresent(v -> env.put(n, v));
    }
    for (String n : EnvironmentArbitraries.PROBED_PROPERTIES) {
      background.systemProperty(n).ifPresent(v -> props.put(n, v));
    }
    String declared = background.declaredEnvironment().orElse("");
    switch (signal) {
      case "declared":
        declared = label.strip();
        break;
      case "hostpolicy.env":
      case "spring.profiles.active":
        props.put(signal, label);
        break;
      default:
        env.put(signal, label);
    }
    return EnvironmentSnapshot.of(env, props).withDeclaredEnvironment(declared);
  }

  @Provide
  Arbitrary<ProbeContext> contexts() {
    return EnvironmentArbitraries.probeContexts();
  }

  @Provide
  Arbitrary<String> productionLabels() {
    return EnvironmentArbitraries.productionLabels();
  }

  @Provide
  Arbitrary<String> developmentLabels() {
    return EnvironmentArbitraries.developmentLabels();
  }

  @Provide
  Arbitrary<String> unrecognisedLabels() {
    return EnvironmentArbitraries.unrecognisedLabels();
  }

  @Provide
  Arbitrary<String> signals() {
    return Arbitraries.of("declared", "hostpolicy.env", "APP_ENV", "NODE_ENV", "SPRING_PROFILES_ACTIVE", "spring.profiles.active");
  }

  private static final class Assume {
    static void that(boolean condition) {
      net.jqwik.api.Assume.that(condition);
    }
  }
}
