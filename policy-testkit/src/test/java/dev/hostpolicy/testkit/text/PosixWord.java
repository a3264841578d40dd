package dev.hostpolicy.testkit.text;

/**
 * Quote removal for one POSIX shell word made of unquoted safe characters, single-quoted runs,
 * backslash-escaped characters and double-quoted runs (POSIX.1-2017 XCU 2.2), for the in-process
 * properties; {@code sh}, {@code dash} and {@code bash} are the oracles of {@code ShellOracleIT}.
 * Fails on any character that would be active unquoted or inside double quotes.
 */
final class PosixWord {
  private PosixWord() {}

  private static final String SAFE_UNQUOTED =
      "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_@%+:,./-";

  static String parse(String word) {
    StringBuilder out = new StringBuilder();
    int i = 0;
    while (i < word.length()) {
      char c = word.charAt(i);
      if (c == '\'') {
        int end = word.indexOf('\'', i + 1);
        if (end < 0) {
          throw new IllegalArgumentException("unterminated single quote");
        }
        out.append(word, i + 1, end);
        i = end + 1;
      } else if (c == '\\') {
        out.append(word.charAt(i + 1));
        i += 2;
      } else if (c == '"') {
        i++;
        while (word.charAt(i) != '"') {
          char d = word.charAt(i);
          if (d == '$' || d == '`') {
            throw new IllegalArgumentException("active " + d + " inside double quotes at " + i);
          }
          if (d == '\\' && "$`\"\\\n".indexOf(word.charAt(i + 1)) >= 0) {
            out.append(word.charAt(i + 1));
            i += 2;
          } else {
            out.append(d);
            i++;
          }
        }
        i++;
      } else if (SAFE_UNQUOTED.indexOf(c) >= 0) {
        out.append(c);
        i++;
      } else {
        throw new IllegalArgumentException("unquoted active character " + (int) c + " at " + i);
      }
    }
    return out.toString();
  }
}
