package dev.hostpolicy.http.internal.proxy;

import dev.hostpolicy.api.SafeText;
import java.nio.charset.StandardCharsets;

/** The proxy's own responses: short, {@code text/plain}, always {@code Connection: close}. */
final class Responses {
  private Responses() {}

  static final byte[] CONNECT_OK = "HTTP/1.1 200 Connection Established\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
  static final byte[] CONTINUE = "HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

  /**
   * A complete response. {@code reason} (a reason code, never attacker text) goes into
   * {@code X-HostPolicy-Deny} when not {@code null}; {@code extra} are whole header lines.
   */
  static byte[] of(int status, String phrase, String reason, String text, String... extra) {
    String body = "HostPolicy egress proxy: " + SafeText.clean(text, 400) + "\n";
    byte[] bodyBytes = body.getBytes(StandardCharsets.UTF_8);
    StringBuilder sb = new StringBuilder(256 + bodyBytes.length);
    sb.append("HTTP/1.1 ").append(status).append(' ').append(phrase).append("\r\n");
    if (reason != null) {
      sb.append(ResponseHead.DENY_HEADER).append(": ").append(reason).append("\r\n");
    }
    for (String h : extra) {
      sb.append(h).append("\r\n");
    }
    sb.append("Content-Type: text/plain; charset=utf-8\r\n");
    sb.append("Content-Length: ").append(bodyBytes.length).append("\r\n");
    sb.append("Connection: close\r\n\r\n");
    byte[] head = sb.toString().getBytes(StandardCharsets.US_ASCII);
    byte[] out = new byte[head.length + bodyBytes.length];
    System.arraycopy(head, 0, out, 0, head.length);
    System.arraycopy(bodyBytes, 0, out, head.length, bodyBytes.length);
    return out;
  }

  static byte[] badRequest(String reason, String detail) {
    return of(400, "Bad Request", reason, "bad request (" + reason + "): " + detail);
  }

  static byte[] forbidden(String reason, String detail) {
    return of(403, "Forbidden", reason, "denied (" + reason + "): " + detail);
  }

  static byte[] authRequired(String reason) {
    return of(407, "Proxy Authentication Required", reason,
        "proxy authentication required (" + reason + "): use the per-run proxy token", ProxyAuth.CHALLENGES);
  }

  static byte[] unavailable() {
    return of(503, "Service Unavailable", Reasons.CAPACITY, "every connection slot is in use; retry shortly", "Retry-After: 1");
  }

  static byte[] badGateway(String reason, String detail) {
    return of(502, "Bad Gateway", null, "bad gateway (" + reason + "): " + detail);
  }

  static byte[] gatewayTimeout(String detail) {
    return of(504, "Gateway Timeout", null, "gateway timeout (" + Reasons.UPSTREAM_TIMEOUT + "): " + detail);
  }
}
