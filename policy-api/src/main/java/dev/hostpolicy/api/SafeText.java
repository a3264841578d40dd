package dev.hostpolicy.api;

/**
 * Makes text that may hold attacker-chosen characters safe to put into a log line, an exception
 * message or a decision detail: control characters (C0, DEL, C1, U+2028/U+2029) and lone
 * surrogates become visible {@code \\uHHHH} escapes, and the result is capped in length.
 *
 * <pre>{@code
 * String detail = SafeText.clean("evil\r\nInjected: yes", 200); // "evil\u000d\u000aInjected: yes"
 * }</pre>
 */
public final class SafeText {
  private SafeText() {}

  /**
   * Returns {@code text} with every control character and lone surrogate escaped, truncated to
   * at most {@code maxChars} characters (an ellipsis marks a cut).
   */
  public static String clean(CharSequence text, int maxChars) {
    if (text == null) {
      return "";
    }
    StringBuilder out = new StringBuilder(Math.min(text.length(), maxChars) + 8);
    for (int i = 0; i < text.length(); i++) {
      if (out.length() >= maxChars) {
        out.append('\u2026');
        break;
      }
      char c = text.charAt(i);
      boolean lone = false;
      if (Character.isHighSurrogate(c)) {
        if (i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
          out.append(c).append(text.charAt(++i));
          continue;
        }
        lone = true;
      } else if (Character.isLowSurrogate(c)) {
        lone = true;
      }
      if (lone || c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == '\u2028' || c == '\u2029') {
        out.append(String.format("\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }
}
