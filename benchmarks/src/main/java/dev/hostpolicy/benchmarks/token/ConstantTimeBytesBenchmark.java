package dev.hostpolicy.benchmarks.token;

import dev.hostpolicy.api.ConstantTime;
import dev.hostpolicy.api.Secret;
import java.security.MessageDigest;
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
 * Comparing a presented 32-byte value with the expected one: {@link ConstantTime#equals(byte[], byte[])}
 * and {@link Secret#matches(byte[])} next to the anchor {@link MessageDigest#isEqual}. The
 * {@code mismatch} parameter puts the first difference at the first byte, the last byte, or nowhere;
 * a constant-time comparison shows the same time for all three.
 *
 * <pre>{@code
 * benchmarks/run 'ConstantTimeBytes'
 * }</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ConstantTimeBytesBenchmark {

  /** Where the candidate first differs from the expected value. */
  @Param({"first", "last", "none"})
  public String mismatch;

  private byte[] expected;
  private byte[] candidate;
  private Secret secret;

  /** Builds the two values. */
  @Setup
  public void setUp() {
    expected = new byte[32];
    for (int i = 0; i < expected.length; i++) {
      expected[i] = (byte) (i * 37 + 11);
    }
    candidate = expected.clone();
    if (mismatch.equals("first")) {
      candidate[0] ^= 1;
    } else if (mismatch.equals("last")) {
      candidate[31] ^= 1;
    }
    secret = Secret.of(expected);
  }

  /** Ours: {@code ConstantTime.equals(expected, candidate)}. */
  @Benchmark
  public boolean constantTimeEquals() {
    return ConstantTime.equals(expected, candidate);
  }

  /** Ours: {@code Secret.matches(candidate)} (checks destruction, then the same loop). */
  @Benchmark
  public boolean secretMatches() {
    return secret.matches(candidate);
  }

  /** Anchor: the JDK's constant-time {@code MessageDigest.isEqual}. */
  @Benchmark
  public boolean anchorMessageDigestIsEqual() {
    return MessageDigest.isEqual(expected, candidate);
  }
}
