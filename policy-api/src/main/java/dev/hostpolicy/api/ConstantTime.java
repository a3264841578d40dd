package dev.hostpolicy.api;

import java.util.Objects;

/**
 * Comparisons whose running time does not depend on where two values differ.
 *
 * <p><b>Argument order matters.</b> The first argument is the <em>expected</em> value (the secret the
 * host holds); the second is the <em>candidate</em> (what a client sent). The loop always walks the
 * whole expected value, so the time taken depends only on the expected value's length, never on the
 * candidate's content or on the position of the first difference. A candidate of a different length
 * (including empty or {@code null}) still walks the expected value and compares it against zeros,
 * so a short guess does not finish early and does not reveal the expected length through an early
 * return.
 *
 * <pre>{@code
 * byte[] expected = secret.reveal();
 * boolean ok = ConstantTime.equals(expected, presentedBytes);
 * }</pre>
 *
 * <p>Equal-length {@code byte[]} comparison is what {@link java.security.MessageDigest#isEqual} does
 * too; this class adds the documented argument contract, {@code null} handling and a {@code char}
 * variant that needs no encoding step (so no allocation on a request path).
 */
public final class ConstantTime {
  private ConstantTime() {}

  /**
   * Whether {@code candidate} equals {@code expected}, in time that depends only on
   * {@code expected.length}. A {@code null} candidate is treated as empty.
   *
   * @param expected the value the host holds; must not be {@code null}
   * @param candidate the value presented by the other side
   */
  public static boolean equals(byte[] expected, byte[] candidate) {
    Objects.requireNonNull(expected, "expected");
    byte[] other = candidate == null ? EMPTY : candidate;
    int n = other.length;
    int diff = expected.length ^ n;
    for (int i = 0; i < expected.length; i++) {
      // The index select depends only on the candidate's own length, which the caller already knows.
      int b = i < n ? other[i] : ~expected[i];
      diff |= expected[i] ^ b;
    }
    return diff == 0;
  }

  /**
   * Whether {@code candidate} equals {@code expected} char for char, in time that depends only on
   * {@code expected.length()}. A {@code null} candidate is treated as empty.
   *
   * @param expected the value the host holds; must not be {@code null}
   * @param candidate the value presented by the other side
   */
  public static boolean equals(CharSequence expected, CharSequence candidate) {
    Objects.requireNonNull(expected, "expected");
    CharSequence other = candidate == null ? "" : candidate;
    int n = other.length();
    int len = expected.length();
    int diff = len ^ n;
    for (int i = 0; i < len; i++) {
      char e = expected.charAt(i);
      int c = i < n ? other.charAt(i) : ~e;
      diff |= e ^ c;
    }
    return diff == 0;
  }

  private static final byte[] EMPTY = new byte[0];
}
