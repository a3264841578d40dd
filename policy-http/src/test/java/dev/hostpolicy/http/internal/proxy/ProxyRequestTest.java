package dev.hostpolicy.http.internal.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Examples for the head parser and request validation, with the RFC 9112 / 9110 rules they follow. */
class ProxyRequestTest {

  private static ProxyRequest request(String head) throws BadMessage {
    byte[] b = head.getBytes(StandardCharsets.ISO_8859_1);
    return ProxyRequest.of(HeadParser.parse(b, b.length));
  }

  private static String reason(String head) {
    try {
      request(head);
      return "accepted";
    } catch (BadMessage e) {
      return e.reason();
    }
  }

  @Test
  void connectNeedsAuthorityFormWithAPort() throws Exception {
    ProxyRequest r = request("CONNECT api.github.com:443 HTTP/1.1\r\nHost: api.github.com:443\r\n\r\n");
    assertThat(r.isConnect()).isTrue();
    assertThat(r.authority()).isEqualTo("api.github.com:443");
    assertThat(request("CONNECT [2001:db8::1]:443 HTTP/1.1\r\n\r\n").authority()).isEqualTo("[2001:db8::1]:443");
    // RFC 9110 section 9.3.6: CONNECT uses authority-form, host and port
    assertThat(reason("CONNECT api.github.com HTTP/1.1\r\n\r\n")).isEqualTo(Reasons.MALFORMED);
    assertThat(reason("CONNECT [2001:db8::1] HTTP/1.1\r\n\r\n")).isEqualTo(Reasons.MALFORMED);
    assertThat(reason("CONNECT http://api.github.com:443/ HTTP/1.1\r\n\r\n")).isEqualTo(Reasons.MALFORMED);
    assertThat(reason("CONNECT a:443 HTTP/1.1\r\nContent-Length: 0\r\n\r\n")).isEqualTo("accepted");
    assertThat(reason("CONNECT a:443 HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n")).isEqualTo(Reasons.UNSUPPORTED);
  }

  @Test
  void absoluteFormBecomesOriginForm() throws Exception {
    assertThat(request("GET http://a.example/x/y?q=1 HTTP/1.1\r\nHost: a.example\r\n\r\n").originForm()).isEqualTo("/x/y?q=1");
    assertThat(request("GET http://a.example HTTP/1.1\r\nHost: a.example\r\n\r\n").originForm()).isEqualTo("/");
    // RFC 9112 section 3.2.4: an empty path becomes "/", also before a query
    assertThat(request("GET http://a.example?q HTTP/1.1\r\nHost: a.example\r\n\r\n").originForm()).isEqualTo("/?q");
    assertThat(request("OPTIONS HTTP://a.example:8080/ HTTP/1.1\r\nHost: a.example:8080\r\n\r\n").authority())
        .isEqualTo("a.example:8080");
  }

  @Test
  void framingFollowsRfc9112Section6() throws Exception {
    assertThat(request("POST http://a/ HTTP/1.1\r\nHost: a\r\nContent-Length: 10\r\n\r\n").framing()).isEqualTo(Framing.LENGTH);
    assertThat(request("POST http://a/ HTTP/1.1\r\nHost: a\r\nContent-Length: 0\r\n\r\n").framing()).isEqualTo(Framing.NONE);
    assertThat(request("POST http://a/ HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: Chunked\r\n\r\n").framing()).isEqualTo(Framing.CHUNKED);
    assertThat(request("GET http://a/ HTTP/1.1\r\nHost: a\r\n\r\n").framing()).isEqualTo(Framing.NONE);
    assertThat(reason("POST http://a/ HTTP/1.1\r\nHost: a\r\nContent-Length: 007\r\n\r\n")).isEqualTo(Reasons.AMBIGUOUS_LENGTH);
    assertThat(reason("POST http://a/ HTTP/1.1\r\nHost: a\r\nContent-Length: 1234567890123456789\r\n\r\n"))
        .isEqualTo(Reasons.AMBIGUOUS_LENGTH);
  }

