package dev.hostpolicy.core.text;

/**
 * Escaping for a YAML double-quoted scalar, exact under YAML 1.1 (PyYAML, which cloud-init uses)
 * and YAML 1.2. A double-quoted scalar is always a string: {@code no}, {@code on}, {@code 0755},
 * {@code 12:30:00}, {@code ~}, {@code null}, {@code #x}, {@code &x}, {@code *x} come back as
 * those strings, never as booleans, numbers, null, comments, anchors or aliases.
 *
 * <p>The rule: {@code \} and {@code "} get a backslash; TAB, LF, CR and NUL become {@code \t},
 * {@code \n}, {@code \r}, {@code \0}; every other C0 control, DEL and every C1 control (U+0085,
 * a YAML 1.1 line break, included) becomes {@code \xHH}; U+2028, U+2029 (also YAML 1.1 line
 * breaks), U+FFFE, U+FFFF and every format character (category Cf: the BOM, bidi overrides,
 * zero-width characters, tags) become {@code \}{@code uHHHH} or {@code \UHHHHHHHH}. Every other
 * character is printable in YAML and kept. The result is one line, quotes included.
 *
 * <p>A lone surrogate throws {@link UnescapableTextException}. To build a whole cloud-init
 * document, use {@code dev.hostpolicy.core.cloudinit.CloudConfig}, which never concatenates YAML.
 *
 * <pre>{@code
 * String line = "hostname: " + YamlEscaper.doubleQuoted("no"); // hostname: "no"
 * }</pre>
 */
public final class YamlEscaper {
  private YamlEscaper() {}

  private static final String[] ASCII = new String[128];

  static {
    for (int c = 0; c < 0x20; c++) {
      StringBuilder sb = new StringBuilder(4);
      Unicode.hex(sb, "\\x", c, 2);
      ASCII[c] = sb.toString();
    }
    ASCII[0] = "\\0";
    ASCII['\t'] = "\\t";
    ASCII['\n'] = "\\n";
    ASCII['\r'] = "\\r";
    ASCII[0x7f] = "\\x7f";
    ASCII['\\'] = "\\\\";
    ASCII['"'] = "\\\"";
  }

  /**
   * A complete double-quoted YAML scalar, quotes included, that parses to exactly {@code text}.
   *
   * @throws UnescapableTextException for a lone surrogate
   */
  public static String doubleQuoted(String text) {
    int n = text.length();
    StringBuilder out = new StringBuilder(n + 8).append('"');
    int from = 0;
    for (int i = 0; i < n; i++) {
      char c = text.charAt(i);
      if (c < 128) {
        String rep = ASCII[c];
        if (rep != null) {
          out.append(text, from, i).append(rep);
          from = i + 1;
        }
      } else if (Character.isSurrogate(c)) {
        int end = Unicode.pairEnd(text, i, EscapeForm.YAML);
        int cp = Character.toCodePoint(c, text.charAt(end));
        if (Unicode.isFormat(cp)) {
          Unicode.hex(out.append(text, from, i), "\\U", cp, 8);
          from = end + 1;
        }
        i = end;
      } else if (c <= 0x9f) {
        Unicode.hex(out.append(text, from, i), "\\x", c, 2);
        from = i + 1;
      } else if (c == '\u2028' || c == '\u2029' || c >= '\ufffe' || Unicode.isFormat(c)) {
        Unicode.hex(out.append(text, from, i), "\\u", c, 4);
        from = i + 1;
      }
    }
    return out.append(text, from, n).append('"').toString();
  }
}
