package dev.hostpolicy.http.internal.proxy;

import dev.hostpolicy.api.SafeText;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A strict reader of HTTP/1.1 message heads (RFC 9112). Strict where leniency lets two parsers
 * disagree about where a message starts or ends: every line ends in CRLF (a bare CR or LF is refused
 * rather than accepted as a line end), a field line may not start with whitespace (obsolete line
 * folding), a field name is a token directly followed by the colon, and a value holds no control
 * character but HTAB.
 */
final class HeadParser {
  private HeadParser() {}

  /** At most this many header fields. */
  static final int MAX_FIELDS = 256;

  /**
   * Whether {@code c} is a token character ({@code tchar}, RFC 9110 section 5.6.2).
   */
  static boolean isTchar(int c) {
    if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9') {
      return true;
    }
    return "!#$%&'*+-.^_`|~".indexOf(c) >= 0 && c != 0;
  }

  /**
   * Parses a head: {@code bytes[0..length)} holds the start line and the field lines, each ending in
   * CRLF, and the empty line that ends the head.
   *
   * @throws BadMessage with {@link Reasons#BARE_CR_LF}, {@link Reasons#OBS_FOLD} or {@link Reasons#MALFORMED}
   */
  static Head parse(byte[] bytes, int length) throws BadMessage {
    List<String> lines = splitLines(bytes, length);
    if (lines.isEmpty() || !lines.get(lines.size() - 1).isEmpty()) {
      throw new BadMessage(Reasons.MALFORMED, "the header section does not end with an empty line");
    }
    String start = lines.get(0);
    if (start.isEmpty()) {
      throw new BadMessage(Reasons.MALFORMED, "empty start line");
    }
    checkStartLineChars(start);
    List<HeaderField> fields = new ArrayList<>();
    for (int i = 1; i < lines.size() - 1; i++) {
      String line = lines.get(i);
      if (line.isEmpty()) {
        throw new BadMessage(Reasons.MALFORMED, "empty line inside the header section");
      }
      char first = line.charAt(0);
      if (first == ' ' || first == '\t') {
        throw new BadMessage(Reasons.OBS_FOLD, "a header field line starts with whitespace (obsolete line folding)");
      }
      fields.add(field(line));
      if (fields.size() > MAX_FIELDS) {
        throw new BadMessage(Reasons.HEADER_TOO_LARGE, "more than " + MAX_FIELDS + " header fields");
      }
    }
    return new Head(start, fields);
  }

  /** Splits at CRLF; a CR or LF anywhere else is a bare line break. Bytes map 1:1 to chars (ISO-8859-1). */
  private static List<String> splitLines(byte[] b, int length) throws BadMessage {
    List<String> lines = new ArrayList<>();
    int lineStart = 0;
    for (int i = 0; i < length; i++) {
      byte c = b[i];
      if (c == '\r') {
        if (i + 1 >= length || b[i + 1] != '\n') {
          throw new BadMessage(Reasons.BARE_CR_LF, "a CR not followed by LF in the header section");
        }
        lines.add(new String(b, lineStart, i - lineStart, StandardCharsets.ISO_8859_1));
        i++;
        lineStart = i + 1;
        if (lines.size() > 1 && lines.get(lines.size() - 1).isEmpty()) {
          if (lineStart != length) {
            throw new BadMessage(Reasons.MALFORMED, "bytes after the end of the header section");
          }
          return lines;
        }
      } else if (c == '\n') {
        throw new BadMessage(Reasons.BARE_CR_LF, "an LF not preceded by CR in the header section");
      }
    }
    if (lineStart != length) {
      throw new BadMessage(Reasons.MALFORMED, "the header section does not end with CRLF");
    }
    return lines;
  }

  private static void checkStartLineChars(String line) throws BadMessage {
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c < 0x20 && c != '\t' || c == 0x7f) {
        throw new BadMessage(Reasons.MALFORMED, "a control character in the start line");
      }
    }
  }

  private static HeaderField field(String line) throws BadMessage {
    int colon = line.indexOf(':');
    if (colon <= 0) {
      throw new BadMessage(Reasons.MALFORMED, "a header field line without a name and a colon");
    }
    for (int i = 0; i < colon; i++) {
      char c = line.charAt(i);
      if (!isTchar(c)) {
        throw new BadMessage(Reasons.MALFORMED, c == ' ' || c == '\t'
            ? "whitespace between a header field name and the colon (RFC 9112 section 5.1)"
            : "a header field name with a character that is not a token character: "
                + SafeText.clean(line.substring(0, colon), 60));
      }
    }
    int from = colon + 1;
    int to = line.length();
    while (from < to && (line.charAt(from) == ' ' || line.charAt(from) == '\t')) {
      from++;
    }
    while (to > from && (line.charAt(to - 1) == ' ' || line.charAt(to - 1) == '\t')) {
      to--;
    }
    for (int i = from; i < to; i++) {
      char c = line.charAt(i);
      if (c < 0x20 && c != '\t' || c == 0x7f) {
        throw new BadMessage(Reasons.MALFORMED, "a control character in the value of " + SafeText.clean(line.substring(0, colon), 60));
      }
    }
    return new HeaderField(line.substring(0, colon), line.substring(from, to));
  }
}
