package dev.hostpolicy.core.token;

import java.util.Objects;

/**
 * The id of a webhook trigger, the unguessable part of {@code POST /hooks/<id>}: 18 random bytes
 * (144 bits) as exactly {@value #LENGTH} base64url characters {@code [A-Za-z0-9_-]}, safe in a URL
 * path without escaping. {@link #parse} and the constructor accept nothing else (no padding, no
 * whitespace, no other length).
 *
 * <pre>{@code
 * TriggerId id = TriggerId.generate();
 * String url = "/hooks/" + id;                   // toString() is the value
 * TriggerId back = TriggerId.parse(pathSegment);   // IllegalArgumentException if malformed
 * boolean ok = TriggerId.isValid(pathSegment);
 * }</pre>
 *
 * @param value the id text
 */
public record TriggerId(String value) {

  /** Characters of a trigger id. */
  public static final int LENGTH = 24;

  /** Random bits in a trigger id. */
  public static final int RANDOM_BITS = 144;

  /**
   * Validates the grammar.
   *
   * @throws IllegalArgumentException if {@code value} is not {@value #LENGTH} base64url characters
   */
  public TriggerId {
    Objects.requireNonNull(value, "value");
    IdGrammar.require(value, "", LENGTH, "trigger id");
  }

  /** A fresh random trigger id. */
  public static TriggerId generate() {
    return new TriggerId(TokenMint.randomBase64Url(RANDOM_BITS / 8));
  }

  /**
   * Parses a trigger id.
   *
   * @throws IllegalArgumentException if malformed (the message does not echo the text)
   */
  public static TriggerId parse(String text) {
    return new TriggerId(text);
  }

  /** Whether {@code text} is a well-formed trigger id. */
  public static boolean isValid(CharSequence text) {
    return IdGrammar.matches(text, "", LENGTH);
  }

  /** The id text. */
  @Override
  public String toString() {
    return value;
  }
}
