package dev.hostpolicy.core.text;

/**
 * POSIX shell escaping, exact for {@code sh}, {@code dash} and {@code bash}.
 *
 * <ul>
 *   <li>{@link #word(String)} returns one complete shell word: the text itself when it consists
 *       only of {@code [A-Za-z0-9_@%+:,./-]} (and is not empty), otherwise the text in single quotes
 *       with each {@code '} written as {@code '\''}. Inside single quotes nothing is special — not
 *       {@code $}, backtick, backslash, {@code !} or a newline — so every other character is kept
 *       as it is. {@code =} and {@code ~} are always quoted, so the word is never an assignment or
 *       a tilde expansion, whatever its position.
 *   <li>{@link #insideDoubleQuotes(String)} returns the text to put between double quotes:
 *       exactly {@code \}, {@code "}, {@code $} and backtick get a backslash. Newlines are kept
 *       (never deleted, never turned into a line continuation); {@code !} is left alone, because a
 *       non-interactive shell does no history expansion and {@code \!} would keep its backslash.
 * </ul>
 *
 * <p>A shell argument is a C string, so U+0000 cannot be passed: both methods throw
 * {@link UnescapableTextException} ({@code escape.nul}), as they do for a lone surrogate. The
 * output is meant to be encoded as UTF-8; single quotes keep every byte, whatever the locale.
 *
 * <pre>{@code
 * ShellEscaper.word("it's $HOME");             // 'it'\''s $HOME'
 * ShellEscaper.word("release-1.2/notes.txt");  // release-1.2/notes.txt
 * "echo \"" + ShellEscaper.insideDoubleQuotes("cost: $5 `x`") + "\""; // echo "cost: \$5 \`x\`"
 * }</pre>
 */
public final class ShellEscaper {
  private ShellEscaper() {}

  private static final boolean[] BARE = new boolean[128];

  static {
    for (char c = 'a'; c <= 'z'; c++) {
      BARE[c] = true;
      BARE[Character.toUpperCase(c)] = true;
    }
    for (char c = '0'; c <= '9'; c++) {
      BARE[c] = true;
    }
    for (char c : "_@%+:,./-".toCharArray()) {
      BARE[c] = true;
    }
  }

  /**
   * One complete shell word that the shell turns back into exactly {@code text}.
   *
   * @throws UnescapableTextException for U+0000 or a lone surrogate
   */
  public static String word(String text) {
    int n = text.length();
    boolean bare = n > 0;
    int quotes = 0;
    for (int i = 0; i < n; i++) {
      char c = text.charAt(i);
      if (c < 128) {
        if (!BARE[c]) {
          bare = false;
          if (c == '\'') {
            quotes++;
          } else if (c == 0) {
            throw Unicode.nul(EscapeForm.SHELL, i);
          }
        }
      } else {
        bare = false;
        if (Character.isSurrogate(c)) {
          i = Unicode.pairEnd(text, i, EscapeForm.SHELL);
        }
      }
    }
    if (bare) {
      return text;
    }
    StringBuilder out = new StringBuilder(n + 2 + quotes * 3);
    out.append('\'');
    int from = 0;
    for (int i = text.indexOf('\''); i >= 0; i = text.indexOf('\'', from)) {
      out.append(text, from, i).append("'\\''");
      from = i + 1;
    }
    return out.append(text, from, n).append('\'').toString();
  }

  /**
   * The text to put between double quotes in a shell script so the shell reads exactly
   * {@code text}.
   *
   * @throws UnescapableTextException for U+0000 or a lone surrogate
   */
  public static String insideDoubleQuotes(String text) {
    int n = text.length();
    StringBuilder out = null;
    int from = 0;
    for (int i = 0; i < n; i++) {
      char c = text.charAt(i);
      if (c == '\\' || c == '"' || c == '$' || c == '`') {
        if (out == null) {
          out = new StringBuilder(n + 16);
        }
        out.append(text, from, i).append('\\').append(c);
        from = i + 1;
      } else if (c == 0) {
        throw Unicode.nul(EscapeForm.SHELL_DQ, i);
      } else if (Character.isSurrogate(c)) {
        i = Unicode.pairEnd(text, i, EscapeForm.SHELL_DQ);
      }
    }
    return out == null ? text : out.append(text, from, n).toString();
  }
}
