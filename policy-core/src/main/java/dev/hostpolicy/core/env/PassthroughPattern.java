package dev.hostpolicy.core.env;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One entry of an environment passthrough list: an exact variable name ({@code GITHUB_TOKEN}) or a
 * prefix pattern ({@code AWS_*}). Names use the portable alphabet {@code [A-Za-z_][A-Za-z0-9_]*};
 * a bare {@code *}, an empty prefix, a {@code *} anywhere but at the end, or any other character is
 * rejected, so a typo can never turn into "pass everything".
 *
 * <pre>{@code
 * List<PassthroughPattern> list = PassthroughPattern.parseList("GITHUB_TOKEN,AWS_*");
 * list.get(1).matches("AWS_REGION");   // true
 * list.get(0).matches("GITHUB_TOKEN2"); // false
 * }</pre>
 *
 * @param prefix the exact name, or the prefix before {@code *}
 * @param wildcard whether this entry matches every name starting with {@code prefix}
 */
public record PassthroughPattern(String prefix, boolean wildcard) {

  /** Validates the parts; use {@link #parse(String)} for text. */
  public PassthroughPattern {
    Objects.requireNonNull(prefix, "prefix");
    if (!isName(prefix)) {
      throw new IllegalArgumentException(
          "an environment passthrough entry must be a variable name [A-Za-z_][A-Za-z0-9_]* or NAME_* with a non-empty prefix");
    }
  }

  /**
   * Parses {@code NAME} or {@code PREFIX*}.
   *
   * @throws IllegalArgumentException if the entry is empty, a bare {@code *}, or malformed
   */
  public static PassthroughPattern parse(String entry) {
    Objects.requireNonNull(entry, "entry");
    if (entry.endsWith("*")) {
      return new PassthroughPattern(entry.substring(0, entry.length() - 1), true);
    }
    return new PassthroughPattern(entry, false);
  }

  /**
   * Parses a comma-separated list; empty entries (as in {@code A,,B} or a trailing comma) are
   * errors, not skipped.
   */
  public static List<PassthroughPattern> parseList(String commaSeparated) {
    Objects.requireNonNull(commaSeparated, "commaSeparated");
    List<PassthroughPattern> out = new ArrayList<>();
    for (String entry : commaSeparated.split(",", -1)) {
      out.add(parse(entry));
    }
    return List.copyOf(out);
  }

  /** Whether {@code name} is selected by this entry (case-sensitive, as on POSIX). */
  public boolean matches(String name) {
    return wildcard ? name.startsWith(prefix) : name.equals(prefix);
  }

  /** The entry in its text form, {@code NAME} or {@code PREFIX*}. */
  @Override
  public String toString() {
    return wildcard ? prefix + "*" : prefix;
  }

  private static boolean isName(String s) {
    if (s.isEmpty() || s.length() > 256) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean ok = c == '_' || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (i > 0 && c >= '0' && c <= '9');
      if (!ok) {
        return false;
      }
    }
    return true;
  }
}
