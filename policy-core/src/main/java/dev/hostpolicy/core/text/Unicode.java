package dev.hostpolicy.core.text;

/** Shared checks of the escapers: surrogate pairing and hex digits. */
final class Unicode {
  private Unicode() {}

  private static final char[] HEX = "0123456789abcdef".toCharArray();

  /**
   * Checks the surrogate at {@code i}: a high surrogate followed by a low one is a pair (returns
   * the index of its second half); anything else is a lone surrogate.
   */
  static int pairEnd(String s, int i, EscapeForm form) {
    char c = s.charAt(i);
    if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
      return i + 1;
    }
    throw new UnescapableTextException(UnescapableTextException.LONE_SURROGATE, form, i);
  }

  static UnescapableTextException nul(EscapeForm form, int i) {
    return new UnescapableTextException(UnescapableTextException.NUL, form, i);
  }

  /** Appends {@code prefix} and the low {@code digits} hex digits of {@code value}, lowercase. */
  static void hex(StringBuilder out, String prefix, int value, int digits) {
    out.append(prefix);
    for (int shift = (digits - 1) * 4; shift >= 0; shift -= 4) {
      out.append(HEX[(value >>> shift) & 0xf]);
    }
  }

  /**
   * A Unicode noncharacter: U+FDD0–U+FDEF and the last two code points of every plane (U+FFFE,
   * U+FFFF, U+1FFFE, …). Some parsers treat U+FFFF as end of input.
   */
  static boolean isNoncharacter(int codePoint) {
    return (codePoint >= 0xfdd0 && codePoint <= 0xfdef) || (codePoint & 0xfffe) == 0xfffe;
  }

  /** Unicode general category Cf (format): bidi controls, zero-width characters, BOM, tags. */
  static boolean isFormat(int codePoint) {
    return Character.getType(codePoint) == Character.FORMAT;
  }
}
