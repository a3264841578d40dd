package dev.hostpolicy.benchmarks.net;

import dev.hostpolicy.core.net.AddressClassifier;
import dev.hostpolicy.core.net.EgressDecision;
import dev.hostpolicy.core.net.EgressPolicy;
import dev.hostpolicy.core.net.EgressTarget;
import dev.hostpolicy.core.net.HostPattern;
import dev.hostpolicy.core.net.IpAddress;
import dev.hostpolicy.core.net.StaticAddressResolver;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * One egress decision ({@code EgressPolicy.check(String)}: parse, deny, allowlist, one in-memory
 * resolution, classification of the answer) with 1, 100 and 10,000 allow patterns, next to its
 * anchor: the same steps with the allowlist searched by a naive linear scan, as a hand-written guard
 * would. The target matches the last pattern, the scan's worst case; no real DNS is involved.
 *
 * <pre>{@code
 * benchmarks/run 'net\.EgressDecisionBenchmark'
 * }</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class EgressDecisionBenchmark {

  /** How many allow patterns the policy holds. */
  @Param({"1", "100", "10000"})
  public int patterns;

  private EgressPolicy policy;
  private List<HostPattern> linear;
  private StaticAddressResolver resolver;
  private String target;

  /** Builds the allowlist: exact hosts and wildcards, alternating; the target matches the last one. */
  @Setup
  public void setUp() {
    List<String> entries = new ArrayList<>();
    for (int i = 0; i < patterns; i++) {
      entries.add(i % 2 == 0 ? "api" + i + ".service" + i + ".example.com" : "*.cdn" + i + ".example.net");
    }
    String last = entries.get(entries.size() - 1);
    String host = last.startsWith("*.") ? "assets.eu." + last.substring(2) : last;
    target = "https://" + host + "/v1/things";
    resolver = StaticAddressResolver.builder().add(host, "93.184.216.34").add(host, "2606:2800:220:1:248:1893:25c8:1946").build();
    policy = EgressPolicy.builder().allowAll(entries).resolver(resolver).build();
    linear = entries.stream().map(HostPattern::parse).toList();
    if (!policy.check(target).allowed() || !anchorLinearScan()) {
      throw new IllegalStateException("the benchmark target must be allowed");
    }
  }

  /** Ours: the hashed index (one probe per label). */
  @Benchmark
  public EgressDecision decide() {
    return policy.check(target);
  }

  /** Anchor: parse, scan every pattern, resolve, classify. */
  @Benchmark
  public boolean anchorLinearScan() {
    EgressTarget t = EgressTarget.parse(target);
    boolean allowed = false;
    for (HostPattern p : linear) {
      if (p.matchesHost(t.host()) && (p.port().isPresent() ? p.port().getAsInt() == t.port() : t.port() == 443 || t.port() == 80)) {
        allowed = true;
        break;
      }
    }
    if (!allowed) {
      return false;
    }
    List<InetAddress> addresses;
    try {
      addresses = resolver.resolve(t.host());
    } catch (UnknownHostException e) {
      return false;
    }
    for (InetAddress a : addresses) {
      if (!AddressClassifier.standard().classify(IpAddress.of(a)).isPublic()) {
        return false;
      }
    }
    return true;
  }
}
