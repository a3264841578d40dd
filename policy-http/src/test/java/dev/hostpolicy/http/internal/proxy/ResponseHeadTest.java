package dev.hostpolicy.http.internal.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The upstream response head the proxy relays (RFC 9112 sections 4 and 6.3): status line, framing,
 * hop-by-hop removal and the forged-denial header. Mutation testing showed most of this was only
 * reached through the socket-level ITs.
 */
class ResponseHeadTest {

  private static ResponseHead head(String text, String method) throws BadMessage {
    byte[] b = text.getBytes(StandardCharsets.ISO_8859_1);
    return ResponseHead.of(HeadParser.parse(b, b.length), method);
  }

  private static ResponseHead get(String text) throws BadMessage {
    return head(text, "GET");
  }

  private static String refusal(String text) {
    try {
      get(text);
      return "accepted";
    } catch (BadMessage e) {
      return e.reason() + ": " + e.detail();
    }
  }

  private static String encoded(ResponseHead h, boolean keepAlive) {
    return new String(h.encode(keepAlive), StandardCharsets.ISO_8859_1);
  }

  @Test
  void theStatusLineIsStrict() throws Exception {
    assertThat(get("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n").status()).isEqualTo(200);
    assertThat(get("HTTP/1.0 404 Not Found\r\n\r\n").status()).isEqualTo(404);
    assertThat(get("HTTP/1.1 100\r\n\r\n").status()).isEqualTo(100);
    assertThat(get("HTTP/1.1 999 \r\n\r\n").status()).isEqualTo(999);
    assertThat(refusal("HTTP/1.1 099 Low\r\n\r\n")).contains("below 100");
    assertThat(refusal("HTTP/1.1 20 OK\r\n\r\n")).contains("proxy.bad-upstream-response");
    assertThat(refusal("HTTP/1.1 2x0 OK\r\n\r\n")).contains("three digits");
    assertThat(refusal("HTTP/1.1 200x\r\n\r\n")).contains("no space after the status code");
    assertThat(refusal("HTTP/2 200 OK\r\n\r\n")).contains("not HTTP/1.x NNN");
    assertThat(refusal("HTTP/1.1 /00 OK\r\n\r\n")).contains("three digits");
    assertThat(refusal("HTTP/1.1 :00 OK\r\n\r\n")).contains("three digits");
  }

  @Test
  void framingFollowsRfc9112Section6_3() throws Exception {
    assertThat(head("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\n", "HEAD").framing()).isEqualTo(Framing.NONE);
    assertThat(get("HTTP/1.1 199 X\r\nContent-Length: 5\r\n\r\n").framing()).isEqualTo(Framing.NONE);
    assertThat(get("HTTP/1.1 204 No Content\r\nContent-Length: 5\r\n\r\n").framing()).isEqualTo(Framing.NONE);
    assertThat(get("HTTP/1.1 304 Not Modified\r\nContent-Length: 5\r\n\r\n").framing()).isEqualTo(Framing.NONE);
    assertThat(get("HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip, chunked\r\n\r\n").framing()).isEqualTo(Framing.CHUNKED);
    assertThat(get("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked , \r\n\r\n").framing()).isEqualTo(Framing.UNTIL_CLOSE);
    assertThat(get("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked, gzip\r\n\r\n").framing()).isEqualTo(Framing.UNTIL_CLOSE);
    ResponseHead sized = get("HTTP/1.1 201 Created\r\nContent-Length: 17\r\n\r\n");
    assertThat(sized.framing()).isEqualTo(Framing.LENGTH);
    assertThat(sized.contentLength()).isEqualTo(17);
    assertThat(get("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n").framing()).isEqualTo(Framing.NONE);
    assertThat(get("HTTP/1.1 200 OK\r\n\r\n").framing()).isEqualTo(Framing.UNTIL_CLOSE);
    assertThat(get("HTTP/1.1 200 OK\r\n\r\n").contentLength()).isZero();
  }

