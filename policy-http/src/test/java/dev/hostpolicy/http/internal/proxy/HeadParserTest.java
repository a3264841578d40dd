package dev.hostpolicy.http.internal.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The strict head reader, line by line (RFC 9112 sections 2.2, 5.1, 5.2): the exact cases mutation
 * testing found no example for.
 */
class HeadParserTest {

  private static Head parse(String text) throws BadMessage {
    byte[] b = text.getBytes(StandardCharsets.ISO_8859_1);
    return HeadParser.parse(b, b.length);
  }

  private static String outcome(String text) {
    try {
      parse(text);
      return "parsed";
    } catch (BadMessage e) {
      return e.reason() + ": " + e.detail();
    }
  }

  @Test
  void everyLineEndsInCrLf() {
    assertThat(outcome("GET / HTTP/1.1\r\n\r\n")).isEqualTo("parsed");
    assertThat(outcome("GET / HTTP/1.1\r\n\r")).startsWith(Reasons.BARE_CR_LF + ": a CR not followed by LF");
    assertThat(outcome("GET / HTTP/1.1\r")).startsWith(Reasons.BARE_CR_LF);
    assertThat(outcome("GET / HTTP/1.1\rX\n\r\n")).startsWith(Reasons.BARE_CR_LF);
    assertThat(outcome("GET / HTTP/1.1\n\r\n")).startsWith(Reasons.BARE_CR_LF + ": an LF not preceded by CR");
    assertThat(outcome("GET / HTTP/1.1\r\nA: b")).startsWith(Reasons.MALFORMED + ": the header section does not end with CRLF");
    assertThat(outcome("GET / HTTP/1.1\r\nA: b\r\n")).startsWith(Reasons.MALFORMED + ": the header section does not end with an empty line");
    assertThat(outcome("GET / HTTP/1.1\r\n\r\nX")).startsWith(Reasons.MALFORMED + ": bytes after the end of the header section");
    assertThat(outcome("\r\n\r\n")).startsWith(Reasons.MALFORMED + ": empty start line");
    assertThat(outcome("")).startsWith(Reasons.MALFORMED);
  }

  @Test
  void theStartLineHoldsNoControlCharacterButTab() throws Exception {
    assertThat(outcome("GET /\u0001 HTTP/1.1\r\n\r\n")).startsWith(Reasons.MALFORMED + ": a control character in the start line");
    assertThat(outcome("GET /\u001f HTTP/1.1\r\n\r\n")).startsWith(Reasons.MALFORMED + ": a control character");
    assertThat(outcome("GET /\u007f HTTP/1.1\r\n\r\n")).startsWith(Reasons.MALFORMED + ": a control character");
    assertThat(outcome("GET /\u0000 HTTP/1.1\r\n\r\n")).startsWith(Reasons.MALFORMED + ": a control character");
    assertThat(parse("GET /\tx HTTP/1.1\r\n\r\n").startLine()).isEqualTo("GET /\tx HTTP/1.1");
    assertThat(parse("GET / HTTP/1.1 \u0080\r\n\r\n").startLine()).isEqualTo("GET / HTTP/1.1 \u0080");
  }

  @Test
  void fieldLines() throws Exception {
    Head h = parse("GET / HTTP/1.1\r\nA: \t x\ty \t\r\nB:\r\nC:z\r\n!#$%&'*+-.^_`|~0aZ: ok\r\n\r\n");
    assertThat(h.fields()).extracting(HeaderField::name, HeaderField::value).containsExactly(
        org.assertj.core.groups.Tuple.tuple("A", "x\ty"), org.assertj.core.groups.Tuple.tuple("B", ""),
        org.assertj.core.groups.Tuple.tuple("C", "z"), org.assertj.core.groups.Tuple.tuple("!#$%&'*+-.^_`|~0aZ", "ok"));
    assertThat(outcome("GET / HTTP/1.1\r\n: x\r\n\r\n")).startsWith(Reasons.MALFORMED + ": a header field line without a name");
    assertThat(outcome("GET / HTTP/1.1\r\nA x\r\n\r\n")).startsWith(Reasons.MALFORMED + ": a header field line without a name");
    assertThat(outcome("GET / HTTP/1.1\r\nA : x\r\n\r\n")).startsWith(Reasons.MALFORMED + ": whitespace between");
    assertThat(outcome("GET / HTTP/1.1\r\nA\t: x\r\n\r\n")).startsWith(Reasons.MALFORMED + ": whitespace between");
    assertThat(outcome("GET / HTTP/1.1\r\nA@b: x\r\n\r\n")).startsWith(Reasons.MALFORMED + ": a header field name with a character");
    assertThat(outcome("GET / HTTP/1.1\r\nA\u0000: x\r\n\r\n")).startsWith(Reasons.MALFORMED + ": a header field name with a character");
    assertThat(outcome("GET / HTTP/1.1\r\nA: x\u0001y\r\n\r\n")).startsWith(Reasons.MALFORMED + ": a control character in the value of A");
    assertThat(outcome("GET / HTTP/1.1\r\nA: x\u007f\r\n\r\n")).startsWith(Reasons.MALFORMED + ": a control character in the value");
    assertThat(outcome("GET / HTTP/1.1\r\nA: x\u001f\r\n\r\n")).startsWith(Reasons.MALFORMED + ": a control character in the value");
    assertThat(outcome("GET / HTTP/1.1\r\n x: y\r\n\r\n")).startsWith(Reasons.OBS_FOLD);
    assertThat(outcome("GET / HTTP/1.1\r\n\tx: y\r\n\r\n")).startsWith(Reasons.OBS_FOLD);
  }

  @Test
  void atMost256Fields() throws Exception {
    assertThat(parse("GET / HTTP/1.1\r\n" + "A: b\r\n".repeat(HeadParser.MAX_FIELDS) + "\r\n").fields()).hasSize(256);
    assertThat(outcome("GET / HTTP/1.1\r\n" + "A: b\r\n".repeat(HeadParser.MAX_FIELDS + 1) + "\r\n"))
        .startsWith(Reasons.HEADER_TOO_LARGE + ": more than 256 header fields");
  }

  @Test
  void tokenCharactersAreExactlyRfc9110() {
    StringBuilder tchars = new StringBuilder();
    for (int c = 0; c < 256; c++) {
      if (HeadParser.isTchar(c)) {
        tchars.append((char) c);
      }
    }
    assertThat(tchars.toString()).isEqualTo("!#$%&'*+-.0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ^_`abcdefghijklmnopqrstuvwxyz|~");
  }
}
