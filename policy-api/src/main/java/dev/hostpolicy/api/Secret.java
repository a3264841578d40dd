package dev.hostpolicy.api;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;
import java.util.function.Function;
import javax.security.auth.Destroyable;

/**
 * Secret bytes — an API token, a webhook signing key, a proxy password — held so that they cannot
 * leak by accident.
 *
 * <ul>
 *   <li>{@link #toString()} is always {@value #REDACTED}; so is every exception and description
 *       HostPolicy produces that involves a secret.
 *   <li>There is no accidental equality: {@code equals} is identity. Compare a presented value with
 *       {@link #matches(byte[])}, which runs in constant time.
 *   <li>{@link #destroy()} zeroes the bytes; afterwards every use fails.
 *   <li>{@link #reveal()} hands out a copy, named so that every place that needs the raw bytes is
 *       easy to find in review.
 * </ul>
 *
 * <pre>{@code
 * Secret token = Secret.fromUtf8(System.getenv("INFLOOP_API_TOKEN"));
 * if (!token.matches(presented)) {
 *   throw new PolicyViolationException("auth.invalid-token", "bearer token does not match");
 * }
 * log.log(INFO, "token: " + token); // logs "token: [redacted]"
 * }</pre>
 */
public final class Secret implements Destroyable {

  /** The text that stands in for any secret value. */
  public static final String REDACTED = "[redacted]";

  private final byte[] value;
  private volatile boolean destroyed;

  private Secret(byte[] value) {
    this.value = value;
  }

  /**
   * A secret holding a copy of {@code bytes}.
   *
   * @throws IllegalArgumentException if {@code bytes} is empty — an empty secret would match an
   *     empty presented value
   */
  public static Secret of(byte[] bytes) {
    Objects.requireNonNull(bytes, "bytes");
    if (bytes.length == 0) {
      throw new IllegalArgumentException("a secret cannot be empty");
    }
    return new Secret(bytes.clone());
  }

  /**
   * A secret holding the UTF-8 encoding of {@code text}.
   *
   * @throws IllegalArgumentException if {@code text} is empty or holds a lone surrogate (which has no
   *     UTF-8 encoding and would otherwise be silently replaced)
   */
  public static Secret fromUtf8(CharSequence text) {
    Objects.requireNonNull(text, "text");
    try {
      ByteBuffer encoded =
          StandardCharsets.UTF_8
              .newEncoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .encode(CharBuffer.wrap(text));
      byte[] bytes = new byte[encoded.remaining()];
      encoded.get(bytes);
      if (encoded.hasArray()) {
        Arrays.fill(encoded.array(), (byte) 0);
      }
      if (bytes.length == 0) {
        throw new IllegalArgumentException("a secret cannot be empty");
      }
      return new Secret(bytes);
    } catch (CharacterCodingException e) {
      throw new IllegalArgumentException("a secret must be valid Unicode text");
    }
  }

  /** Number of secret bytes. */
  public int length() {
    checkLive();
    return value.length;
  }

  /**
   * Whether {@code candidate} equals this secret, in time that depends only on this secret's length.
   * Returns {@code false} once the secret is destroyed.
   */
  public boolean matches(byte[] candidate) {
    if (destroyed) {
      return false;
    }
    boolean equal = ConstantTime.equals(value, candidate);
    return equal && !destroyed;
  }

  /**
   * Whether the UTF-8 encoding of {@code candidate} equals this secret, in time that depends only on
   * this secret's length and the candidate's length.
   *
   * <p>The candidate is encoded on the fly and compared byte by byte, with no allocation and no exit
   * on content; a candidate whose encoding is shorter than the secret still walks the rest of the
   * secret. Encoding is strict: a candidate holding a lone surrogate (which has no UTF-8 encoding)
   * never matches, rather than being encoded with a replacement character that could equal a secret
   * containing {@code ?}.
   */
  public boolean matches(CharSequence candidate) {
    if (destroyed) {
      return false;
    }
    if (candidate == null) {
      return matches((byte[]) null);
    }
    byte[] v = value;
    int n = candidate.length();
    int diff = 0;
    boolean wellFormed = true;
    int j = 0;
    for (int i = 0; i < n; i++) {
      char c = candidate.charAt(i);
      if (c < 0x80) {
        diff |= at(v, j++) ^ c;
      } else if (c < 0x800) {
        diff |= at(v, j++) ^ (0xc0 | (c >> 6));
        diff |= at(v, j++) ^ (0x80 | (c & 0x3f));
      } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(candidate.charAt(i + 1))) {
        int cp = Character.toCodePoint(c, candidate.charAt(++i));
        diff |= at(v, j++) ^ (0xf0 | (cp >> 18));
        diff |= at(v, j++) ^ (0x80 | ((cp >> 12) & 0x3f));
        diff |= at(v, j++) ^ (0x80 | ((cp >> 6) & 0x3f));
        diff |= at(v, j++) ^ (0x80 | (cp & 0x3f));
      } else if (Character.isSurrogate(c)) {
        wellFormed = false; // a lone surrogate: keep walking, never match
        diff |= at(v, j++) ^ 0x100;
      } else {
        diff |= at(v, j++) ^ (0xe0 | (c >> 12));
        diff |= at(v, j++) ^ (0x80 | ((c >> 6) & 0x3f));
        diff |= at(v, j++) ^ (0x80 | (c & 0x3f));
      }
    }
    diff |= v.length ^ j;
    // an encoding shorter than the secret: walk the rest with comparable, unfoldable work
    for (int k = Math.min(j, v.length); k < v.length; k++) {
      diff |= v[k] ^ (v[k] + 1);
    }
    return diff == 0 & wellFormed & !destroyed;
  }

  /** The unsigned byte at {@code j}, or 0x100 (equal to no byte) past the end. */
  private static int at(byte[] v, int j) {
    return j < v.length ? v[j] & 0xff : 0x100;
  }

  /** Whether {@code other} holds the same bytes, in constant time. */
  public boolean matches(Secret other) {
    if (other == null || other.destroyed) {
      return false;
    }
    return matches(other.value);
  }

  /**
   * A copy of the secret bytes. The caller owns the copy and should zero it when done.
   *
   * @throws IllegalStateException if the secret was destroyed
   */
  public byte[] reveal() {
    checkLive();
    return value.clone();
  }

  /**
   * The secret decoded as UTF-8 text (for an API that only takes strings). Prefer {@link #reveal()}.
   *
   * @throws IllegalStateException if the secret was destroyed
   */
  public String revealUtf8() {
    checkLive();
    return new String(value, StandardCharsets.UTF_8);
  }

  /**
   * Applies {@code use} to a temporary copy of the bytes and zeroes the copy afterwards.
   *
   * @throws IllegalStateException if the secret was destroyed
   */
  public <R> R withBytes(Function<byte[], R> use) {
    byte[] copy = reveal();
    try {
      return use.apply(copy);
    } finally {
      Arrays.fill(copy, (byte) 0);
    }
  }

  /** Zeroes the secret bytes. Idempotent. */
  @Override
  public void destroy() {
    destroyed = true;
    Arrays.fill(value, (byte) 0);
  }

  @Override
  public boolean isDestroyed() {
    return destroyed;
  }

  /** Always {@value #REDACTED}. */
  @Override
  public String toString() {
    return REDACTED;
  }

  private void checkLive() {
    if (destroyed) {
      throw new IllegalStateException("secret was destroyed");
    }
  }
}
