package dev.hostpolicy.benchmarks.token;

import dev.hostpolicy.api.Secret;
import dev.hostpolicy.core.token.TokenFormat;
import dev.hostpolicy.core.token.TokenMint;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Minting a token: {@link TokenMint#mint()} (32 bytes, base64url, wrapped in a {@link Secret}, the
 * intermediate arrays zeroed) and the prefixed form with its CRC-32 checksum, next to the anchor a
 * user would write — {@code nextBytes} on a {@link SecureRandom} of the same algorithm plus
 * {@code Base64.getUrlEncoder().withoutPadding().encodeToString}.
 *
 * <pre>{@code
 * benchmarks/run 'TokenMint'
 * }</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class TokenMintBenchmark {

  private SecureRandom random;
  private final Base64.Encoder encoder = Base64.getUrlEncoder().withoutPadding();
  private final TokenFormat prefixed = TokenFormat.prefixed("hp");

  /** The anchor uses the algorithm TokenMint chose, so the ratio compares like with like. */
  @Setup
  public void setUp() throws NoSuchAlgorithmException {
    random = SecureRandom.getInstance(TokenMint.algorithm());
  }

  /** Ours: a plain token as a {@code Secret}. */
  @Benchmark
  public Secret mint() {
    return TokenMint.mint();
  }

  /** Ours: a {@code hp_<body><checksum>} token as a {@code Secret}. */
  @Benchmark
  public Secret mintPrefixed() {
    return prefixed.mint();
  }

  /** Anchor: {@code SecureRandom.nextBytes} of 32 bytes, base64url-encoded to a String. */
  @Benchmark
  public String anchorSecureRandomAndBase64() {
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    return encoder.encodeToString(bytes);
  }
}
