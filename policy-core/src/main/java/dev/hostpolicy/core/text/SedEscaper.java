package dev.hostpolicy.core.text;

/**
 * Escaping for {@code sed} substitutions that use {@code /} as the delimiter, as hosts use when
 * they patch a file: {@code sed -e 's/<basicRegex(old)>/<replacement(new)>/'}.
 *
 * <ul>
 *   <li>{@link #replacement(String)}: {@code \}, {@code &} and {@code /} get a backslash; a
 *       newline becomes backslash-newline (POSIX). Nothing else is special, so {@code \1},
 *       {@code \n} or GNU's {@code \U} can never arise from the input.
 *   <li>{@link #basicRegex(String)}: a POSIX basic regular expression that matches the text
 *       literally: {@code \ / . * [ ^ $} get a backslash and a newline becomes {@code \n}
 *       (POSIX sed). The empty text becomes {@code \(\)}, because an empty regex means "the last
 *       regex used" to sed.
 * </ul>
 *
 * <p>The result is sed text; to put the whole {@code s} command on a shell command line, quote it
 * with {@link ShellEscaper#word(String)}. U+0000 (a sed script given as an argument cannot carry
 * it) and lone surrogates throw {@link UnescapableTextException}. Checked against GNU sed in both
 * the C and a UTF-8 locale.
 *
 * <pre>{@code
 * String cmd = "s/" + SedEscaper.basicRegex("v1.2") + "/" + SedEscaper.replacement("a/b & c") + "/";
 * // cmd is: s/v1\.2/a\/b \& c/
 * List<String> argv = List.of("sed", "-i", "-e", cmd, "--", file);
 * }</pre>
 */
public final class SedEscaper {
  private SedEscaper() {}

  /**
   * The replacement part of {@code s/…/…/} that inserts exactly {@code text}.
   *
   * @throws UnescapableTextException for U+0000 or a lone surrogate
   */
  public static String replacement(String text) {
    int n = text.length();
    StringBuilder out = null;
    int from = 0;
    for (int i = 0; i < n; i++) {
      char c = text.charAt(i);
      if (c == '\\' || c == '&' || c == '/' || c == '\n') {
        if (out == null) {
          out = new StringBuilder(n + 16);
        }
        out.append(text, from, i).append('\\').append(c);
        from = i + 1;
      } else if (c == 0) {
        throw Unicode.nul(EscapeForm.SED, i);
      } else if (Character.isSurrogate(c)) {
        i = Unicode.pairEnd(text, i, EscapeForm.SED);
      }
    }
    return out == null ? text : out.append(text, from, n).toString();
  }

  /**
   * A basic regular expression for {@code s/…/…/} that matches exactly {@code text}.
   *
   * @throws UnescapableTextException for U+0000 or a lone surrogate
   */
  public static String basicRegex(String text) {
    int n = text.length();
    if (n == 0) {
      return "\\(\\)";
    }
    StringBuilder out = null;
    int from = 0;
    for (int i = 0; i < n; i++) {
      char c = text.charAt(i);
      String rep = null;
      switch (c) {
        case '\\', '/', '.', '*', '[', '^', '$' -> rep = "\\" + c;
        case '\n' -> rep = "\\n";
        case 0 -> throw Unicode.nul(EscapeForm.SED_REGEX, i);
        default -> {
          if (Character.isSurrogate(c)) {
            i = Unicode.pairEnd(text, i, EscapeForm.SED_REGEX);
          }
        }
      }
      if (rep != null) {
        if (out == null) {
          out = new StringBuilder(n + 16);
        }
        out.append(text, from, i).append(rep);
        from = i + 1;
      }
    }
    return out == null ? text : out.append(text, from, n).toString();
  }
}
