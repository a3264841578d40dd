package dev.hostpolicy.core.text;

/**
 * Escaping for the content of a JavaScript string literal, between single quotes, double quotes
 * or backticks, in a {@code .js} file or inside an HTML {@code <script>} element.
 *
 * <p>The rule: {@code \} becomes {@code \\}; the quotes {@code "} {@code '} and backtick, and
 * {@code $}, {@code <}, {@code >} and {@code &} become {@code \xHH}, so the text can close no
 * literal, start no template substitution, and neither {@code </script} nor {@code <!--} nor
 * {@code -->} nor {@code ]]>} can appear in the output; LF, CR and TAB become {@code \n},
 * {@code \r}, {@code \t}; every other C0 control, DEL and every C1 control becomes {@code \xHH}
 * (U+0000 is {@code \x00}, never {@code \0}, which a following digit would turn into an octal
 * escape); the line terminators U+2028 and U+2029 and every format character (Unicode category
 * Cf: bidi overrides, zero-width characters, the BOM, tag characters) and every noncharacter
 * (U+FDD0–U+FDEF, U+FFFE, U+FFFF and the last two of each plane, which some HTML tools read as end
 * of input) become {@code \}{@code uHHHH} escapes, so no invisible character hides in generated
 * code. Every other character is kept as
 * it is, so the output must be served as UTF-8 (as a {@code <script>} in a UTF-8 page is).
 *
 * <p>Lone surrogates throw {@link UnescapableTextException}: they are not text, and a replacement
 * would silently change the value.
 *
 * <pre>{@code
 * String js = "const title = \"" + JsEscaper.stringContent(title) + "\";";
 * // title "</script><script>alert(1)//" gives  const title = "\x3c/script\x3e\x3cscript\x3ealert(1)//";
 * }</pre>
 */
public final class JsEscaper {
  private JsEscaper() {}

  private static final String[] ASCII = new String[128];

  static {
    for (int c = 0; c < 0x20; c++) {
      ASCII[c] = hex2(c);
    }
    ASCII['\n'] = "\\n";
    ASCII['\r'] = "\\r";
    ASCII['\t'] = "\\t";
    ASCII[0x7f] = hex2(0x7f);
    ASCII['\\'] = "\\\\";
    for (char c : "\"'`$<>&".toCharArray()) {
      ASCII[c] = hex2(c);
    }
  }

  private static String hex2(int c) {
    StringBuilder sb = new StringBuilder(4);
    Unicode.hex(sb, "\\x", c, 2);
    return sb.toString();
  }

  /**
   * The text to put between the quotes of a JavaScript string literal of any kind so it evaluates
   * to exactly {@code text}.
   *
   * @throws UnescapableTextException for a lone surrogate
   */
  public static String stringContent(String text) {
    int n = text.length();
    int i = 0;
    for (; i < n; i++) {
      char c = text.charAt(i);
      if (c < 128) {
        if (ASCII[c] != null) {
          break;
        }
      } else if (needsEscape(text, i, c)) {
        break;
      } else if (Character.isHighSurrogate(c)) {
        i++; // needsEscape checked the pair
      }
    }
    if (i == n) {
      return text;
    }
    StringBuilder out = new StringBuilder(n + 16);
    out.append(text, 0, i);
    for (; i < n; i++) {
      char c = text.charAt(i);
      if (c < 128) {
        String rep = ASCII[c];
        if (rep == null) {
          out.append(c);
        } else {
          out.append(rep);
        }
      } else if (Character.isSurrogate(c)) {
        int end = Unicode.pairEnd(text, i, EscapeForm.JS);
        int cp = Character.toCodePoint(c, text.charAt(end));
        if (Unicode.isFormat(cp) || Unicode.isNoncharacter(cp)) {
          Unicode.hex(out, "\\u", c, 4);
          Unicode.hex(out, "\\u", text.charAt(end), 4);
        } else {
          out.append(c).append(text.charAt(end));
        }
        i = end;
      } else if (c <= 0x9f) {
        Unicode.hex(out, "\\x", c, 2);
      } else if (c == '\u2028' || c == '\u2029' || Unicode.isFormat(c) || Unicode.isNoncharacter(c)) {
        Unicode.hex(out, "\\u", c, 4);
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  /** For a non-ASCII char: whether it (or the pair it starts) is escaped; throws for a lone surrogate. */
  private static boolean needsEscape(String text, int i, char c) {
    if (c <= 0x9f) {
      return true;
    }
    if (Character.isSurrogate(c)) {
      int end = Unicode.pairEnd(text, i, EscapeForm.JS);
      int cp = Character.toCodePoint(c, text.charAt(end));
      return Unicode.isFormat(cp) || Unicode.isNoncharacter(cp);
    }
    return c == '\u2028' || c == '\u2029' || Unicode.isFormat(c) || Unicode.isNoncharacter(c);
  }
}
