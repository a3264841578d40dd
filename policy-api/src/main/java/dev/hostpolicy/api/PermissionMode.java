package dev.hostpolicy.api;

import java.util.Locale;
import java.util.Objects;

/**
 * How much autonomy a host grants one kind of action (a file edit, a shell command, a web fetch, ...):
 * {@link #DENY}, {@link #ASK} (an interactive approver decides; with none, it is a denial) or
 * {@link #AUTO}. The constants are declared <b>strictest first</b>, so a
 * {@link dev.hostpolicy.api.spi.PolicyKey#ordered ordered} policy key over them treats any move
 * towards {@code AUTO} as a loosening that needs the host's trust.
 *
 * <pre>{@code
 * PermissionMode mode = PermissionMode.parse("ask");
 * mode.isStricterThan(PermissionMode.AUTO);          // true
 * PermissionMode.stricter(PermissionMode.AUTO, mode); // ASK
 * }</pre>
 */
public enum PermissionMode {
  /** Never allowed. */
  DENY,
  /** Allowed only when an interactive approver says yes; without one, denied. */
  ASK,
  /** Allowed without asking. */
  AUTO;

  /** The lower-case name used in manifests, settings and {@code describe()}: {@code deny}, {@code ask}, {@code auto}. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Whether this mode grants less than {@code other}. */
  public boolean isStricterThan(PermissionMode other) {
    return ordinal() < Objects.requireNonNull(other, "other").ordinal();
  }

  /** The stricter of two modes. */
  public static PermissionMode stricter(PermissionMode a, PermissionMode b) {
    return Objects.requireNonNull(a, "a").ordinal() <= Objects.requireNonNull(b, "b").ordinal() ? a : b;
  }

  /**
   * Parses a wire name ({@code deny}, {@code ask}, {@code auto}; exact, lower case).
   *
   * @throws IllegalArgumentException for anything else (the message does not echo the text)
   */
  public static PermissionMode parse(String text) {
    Objects.requireNonNull(text, "text");
    for (PermissionMode m : values()) {
      if (m.wireName().equals(text)) {
        return m;
      }
    }
    throw new IllegalArgumentException("a permission mode is one of deny, ask, auto");
  }

  /** The wire name, so {@code describe()} shows {@code "ask"}. */
  @Override
  public String toString() {
    return wireName();
  }
}
