package dev.hostpolicy.benchmarks.net;

import dev.hostpolicy.core.net.AddressClassifier;
import dev.hostpolicy.core.net.IpAddress;
import java.net.InetAddress;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Classifying already-parsed addresses — every IANA special-purpose block, metadata endpoints,
 * embedded IPv4 unwrapped — next to the anchor a user would otherwise write: the JDK's
 * {@code InetAddress.is*()} predicates, which know only loopback, link-local, site-local (RFC 1918),
 * wildcard and multicast and miss shared address space, documentation, benchmarking, reserved,
 * broadcast, unique-local, NAT64, 6to4, Teredo and every metadata endpoint. Per address.
 *
 * <pre>{@code
 * benchmarks/run 'net\.AddressClassificationBenchmark'
 * }</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class AddressClassificationBenchmark {
  static final String[] MIX = {
    "93.184.216.34", "10.1.2.3", "172.20.0.1", "192.168.1.1", "127.0.0.1", "169.254.169.254", "100.64.1.1", "8.8.8.8",
    "192.0.2.10", "198.18.0.1", "224.0.0.251", "255.255.255.255", "0.0.0.0", "240.0.0.1", "1.1.1.1", "140.82.112.6",
    "2606:4700:4700::1111", "::1", "fe80::1", "fd00:ec2::254", "fc00::1", "2001:db8::1", "64:ff9b::a00:1", "64:ff9b::808:808",
    "2002:a00:1::1", "2001:0:4136:e378:8000:63bf:3fff:fdd2", "::ffff:10.0.0.1", "ff02::1", "2a00:1450:4001:80b::200e",
    "2001:4860:4860::8888", "::", "3fff::1"
  };

  private IpAddress[] parsed;
  private InetAddress[] jdk;

  /** Parses the mix once. */
  @Setup
  public void setUp() {
    parsed = new IpAddress[MIX.length];
    jdk = new InetAddress[MIX.length];
    for (int i = 0; i < MIX.length; i++) {
      parsed[i] = IpAddress.parse(MIX[i]);
      jdk[i] = parsed[i].toInetAddress();
    }
  }

  /** Ours: the full classification of each address. */
  @Benchmark
  @OperationsPerInvocation(32)
  public int classify() {
    int nonPublic = 0;
    for (IpAddress a : parsed) {
      if (!AddressClassifier.standard().classify(a).isPublic()) {
        nonPublic++;
      }
    }
    return nonPublic;
  }

  /** Anchor: the JDK predicates a hand-written SSRF check usually combines. */
  @Benchmark
  @OperationsPerInvocation(32)
  public int anchorJdkPredicates() {
    int nonPublic = 0;
    for (InetAddress a : jdk) {
      if (a.isAnyLocalAddress() || a.isLoopbackAddress() || a.isLinkLocalAddress() || a.isSiteLocalAddress()
          || a.isMulticastAddress()) {
        nonPublic++;
      }
    }
    return nonPublic;
  }
}
