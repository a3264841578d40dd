package dev.hostpolicy.core.validate;

import dev.hostpolicy.api.Decision;
import dev.hostpolicy.api.PolicyViolationException;
import java.text.Normalizer;
import java.util.Locale;
import java.util.Objects;

/**
 * Slug ids: what a provisioner uses as a box name, a directory or a DNS label. A valid slug is
 * non-empty, at most {@value #DEFAULT_MAX_LENGTH} characters by default (a DNS label), made of
 * {@code [a-z0-9]} runs joined by single hyphens: no upper case, no leading, trailing or doubled
 * hyphen, nothing else. Reason codes: {@code validate.slug.empty}, {@code validate.slug.too-long},
 * {@code validate.slug.invalid-character}, {@code validate.slug.edge-hyphen},
 * {@code validate.slug.double-hyphen}.
 *
 * <p>{@link #slugify(String)} turns free text into a valid slug: compatibility decomposition
 * (NFKD), accents dropped, lower case, every run of other characters collapsed to one hyphen,
 * hyphens trimmed, cut to the length bound. Text with nothing usable left is an error, never an
 * empty or made-up id.
 *
 * <pre>{@code
 * Slugs.check("my-box-2").allowed();        // true
 * Slugs.check("My_Box").reason();           // validate.slug.invalid-character
 * Slugs.slugify("  Café Déjà-Vu!! ");       // "cafe-deja-vu"
 * }</pre>
 */
public final class Slugs {
  private Slugs() {}

  /** The default length bound: one DNS label. */
  public static final int DEFAULT_MAX_LENGTH = 63;

  /** Checks {@code slug} against the default length bound. */
  public static Decision check(String slug) {
    return check(slug, DEFAULT_MAX_LENGTH);
  }

  /** Checks {@code slug} against {@code maxLength} (at least 1). */
  public static Decision check(String slug, int maxLength) {
    Objects.requireNonNull(slug, "slug");
    requireBound(maxLength);
    if (slug.isEmpty()) {
      return Decision.deny("validate.slug.empty", "the slug is empty");
    }
    if (slug.length() > maxLength) {
      return Decision.deny("validate.slug.too-long", "the slug is longer than " + maxLength + " characters");
    }
    for (int i = 0; i < slug.length(); i++) {
      char c = slug.charAt(i);
      if (!isSlugChar(c) && c != '-') {
        return Decision.deny("validate.slug.invalid-character",
            String.format("character U+%04X at index %d is not one of [a-z0-9-]", (int) c, i));
      }
    }
    if (slug.charAt(0) == '-' || slug.charAt(slug.length() - 1) == '-') {
      return Decision.deny("validate.slug.edge-hyphen", "the slug starts or ends with a hyphen");
    }
    if (slug.contains("--")) {
      return Decision.deny("validate.slug.double-hyphen", "the slug has two hyphens in a row");
    }
    return Decision.allow();
  }

  /**
   * Returns {@code slug} if it is valid under the default bound.
   *
   * @throws PolicyViolationException with the reason code otherwise
   */
  public static String require(String slug) {
    check(slug).requireAllowed();
    return slug;
  }

  /** {@link #slugify(String, int)} with the default length bound. */
  public static String slugify(String text) {
    return slugify(text, DEFAULT_MAX_LENGTH);
  }

  /**
   * Turns free text into a valid slug of at most {@code maxLength} characters.
   *
   * @throws PolicyViolationException ({@code validate.slug.empty}) if no letter or digit is left
   */
  public static String slugify(String text, int maxLength) {
    Objects.requireNonNull(text, "text");
    requireBound(maxLength);
    String decomposed = Normalizer.normalize(text, Normalizer.Form.NFKD);
    StringBuilder out = new StringBuilder(Math.min(decomposed.length(), maxLength + 1));
    boolean pendingHyphen = false;
    for (int i = 0; i < decomposed.length() && out.length() < maxLength; ) {
      int cp = decomposed.codePointAt(i);
      i += Character.charCount(cp);
      if (Character.getType(cp) == Character.NON_SPACING_MARK) {
        continue;
      }
      char c = cp < 128 ? Character.toLowerCase((char) cp) : 0;
      if (c != 0 && isSlugChar(c)) {
        if (pendingHyphen && out.length() > 0) {
          if (out.length() + 2 > maxLength) {
            break; // no room for a hyphen and a character: cut at the word boundary
          }
          out.append('-');
        }
        pendingHyphen = false;
        out.append(c);
      } else {
        pendingHyphen = true;
      }
    }
    if (out.length() == 0) {
      throw new PolicyViolationException("validate.slug.empty", "no letter or digit to make a slug from");
    }
    return out.toString();
  }

  private static boolean isSlugChar(char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
  }

  private static void requireBound(int maxLength) {
    if (maxLength < 1) {
      throw new IllegalArgumentException("maxLength must be at least 1");
    }
  }
}
