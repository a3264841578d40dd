package dev.hostpolicy.benchmarks.net;

import com.google.common.net.InetAddresses;
import dev.hostpolicy.core.net.AddressClassifier;
import dev.hostpolicy.core.net.IpAddress;
import java.net.InetAddress;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;

/**
 * From text to verdict: the strict parser plus full classification, next to the anchor Guava
 * {@code InetAddresses.forString} plus the JDK's {@code is*()} predicates (which miss most
 * special-purpose blocks; see {@link AddressClassificationBenchmark}). Per address.
 *
 * <pre>{@code
 * benchmarks/run 'net\.AddressParseAndClassifyBenchmark'
 * }</pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class AddressParseAndClassifyBenchmark {

  /** Ours: strict parse, then classify. */
  @Benchmark
  @OperationsPerInvocation(32)
  public int parseAndClassify() {
    int nonPublic = 0;
    for (String s : AddressClassificationBenchmark.MIX) {
      if (!AddressClassifier.standard().classify(IpAddress.parse(s)).isPublic()) {
        nonPublic++;
      }
    }
    return nonPublic;
  }

  /** Anchor: Guava's parser and the JDK predicates. */
  @Benchmark
  @OperationsPerInvocation(32)
  public int anchorGuavaForStringAndJdkPredicates() {
    int nonPublic = 0;
    for (String s : AddressClassificationBenchmark.MIX) {
      InetAddress a = InetAddresses.forString(s);
      if (a.isAnyLocalAddress() || a.isLoopbackAddress() || a.isLinkLocalAddress() || a.isSiteLocalAddress()
          || a.isMulticastAddress()) {
        nonPublic++;
      }
    }
    return nonPublic;
  }
}
