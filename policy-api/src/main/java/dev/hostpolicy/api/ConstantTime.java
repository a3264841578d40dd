package dev.hostpolicy.api;

import java.util.Objects;

/**
 * Comparisons whose running time does not depend on where two values differ.
 *
 * <p><b>Argument order matters.</b> The first argument is the <em>expected</em> value (the secret the
 * host holds); the second is the <em>candidate</em> (what a client sent). The loop always walks the
 * whole expected value, so the time taken depends only on the expected value's length, never on the
 * candidate's content or on the position of the first difference. A candidate of a different length
 * (including empty or {@code null}) still walks the whole expected value, doing the same work per
 * element, so a short guess does not finish early, and no early return on a length mismatch tells a
 * guesser which length is right. (The total time reflects the expected length, which for HostPolicy's
 * tokens is public anyway: 43 characters.)
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
    int len = expected.length;
    int common = Math.min(len, other.length);
    int diff = len ^ other.length;
    // the common part: a branch-free reduction (no exit on content; the JIT may unroll it)
    for (int i = 0; i < common; i++) {
      diff |= expected[i] ^ other[i];
    }
    // a shorter candidate: keep walking the expected value, doing comparable work per byte, so the
    // time depends on the expected length only (x ^ (x + 1) is never 0 and cannot be folded away)
    for (int i = common; i < len; i++) {
      diff |= expected[i] ^ (expected[i] + 1);
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
    int len = expected.length();
    int common = Math.min(len, other.length());
    int diff = len ^ other.length();
    for (int i = 0; i < common; i++) {
      diff |= expected.charAt(i) ^ other.charAt(i);
    }
    for (int i = common; i < len; i++) {
      char e = expected.charAt(i);
      diff |= e ^ (e + 1);
    }
    return diff == 0;
  }

  /**
   * Whether {@code candidate}'s chars equal {@code expected}'s bytes read as Latin-1 ({@code c ==
   * (b & 0xff)}; for an ASCII value, plain text equality), in time that depends only on
   * {@code expected.length}. For a value held as ASCII bytes and compared with text from a request
   * (a cookie value, a header), without encoding the text first. A {@code null} candidate is treated
   * as empty.
   *
   * @param expected the value the host holds, as bytes; must not be {@code null}
   * @param candidate the text presented by the other side
   */
  public static boolean equalsLatin1(byte[] expected, CharSequence candidate) {
    Objects.requireNonNull(expected, "expected");
    CharSequence other = candidate == null ? "" : candidate;
    int len = expected.length;
    int common = Math.min(len, other.length());
    int diff = len ^ other.length();
    for (int i = 0; i < common; i++) {
      diff |= (expected[i] & 0xff) ^ other.charAt(i);
    }
    for (int i = common; i < len; i++) {
      diff |= expected[i] ^ (expected[i] + 1);
    }
    return diff == 0;
  }

  private static final byte[] EMPTY = new byte[0];
}
