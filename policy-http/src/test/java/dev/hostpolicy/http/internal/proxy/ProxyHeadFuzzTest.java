package dev.hostpolicy.http.internal.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.hostpolicy.api.Decision;
import dev.hostpolicy.api.Secret;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * Jazzer fuzz targets for the egress proxy's parsers of bytes from a client or an upstream: the
 * request head (start line and header fields), the response head, chunk-size lines and
 * Proxy-Authorization. Anything may come in; what comes out is a parsed value or a
 * {@link BadMessage} with a stable reason code — never another exception. Seeds:
 * {@code src/test/resources/dev/hostpolicy/http/internal/proxy/ProxyHeadFuzzTestInputs/}.
 */
class ProxyHeadFuzzTest {
  private static final Secret TOKEN = Secret.fromUtf8("proxy-token-0123456789");

  private static void typed(BadMessage e) {
    assertThat(Decision.isValidReasonCode(e.reason())).as(e.reason()).isTrue();
  }

  /** A request head as a client sends it: parsed and validated, or refused. */
  @FuzzTest(maxDuration = "2m")
  void requestHeads(byte[] data) {
    try {
      Head head = HeadParser.parse(data, data.length);
      ProxyRequest r = ProxyRequest.of(head);
      assertThat(r.authority()).isNotEmpty();
    } catch (BadMessage e) {
      typed(e);
    }
  }

  /** A response head as an upstream sends it, to a GET or a HEAD. */
  @FuzzTest(maxDuration = "2m")
  void responseHeads(byte[] data) {
    for (String method : new String[] {"GET", "HEAD"}) {
      try {
        ResponseHead.of(HeadParser.parse(data, data.length), method);
      } catch (BadMessage e) {
        typed(e);
      }
    }
  }

  /** A chunk-size line (RFC 9112 section 7.1): a non-negative size or a refusal. */
  @FuzzTest(maxDuration = "2m")
  void chunkSizeLines(byte[] data) {
    try {
      assertThat(ChunkedBody.size(data)).isNotNegative();
    } catch (BadMessage e) {
      typed(e);
    }
  }

  /** A Proxy-Authorization value: passes only when it carries the token. */
  @FuzzTest(maxDuration = "2m")
  void proxyAuthorization(byte[] data) {
    String header = new String(data, StandardCharsets.ISO_8859_1);
    Optional<String> refusal = ProxyAuth.check(Optional.of(TOKEN), Optional.of(header));
    refusal.ifPresent(reason -> assertThat(Decision.isValidReasonCode(reason)).isTrue());
    String utf8 = new String(data, StandardCharsets.UTF_8);
    if (refusal.isEmpty()) {
      // accepted: the credentials are exactly the token (Bearer) or user:token (Basic)
      int sp = header.indexOf(' ');
      String credentials = header.substring(sp + 1).strip();
      String presented = header.substring(0, sp).equalsIgnoreCase("Basic")
          ? new String(Base64.getDecoder().decode(credentials), StandardCharsets.ISO_8859_1).replaceFirst("^[^:]*:", "")
          : credentials;
      assertThat(presented).as("accepted %s", header).isEqualTo("proxy-token-0123456789");
    }
    assertThat(ProxyAuth.check(Optional.of(TOKEN), Optional.of(utf8))).isNotNull();
  }
}