  @Test
  void connectionCloseAndHttp10Close() throws Exception {
    assertThat(request("GET http://a/ HTTP/1.1\r\nHost: a\r\n\r\n").close()).isFalse();
    assertThat(request("GET http://a/ HTTP/1.1\r\nHost: a\r\nConnection: Keep-Alive, CLOSE\r\n\r\n").close()).isTrue();
    assertThat(request("GET http://a/ HTTP/1.0\r\n\r\n").close()).isTrue();
    assertThat(reason("GET http://a/ HTTP/1.1\r\nHost: a\r\nConnection: host\r\n\r\n")).isEqualTo(Reasons.AMBIGUOUS_LENGTH);
  }

  @Test
  void headSyntax() {
    assertThat(reason("GET http://a/ HTTP/1.1\r\nHost: a\r\n: empty-name\r\n\r\n")).isEqualTo(Reasons.MALFORMED);
    assertThat(reason("GET http://a/ HTTP/1.1\r\nHost: a\r\nno-colon\r\n\r\n")).isEqualTo(Reasons.MALFORMED);
    assertThat(reason("GET http://a/ HTTP/1.1\r\nHost: a\r\nX(y): 1\r\n\r\n")).isEqualTo(Reasons.MALFORMED);
    assertThat(reason("GET http://a/ HTTP/1.1\r\nHost: a\r\nX: a\u007fb\r\n\r\n")).isEqualTo(Reasons.MALFORMED);
    assertThat(reason("GET http://a/\u0001 HTTP/1.1\r\nHost: a\r\n\r\n")).isEqualTo(Reasons.MALFORMED);
    assertThat(reason("GET http://a/\u00e9 HTTP/1.1\r\nHost: a\r\n\r\n")).isEqualTo(Reasons.MALFORMED);
    assertThat(reason("GET\thttp://a/ HTTP/1.1\r\nHost: a\r\n\r\n")).isEqualTo(Reasons.MALFORMED);
    assertThat(reason("G@T http://a/ HTTP/1.1\r\nHost: a\r\n\r\n")).isEqualTo(Reasons.MALFORMED);
    assertThat(reason("GET http://a/ HTTP/1.2\r\nHost: a\r\n\r\n")).isEqualTo(Reasons.UNSUPPORTED);
    assertThat(reason("GET http://a/ http/1.1\r\nHost: a\r\n\r\n")).isEqualTo(Reasons.UNSUPPORTED);
    assertThat(reason("GET ftp://a/ HTTP/1.1\r\nHost: a\r\n\r\n")).isEqualTo(Reasons.UNSUPPORTED);
    assertThat(reason("GET http:///x HTTP/1.1\r\nHost: a\r\n\r\n")).isEqualTo(Reasons.MALFORMED);
    assertThat(reason("GET http://a/ HTTP/1.1\r\nHost: a\r\nX: v\r\n")).isEqualTo(Reasons.MALFORMED);
  }

  @Test
  void valuesKeepObsTextAndLoseSurroundingWhitespace() throws Exception {
    ProxyRequest r = request("GET http://a/ HTTP/1.1\r\nHost: a\r\nX-Name: \t caf\u00e9 au lait \t\r\n\r\n");
    assertThat(r.forwardFields()).containsExactly(new HeaderField("X-Name", "caf\u00e9 au lait"));
  }

  @Test
  void chunkSizes() throws Exception {
    assertThat(ChunkedBody.size("0\r\n".getBytes(StandardCharsets.US_ASCII))).isZero();
    assertThat(ChunkedBody.size("fFfF;x=\"y z\"\r\n".getBytes(StandardCharsets.US_ASCII))).isEqualTo(0xffff);
    assertThat(ChunkedBody.size("00000000000000a\r\n".getBytes(StandardCharsets.US_ASCII))).isEqualTo(10);
    assertThatThrownBy(() -> ChunkedBody.size("0000000000000000a\r\n".getBytes(StandardCharsets.US_ASCII)))
        .isInstanceOf(BadMessage.class);
    assertThatThrownBy(() -> ChunkedBody.size("\r\n".getBytes(StandardCharsets.US_ASCII))).isInstanceOf(BadMessage.class);
  }
}
