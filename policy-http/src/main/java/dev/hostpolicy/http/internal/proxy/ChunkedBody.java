package dev.hostpolicy.http.internal.proxy;

import java.io.IOException;

/**
 * Copies a chunked body verbatim while checking its framing (RFC 9112 section 7.1): each chunk-size
 * line is hex digits and optional extensions ending in CRLF, each chunk's data is followed by exactly
 * CRLF, and the trailer section follows the header-field rules. Whatever the proxy forwards, the next
 * parser reads with the same boundaries.
 */
final class ChunkedBody {
  private ChunkedBody() {}

  /** Longest chunk-size line, extensions included. */
  static final int LINE_LIMIT = 4096;

  static void copy(Conn from, Conn to, int trailerLimit) throws IOException, BadMessage {
    while (true) {
      byte[] line = from.readLine(LINE_LIMIT, "a chunk-size line");
      long size = size(line);
      to.write(line);
      if (size == 0) {
        break;
      }
      from.copyTo(to, size);
      byte[] end = from.readLine(3, "the end of a chunk");
      if (end.length != 2) {
        throw new BadMessage(Reasons.MALFORMED, "chunk data longer than its size");
      }
      to.write(end);
    }
    int total = 0;
    while (true) {
      byte[] line = from.readLine(trailerLimit, "the trailer section");
      total += line.length;
      if (total > trailerLimit) {
        throw new BadMessage(Reasons.HEADER_TOO_LARGE, "the trailer section is longer than " + trailerLimit + " bytes");
      }
      if (line.length == 2) {
        to.write(line);
        return;
      }
      trailerField(line);
      to.write(line);
    }
  }

  /** The size of a chunk-size line (with its CRLF): 1-16 hex digits, then nothing or {@code ;} extensions. */
  static long size(byte[] line) throws BadMessage {
    int n = line.length - 2;
    long size = 0;
    int i = 0;
    for (; i < n; i++) {
      int d = Character.digit(line[i], 16);
      if (d < 0 || line[i] > 'f') {
        break;
      }
      if (i >= 15) {
        throw new BadMessage(Reasons.AMBIGUOUS_LENGTH, "a chunk size of more than 15 hex digits");
      }
      size = size * 16 + d;
    }
    if (i == 0) {
      throw new BadMessage(Reasons.AMBIGUOUS_LENGTH, "a chunk-size line that does not start with hex digits");
    }
    if (i < n) {
      if (line[i] != ';') {
        throw new BadMessage(Reasons.AMBIGUOUS_LENGTH, "a chunk size followed by something other than ';' extensions");
      }
      for (int j = i; j < n; j++) {
        int c = line[j] & 0xff;
        if (c < 0x20 && c != '\t' || c == 0x7f) {
          throw new BadMessage(Reasons.MALFORMED, "a control character in a chunk extension");
        }
      }
    }
    return size;
  }

  private static void trailerField(byte[] line) throws BadMessage {
    if (line[0] == ' ' || line[0] == '\t') {
      throw new BadMessage(Reasons.OBS_FOLD, "obsolete line folding in the trailer section");
    }
    int colon = -1;
    for (int i = 0; i < line.length - 2; i++) {
      if (line[i] == ':') {
        colon = i;
        break;
      }
      if (!HeadParser.isTchar(line[i] & 0xff)) {
        throw new BadMessage(Reasons.MALFORMED, "a trailer field name that is not a token");
      }
    }
    if (colon <= 0) {
      throw new BadMessage(Reasons.MALFORMED, "a trailer field line without a name and a colon");
    }
    for (int i = colon + 1; i < line.length - 2; i++) {
      int c = line[i] & 0xff;
      if (c < 0x20 && c != '\t' || c == 0x7f) {
        throw new BadMessage(Reasons.MALFORMED, "a control character in a trailer field value");
      }
    }
  }
}
