package dev.hostpolicy.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.hostpolicy.api.spi.EnvironmentProbe;
import dev.hostpolicy.api.spi.ProbeContext;
import dev.hostpolicy.core.env.EnvironmentSnapshot;
import dev.hostpolicy.core.env.ProductionGate;
import dev.hostpolicy.testkit.EnvironmentArbitraries;
import java.util.List;
import java.util.ServiceLoader;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The contract every {@link EnvironmentProbe} — ours and a host's — must pass. Implement
 * {@link #probe()} and two contexts: one in which the probe reports production, one in which it
 * reports development.
 *
 * <pre>{@code
 * class KubernetesProbeContractTest implements EnvironmentProbeContract {
 *   public EnvironmentProbe probe() { return new KubernetesProbe(); }
 *   public ProbeContext productionContext() {
 *     return EnvironmentSnapshot.of(Map.of("KUBERNETES_SERVICE_HOST", "10.0.0.1"), Map.of());
 *   }
 *   public ProbeContext developmentContext() {
 *     return EnvironmentSnapshot.of(Map.of("ACME_LOCAL", "1"), Map.of());
 *   }
 * }
 * }</pre>
 *
 * <p>What it checks: a well-formed, stable id and priority; silence on an empty context (so it reads
 * only through the context, not the real environment); a production verdict of a gate that consults
 * only this probe in {@link #productionContext()} and a development verdict in
 * {@link #developmentContext()}; {@code observe} is total, deterministic and returns trimmed,
 * non-blank, non-null labels for generated contexts; and the probe is registered for ServiceLoader.
 */
public interface EnvironmentProbeContract {

  /** A fresh instance of the probe under test. */
  EnvironmentProbe probe();

  /** A context in which the probe reports production. */
  ProbeContext productionContext();

  /** A context in which the probe reports development. */
  ProbeContext developmentContext();

  /** The class loader discovery uses; the thread context class loader by default. */
  default ClassLoader classLoader() {
    return Thread.currentThread().getContextClassLoader();
  }

  /** Ids are lowercase segments of {@code [a-z0-9]} joined by {@code .} or {@code -}. */
  @Example
  default void idIsWellFormed() {
    assertThat(probe().id()).matches("[a-z0-9]+(?:[.-][a-z0-9]+)*").hasSizeLessThanOrEqualTo(128);
  }

  /** Two instances report the same id and priority. */
  @Example
  default void idAndPriorityAreStable() {
    assertThat(probe().id()).isEqualTo(probe().id());
    assertThat(probe().priority()).isEqualTo(probe().priority());
  }

  /** With nothing to read, the probe has no opinion — it does not peek at the real environment. */
  @Example
  default void silentOnAnEmptyContext() {
    assertThat(probe().observe(EnvironmentSnapshot.empty())).isEmpty();
  }

  /** A gate consulting only this probe denies in the production context. */
  @Example
  default void reportsProductionInItsProductionContext() {
    ProductionGate gate = ProductionGate.builder().probes(List.of(probe())).context(productionContext()).build();
    assertThat(gate.check().reason()).isEqualTo(ProductionGate.PRODUCTION);
    assertThat(gate.readings()).singleElement().satisfies(r -> assertThat(r.failed()).isFalse());
  }

  /** A gate consulting only this probe, in strict mode, allows in the development context. */
  @Example
  default void reportsDevelopmentInItsDevelopmentContext() {
    ProductionGate gate = ProductionGate.builder().probes(List.of(probe())).context(developmentContext())
        .mode(ProductionGate.Mode.STRICT).build();
    assertThat(gate.check().reason()).isEqualTo(ProductionGate.DEVELOPMENT);
  }

  /** {@code observe} never throws and returns trimmed, non-blank labels. */
  @Property(tries = 200)
  default void observeIsTotalAndClean(@ForAll("contractProbeContexts") ProbeContext context) {
    assertThatCode(() -> probe().observe(context)).doesNotThrowAnyException();
    List<String> labels = probe().observe(context);
    assertThat(labels).isNotNull().doesNotContainNull();
    for (String label : labels) {
      assertThat(label).isNotBlank().isEqualTo(label.strip());
    }
  }

  /** Two calls on one context agree. */
  @Property(tries = 100)
  default void observeIsDeterministic(@ForAll("contractProbeContexts") ProbeContext context) {
    assertThat(probe().observe(context)).isEqualTo(probe().observe(context));
  }

  /** Registered for ServiceLoader, and consulted by a gate that discovers its probes. */
  @Example
  default void isDiscoverable() {
    assertThat(ServiceLoader.load(EnvironmentProbe.class, classLoader()).stream().map(ServiceLoader.Provider::type))
        .contains(probe().getClass().asSubclass(EnvironmentProbe.class));
    assertThat(ProductionGate.builder().classLoader(classLoader()).context(EnvironmentSnapshot.empty()).build().probeIds())
        .contains(probe().id());
  }

  /** Generated contexts. */
  @Provide
  default Arbitrary<ProbeContext> contractProbeContexts() {
    return EnvironmentArbitraries.probeContexts();
  }
}
