package dev.hostpolicy.core.token;

import java.util.Objects;

/**
 * A correlation id that ties the audit lines, log lines and child processes of one request or run
 * together: {@value #PREFIX} followed by 12 random bytes (96 bits) as {@value #RANDOM_CHARS} base64url
 * characters. {@link #parse} accepts exactly that.
 *
 * <pre>{@code
 * CorrelationId cid = CorrelationId.generate();        // "cid_Jx0q3W-dZk1pQbfA"
 * childEnv.put("HOSTPOLICY_CORRELATION_ID", cid.value());
 * CorrelationId back = CorrelationId.parse(header);     // IllegalArgumentException if malformed
 * }</pre>
 *
 * @param value the id text, {@code cid_} included
 */
public record CorrelationId(String value) {

  /** The fixed prefix. */
  public static final String PREFIX = "cid_";

  /** Random characters after the prefix. */
  public static final int RANDOM_CHARS = 16;

  /** Random bits in a correlation id. */
  public static final int RANDOM_BITS = 96;

  /**
   * Validates the grammar.
   *
   * @throws IllegalArgumentException if {@code value} is not {@code cid_} and 16 base64url characters
   */
  public CorrelationId {
    Objects.requireNonNull(value, "value");
    IdGrammar.require(value, PREFIX, RANDOM_CHARS, "correlation id");
  }

  /** A fresh random correlation id. */
  public static CorrelationId generate() {
    return new CorrelationId(PREFIX + TokenMint.randomBase64Url(RANDOM_BITS / 8));
  }

  /**
   * Parses a correlation id.
   *
   * @throws IllegalArgumentException if malformed (the message does not echo the text)
   */
  public static CorrelationId parse(String text) {
    return new CorrelationId(text);
  }

  /** Whether {@code text} is a well-formed correlation id. */
  public static boolean isValid(CharSequence text) {
    return IdGrammar.matches(text, PREFIX, RANDOM_CHARS);
  }

  /** The id text. */
  @Override
  public String toString() {
    return value;
  }
}
