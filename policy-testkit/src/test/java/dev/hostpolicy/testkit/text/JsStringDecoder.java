package dev.hostpolicy.testkit.text;

/**
 * A decoder for the escapes of a JavaScript string literal body (ECMA-262 §12.9.4
 * "SingleStringCharacter"), written from the spec for the in-process properties; {@code node} is
 * the oracle of {@code JsOracleIT}. Fails on anything a literal could not contain raw.
 */
final class JsStringDecoder {
  private JsStringDecoder() {}

  static String decode(String body) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < body.length(); i++) {
      char c = body.charAt(i);
      if (c == '\'' || c == '"' || c == '`' || c == '\n' || c == '\r') {
        throw new IllegalArgumentException("raw " + (int) c + " at " + i);
      }
      if (c != '\\') {
        out.append(c);
        continue;
      }
      char e = body.charAt(++i);
      switch (e) {
        case 'n' -> out.append('\n');
        case 'r' -> out.append('\r');
        case 't' -> out.append('\t');
        case 'b' -> out.append('\b');
        case 'f' -> out.append('\f');
        case 'v' -> out.append('\u000b');
        case '\\', '\'', '"' -> out.append(e);
        case 'x' -> {
          out.append((char) Integer.parseInt(body.substring(i + 1, i + 3), 16));
          i += 2;
        }
        case 'u' -> {
          out.append((char) Integer.parseInt(body.substring(i + 1, i + 5), 16));
          i += 4;
        }
        default -> throw new IllegalArgumentException("unexpected escape \\" + e + " at " + i);
      }
    }
    return out.toString();
  }
}
