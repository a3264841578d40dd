package dev.hostpolicy.http.internal.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The request line and the request fields the proxy interprets (RFC 9112 sections 3 and 6.3,
 * RFC 9110 section 9.3.6): the boundaries mutation testing found no example for.
 */
class RequestLineTest {

  private static ProxyRequest request(String head) throws BadMessage {
    byte[] b = head.getBytes(StandardCharsets.ISO_8859_1);
    return ProxyRequest.of(HeadParser.parse(b, b.length));
  }

  private static String outcome(String requestLine, String fields) {
    try {
      request(requestLine + "\r\n" + fields + "\r\n");
      return "accepted";
    } catch (BadMessage e) {
      return e.reason() + ": " + e.detail();
    }
  }

  /** With {@code Host: a.example} unless it is a CONNECT (an HTTP/1.1 request needs one). */
  private static String outcome(String requestLine) {
    return outcome(requestLine, requestLine.startsWith("CONNECT ") ? "" : "Host: a.example\r\n");
  }

  @Test
  void theRequestLineIsExactlyMethodSpTargetSpVersion() {
    assertThat(outcome("GET http://a.example/ HTTP/1.1")).isEqualTo("accepted");
    for (String bad : new String[] {" GET http://a.example/ HTTP/1.1", "GET  http://a.example/ HTTP/1.1",
        "GET http://a.example/  HTTP/1.1", "GET http://a.example/ HTTP/1.1 ", "GET http://a.example/\tHTTP/1.1",
        "GET\thttp://a.example/ HTTP/1.1", "GET http://a.example/", "GET"}) {
      assertThat(outcome(bad)).as(bad).startsWith(Reasons.MALFORMED + ": the request line is not METHOD SP TARGET SP VERSION");
    }
    assertThat(outcome("G(T http://a.example/ HTTP/1.1")).startsWith(Reasons.MALFORMED + ": the method is not a token");
    assertThat(outcome("GET http://a.example/\u007f HTTP/1.1")).startsWith(Reasons.MALFORMED);
    assertThat(outcome("GET http://a.example/\u0080 HTTP/1.1")).startsWith(Reasons.MALFORMED + ": the request target holds a character outside visible ASCII");
    assertThat(outcome("GET http://a.example/~! HTTP/1.1")).isEqualTo("accepted");
    assertThat(outcome("GET http://a.example/ HTTP/2.0")).startsWith(Reasons.UNSUPPORTED + ": only HTTP/1.1 and HTTP/1.0");
    assertThat(outcome("GET http://a.example/ http/1.1")).startsWith(Reasons.UNSUPPORTED);
  }

  @Test
  void versionMethodAndConnectionFlags() throws Exception {
    ProxyRequest v10 = request("GET http://a.example/ HTTP/1.0\r\n\r\n");
    assertThat(v10.http11()).isFalse();
    assertThat(v10.close()).isTrue();
    assertThat(v10.isConnect()).isFalse();
    ProxyRequest v11 = request("GET http://a.example/ HTTP/1.1\r\nHost: a.example\r\n\r\n");
    assertThat(v11.http11()).isTrue();
    assertThat(v11.close()).isFalse();
    assertThat(request("GET http://a.example/ HTTP/1.1\r\nHost: a.example\r\nConnection: close\r\n\r\n").close()).isTrue();
    assertThat(request("CONNECT a.example:443 HTTP/1.1\r\n\r\n").isConnect()).isTrue();
  }

  @Test
  void contentLengthIsAPlainDecimalOfAtMost18Digits() throws Exception {
    assertThat(ProxyRequest.contentLength("0")).isZero();
    assertThat(ProxyRequest.contentLength("9")).isEqualTo(9);
    assertThat(ProxyRequest.contentLength("10")).isEqualTo(10);
    assertThat(ProxyRequest.contentLength("999999999999999999")).isEqualTo(999_999_999_999_999_999L);
    assertThat(ProxyRequest.contentLength("123456789012345678")).isEqualTo(123_456_789_012_345_678L);
    for (String bad : new String[] {"", "00", "01", "1000000000000000000", "+1", "-1", "1 ", "/", ":", "1a", "1.0"}) {
      assertThat(outcome("POST http://a.example/ HTTP/1.1", "Host: a.example\r\nContent-Length: " + bad + "\r\n"))
          .as(bad).startsWith(bad.endsWith(" ") ? "accepted" : Reasons.AMBIGUOUS_LENGTH);
    }
  }

  @Test
  void aConnectTargetIsHostColonPort() {
    assertThat(outcome("CONNECT a:1 HTTP/1.1")).isEqualTo("accepted");
    assertThat(outcome("CONNECT [::1]:443 HTTP/1.1")).isEqualTo("accepted");
    for (String bad : new String[] {"a", "a:", ":", "[::1]", "[::1:443]", "a:443/", "a:443?x", "a:443#x"}) {
      assertThat(outcome("CONNECT " + bad + " HTTP/1.1")).as(bad).startsWith(Reasons.MALFORMED + ": a CONNECT target");
    }
  }

  @Test
  void theAbsoluteFormNeedsAScheme() {
    assertThat(outcome("GET ://a.example/ HTTP/1.1")).startsWith(Reasons.UNSUPPORTED + ": the request target is neither");
    assertThat(outcome("GET /x HTTP/1.1")).startsWith(Reasons.UNSUPPORTED + ": an origin-form request");
    assertThat(outcome("GET h://a.example/ HTTP/1.1")).startsWith(Reasons.UNSUPPORTED + ": only http:// URLs");
    assertThat(outcome("GET HTTPS://a.example/ HTTP/1.1")).startsWith(Reasons.UNSUPPORTED + ": https:// in absolute form");
    assertThat(outcome("GET http://a.example/#f HTTP/1.1")).startsWith(Reasons.MALFORMED + ": a fragment");
  }
}
