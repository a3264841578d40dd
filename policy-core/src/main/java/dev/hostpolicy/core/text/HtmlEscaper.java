package dev.hostpolicy.core.text;

/**
 * Escaping for HTML element content and quoted attribute values, exact under the HTML5 parsing
 * algorithm.
 *
 * <p>Both contexts escape {@code &} {@code <} {@code >} {@code "} {@code '} as {@code &amp;}
 * {@code &lt;} {@code &gt;} {@code &#34;} {@code &#39;} (so {@link #text(String)} output is also
 * safe inside a quoted attribute), CR as {@code &#13;} (a raw CR would be normalised to LF by the
 * parser) and the other C0 controls except TAB and LF, and DEL, as numeric references.
 * {@link #attribute(String)} also writes TAB and LF as {@code &#9;} and {@code &#10;}, so the value
 * survives XML attribute-value normalisation as well. C1 controls (U+0080–U+009F) stay raw:
 * as numeric references most of them would be remapped to Windows-1252 characters ({@code &#x80;}
 * is €). Noncharacters (U+FDD0–U+FDEF and the last two code points of every plane) become
 * hexadecimal references such as {@code &#xffff;}: the parser keeps them either way, but some
 * HTML tools read a raw U+FFFF as end of input. Everything else is kept as it is; serve the page as
 * UTF-8.
 *
 * <p>U+0000 cannot be expressed in HTML — the parser drops it from text and turns it into U+FFFD
 * in attributes, raw or as a reference — so it throws {@link UnescapableTextException}
 * ({@code escape.nul}), as does a lone surrogate. An unquoted attribute value is not a supported
 * context: always quote attributes.
 *
 * <pre>{@code
 * String html = "<p title=\"" + HtmlEscaper.attribute(title) + "\">" + HtmlEscaper.text(body) + "</p>";
 * }</pre>
 */
public final class HtmlEscaper {
  private HtmlEscaper() {}

  private static final String[] TEXT = new String[128];
  private static final String[] ATTRIBUTE = new String[128];

  static {
    for (int c = 1; c < 0x20; c++) {
      TEXT[c] = "&#" + c + ";";
    }
    TEXT['\t'] = null;
    TEXT['\n'] = null;
    TEXT[0x7f] = "&#127;";
    TEXT['&'] = "&amp;";
    TEXT['<'] = "&lt;";
    TEXT['>'] = "&gt;";
    TEXT['"'] = "&#34;";
    TEXT['\''] = "&#39;";
    TEXT[0] = "";            // marker: checked before use, never emitted
    System.arraycopy(TEXT, 0, ATTRIBUTE, 0, 128);
    ATTRIBUTE['\t'] = "&#9;";
    ATTRIBUTE['\n'] = "&#10;";
  }

  /**
   * Escaped text for HTML element content (not inside {@code <script>}, {@code <style>} or
   * {@code <textarea>}-like raw-text elements).
   *
   * @throws UnescapableTextException for U+0000 or a lone surrogate
   */
  public static String text(String text) {
    return escape(text, TEXT, EscapeForm.HTML);
  }

  /**
   * Escaped text for an HTML attribute value in double or single quotes.
   *
   * @throws UnescapableTextException for U+0000 or a lone surrogate
   */
  public static String attribute(String text) {
    return escape(text, ATTRIBUTE, EscapeForm.ATTR);
  }

  private static String escape(String text, String[] table, EscapeForm form) {
    int n = text.length();
    int i = 0;
    for (; i < n; i++) {
      char c = text.charAt(i);
      if (c < 128) {
        if (table[c] != null) {
          break;
        }
      } else if (c >= '\ud800' && (Character.isSurrogate(c) || Unicode.isNoncharacter(c))) {
        if (!Character.isSurrogate(c)) {
          break;
        }
        int end = Unicode.pairEnd(text, i, form);
        if (Unicode.isNoncharacter(Character.toCodePoint(c, text.charAt(end)))) {
          break;
        }
        i = end;
      }
    }
    if (i == n) {
      return text;
    }
    char[] out = new char[n + (n >> 1) + 16];
    text.getChars(0, i, out, 0);
    int o = i;
    int from = i;
    for (; i < n; i++) {
      char c = text.charAt(i);
      String rep = null;
      int end = i;
      if (c < 128) {
        rep = table[c];
        if (rep == null) {
          continue;
        }
        if (c == 0) {
          throw Unicode.nul(form, i);
        }
      } else if (c >= '\ud800') {
        int cp = c;
        if (Character.isSurrogate(c)) {
          end = Unicode.pairEnd(text, i, form);
          cp = Character.toCodePoint(c, text.charAt(end));
        }
        if (!Unicode.isNoncharacter(cp)) {
          i = end;
          continue;
        }
        rep = "&#x" + Integer.toHexString(cp) + ";";
      } else {
        continue;
      }
      int need = o + (i - from) + rep.length() + (n - end);
      if (need > out.length) {
        out = java.util.Arrays.copyOf(out, Math.max(need + 16, out.length + (out.length >> 1)));
      }
      text.getChars(from, i, out, o);
      o += i - from;
      rep.getChars(0, rep.length(), out, o);
      o += rep.length();
      from = end + 1;
      i = end;
    }
    text.getChars(from, n, out, o);
    o += n - from;
    return new String(out, 0, o);
  }
}
