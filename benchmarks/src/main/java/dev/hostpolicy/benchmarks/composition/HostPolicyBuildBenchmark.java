package dev.hostpolicy.benchmarks.composition;

import dev.hostpolicy.api.spi.HostProfile;
import dev.hostpolicy.api.spi.PolicyContributor;
import dev.hostpolicy.core.HostPolicy;
import java.util.List;
import java.util.ServiceLoader;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;

/**
 * {@code HostPolicy.build()} of the {@code minimal} profile, next to its anchor: the bare
 * {@link ServiceLoader} discovery of the same two SPIs (instantiate every provider), which is the
 * least any ServiceLoader-composed policy pays. The ratio is what deterministic ordering, trust
 * checks, settings and the immutable snapshot add.
 *
 * <pre>{@code
 * benchmarks/run HostPolicyBuild
 * }</pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class HostPolicyBuildBenchmark {

  /** Ours: the full composition. */
  @Benchmark
  public HostPolicy buildMinimal() {
    return HostPolicy.builder().profile("minimal").build();
  }

  /** Anchor: discovering and instantiating the providers with a bare ServiceLoader. */
  @Benchmark
  public List<Object> anchorServiceLoaderDiscovery() {
    List<Object> all = new java.util.ArrayList<>();
    ServiceLoader.load(HostProfile.class).stream().map(ServiceLoader.Provider::get).forEach(all::add);
    ServiceLoader.load(PolicyContributor.class).stream().map(ServiceLoader.Provider::get).forEach(all::add);
    return all;
  }
}
