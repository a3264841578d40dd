package dev.hostpolicy.core.token;

import java.util.Objects;

/**
 * The id of one run of a workflow or child process, used in the pid registry, the audit log and file
 * names: {@value #PREFIX} followed by 12 random bytes (96 bits) as {@value #RANDOM_CHARS} base64url
 * characters — safe as a file name and never starting with {@code -}. {@link #parse} accepts exactly
 * that.
 *
 * <pre>{@code
 * RunId run = RunId.generate();                       // "run_5mQ0bX-wq1Lz9AcE"
 * Path record = dataDir.resolve("runs").resolve(run + ".json");
 * RunId back = RunId.parse(fileStem);                  // IllegalArgumentException if malformed
 * }</pre>
 *
 * @param value the id text, {@code run_} included
 */
public record RunId(String value) {

  /** The fixed prefix. */
  public static final String PREFIX = "run_";

  /** Random characters after the prefix. */
  public static final int RANDOM_CHARS = 16;

  /** Random bits in a run id. */
  public static final int RANDOM_BITS = 96;

  /**
   * Validates the grammar.
   *
   * @throws IllegalArgumentException if {@code value} is not {@code run_} and 16 base64url characters
   */
  public RunId {
    Objects.requireNonNull(value, "value");
    IdGrammar.require(value, PREFIX, RANDOM_CHARS, "run id");
  }

  /** A fresh random run id. */
  public static RunId generate() {
    return new RunId(PREFIX + TokenMint.randomBase64Url(RANDOM_BITS / 8));
  }

  /**
   * Parses a run id.
   *
   * @throws IllegalArgumentException if malformed (the message does not echo the text)
   */
  public static RunId parse(String text) {
    return new RunId(text);
  }

  /** Whether {@code text} is a well-formed run id. */
  public static boolean isValid(CharSequence text) {
    return IdGrammar.matches(text, PREFIX, RANDOM_CHARS);
  }

  /** The id text. */
  @Override
  public String toString() {
    return value;
  }
}
