package dev.hostpolicy.benchmarks.token;

import dev.hostpolicy.api.ConstantTime;
import dev.hostpolicy.api.Secret;
import java.nio.charset.StandardCharsets;
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
 * Comparing a presented 43-character token (as it arrives in a header, a {@code String}) with the
 * expected one. Ours: {@link ConstantTime#equals(CharSequence, CharSequence)} on the strings, and
 * {@link Secret#matches(CharSequence)}. Anchors: {@link MessageDigest#isEqual} on bytes encoded
 * beforehand (the comparison alone — the strictest anchor) and on the candidate encoded per call
 * (what a user holding a {@code String} would have to do).
 *
 * <pre>{@code
 * benchmarks/run 'ConstantTimeChars'
 * }</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ConstantTimeCharsBenchmark {

  /** Where the candidate first differs from the expected value. */
  @Param({"first", "last", "none"})
  public String mismatch;

  private String expected;
  private String candidate;
  private byte[] expectedBytes;
  private byte[] candidateBytes;
  private Secret secret;

  /** Builds the two tokens. */
  @Setup
  public void setUp() {
    String token = "q3Wd-5mQ0bX_wq1Lz9AcEJx0q3W-dZk1pQbfAe8Lw2m";
    expected = new String(token.toCharArray());
    char[] c = token.toCharArray();
    if (mismatch.equals("first")) {
      c[0] = 'Z';
    } else if (mismatch.equals("last")) {
      c[42] = 'Z';
    }
    candidate = new String(c);
    expectedBytes = expected.getBytes(StandardCharsets.US_ASCII);
    candidateBytes = candidate.getBytes(StandardCharsets.US_ASCII);
    secret = Secret.fromUtf8(expected);
  }

  /** Ours: {@code ConstantTime.equals(expected, candidate)} on the strings, no encoding. */
  @Benchmark
  public boolean constantTimeEquals() {
    return ConstantTime.equals(expected, candidate);
  }

  /** Ours: {@code Secret.matches(candidate)}: strict UTF-8 encoding of the candidate, then the byte loop. */
  @Benchmark
  public boolean secretMatchesText() {
    return secret.matches(candidate);
  }

  /** Anchor: {@code MessageDigest.isEqual} on bytes encoded beforehand (the comparison alone). */
  @Benchmark
  public boolean anchorMessageDigestIsEqual() {
    return MessageDigest.isEqual(expectedBytes, candidateBytes);
  }

  /** Anchor: {@code MessageDigest.isEqual} encoding the presented string per call, as a user would. */
  @Benchmark
  public boolean anchorMessageDigestIsEqualEncodingCandidate() {
    return MessageDigest.isEqual(expectedBytes, candidate.getBytes(StandardCharsets.US_ASCII));
  }
}