  @Test
  void ambiguousFramingIsRefused() {
    assertThat(refusal("HTTP/1.1 200 OK\r\nContent-Length: 1\r\nTransfer-Encoding: chunked\r\n\r\n")).contains("both");
    assertThat(refusal("HTTP/1.1 200 OK\r\nContent-Length: 1\r\nContent-Length: 1\r\n\r\n")).contains("repeated");
    assertThat(refusal("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n\r\n")).contains("repeated");
    assertThat(refusal("HTTP/1.1 200 OK\r\nContent-Length: +1\r\n\r\n")).contains("plain decimal");
    assertThat(refusal("HTTP/1.1 200 OK\r\nConnection: Content-Length\r\nContent-Length: 1\r\n\r\n")).contains("Connection names content-length");
    assertThat(refusal("HTTP/1.1 200 OK\r\nConnection: transfer-encoding\r\n\r\n")).contains("Connection names transfer-encoding");
  }

  @Test
  void whoClosesTheConnection() throws Exception {
    assertThat(get("HTTP/1.0 200 OK\r\n\r\n").originCloses()).isTrue();
    assertThat(get("HTTP/1.0 200 OK\r\nConnection: keep-alive\r\n\r\n").originCloses()).isFalse();
    assertThat(get("HTTP/1.1 200 OK\r\n\r\n").originCloses()).isFalse();
    assertThat(get("HTTP/1.1 200 OK\r\nConnection: close\r\n\r\n").originCloses()).isTrue();
    assertThat(get("HTTP/1.1 200 OK\r\nConnection: keep-alive, close\r\n\r\n").originCloses()).isTrue();
  }

  @Test
  void hopByHopProxyAndForgedDenialFieldsAreNotForwarded() throws Exception {
    ResponseHead h = get("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nConnection: x-private, close\r\nX-Private: 1\r\n"
        + "Keep-Alive: timeout=5\r\nProxy-Authenticate: Basic\r\nx-hostpolicy-deny: egress.private-address\r\n"
        + "Upgrade: h2c\r\nTE: trailers\r\nTrailer: X\r\nContent-Length: 2\r\nX-Kept: yes\r\n\r\n");
    assertThat(h.forwardFields()).extracting(HeaderField::name).containsExactly("Content-Type", "Content-Length", "X-Kept");
    String out = encoded(h, true);
    assertThat(out).isEqualTo("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 2\r\nX-Kept: yes\r\n"
        + "Connection: keep-alive\r\n\r\n");
    assertThat(encoded(h, false)).endsWith("Connection: close\r\n\r\n");
  }

  @Test
  void anInterimResponseGetsNoConnectionField() throws Exception {
    assertThat(encoded(get("HTTP/1.1 100 Continue\r\n\r\n"), true)).isEqualTo("HTTP/1.1 100 Continue\r\n\r\n");
    assertThat(encoded(get("HTTP/1.1 199 X\r\n\r\n"), false)).isEqualTo("HTTP/1.1 199 X\r\n\r\n");
    assertThat(encoded(get("HTTP/1.1 200 OK\r\n\r\n"), false)).isEqualTo("HTTP/1.1 200 OK\r\nConnection: close\r\n\r\n");
  }

  @Test
  void theReasonPhraseIsPrintableAsciiOfAtMost64Characters() throws Exception {
    assertThat(encoded(get("HTTP/1.1 200 caf\u00e9 \u00ff~ ok\r\n\r\n"), true)).startsWith("HTTP/1.1 200 caf? ?~ ok\r\n");
    String longPhrase = "x".repeat(70);
    assertThat(encoded(get("HTTP/1.1 200 " + longPhrase + "\r\n\r\n"), true)).startsWith("HTTP/1.1 200 " + "x".repeat(64) + "\r\n");
    assertThat(encoded(get("HTTP/1.1 200 " + "y".repeat(64) + "\r\n\r\n"), true)).startsWith("HTTP/1.1 200 " + "y".repeat(64) + "\r\n");
    assertThat(encoded(get("HTTP/1.1 200  \r\n\r\n"), true)).startsWith("HTTP/1.1 200  \r\n");
  }
}
