package dev.hostpolicy.http.internal.proxy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * An origin's response head, validated and rewritten for the client: the status line re-emitted,
 * hop-by-hop fields, {@code Proxy-*} fields and {@value #DENY_HEADER} removed (so an origin cannot
 * forge a proxy denial), and the body framing decided as RFC 9112 section 6.3 says — an ambiguous
 * response is refused, never passed on.
 */
final class ResponseHead {
  /** The header the proxy puts on its own denials; stripped from every upstream response. */
  static final String DENY_HEADER = "X-HostPolicy-Deny";

  private final int status;
  private final String reasonPhrase;
  private final Framing framing;
  private final long length;
  private final boolean originCloses;
  private final List<HeaderField> forward;

  private ResponseHead(int status, String reasonPhrase, Framing framing, long length, boolean originCloses,
      List<HeaderField> forward) {
    this.status = status;
    this.reasonPhrase = reasonPhrase;
    this.framing = framing;
    this.length = length;
    this.originCloses = originCloses;
    this.forward = List.copyOf(forward);
  }

  /**
   * Validates a response head to a request with method {@code method}.
   *
   * @throws BadMessage with {@link Reasons#BAD_UPSTREAM_RESPONSE}
   */
  static ResponseHead of(Head head, String method) throws BadMessage {
    String line = head.startLine();
    if (!(line.startsWith("HTTP/1.1 ") || line.startsWith("HTTP/1.0 ")) || line.length() < 12) {
      throw bad("the status line is not HTTP/1.x NNN");
    }
    int status = 0;
    for (int i = 9; i < 12; i++) {
      char c = line.charAt(i);
      if (c < '0' || c > '9') {
        throw bad("the status code is not three digits");
      }
      status = status * 10 + (c - '0');
    }
    if (status < 100) {
      throw bad("status code below 100");
    }
    String phrase = "";
    if (line.length() > 12) {
      if (line.charAt(12) != ' ') {
        throw bad("no space after the status code");
      }
      phrase = line.substring(13);
    }
    List<String> te = head.values("transfer-encoding");
    List<String> cl = head.values("content-length");
    if (!te.isEmpty() && !cl.isEmpty()) {
      throw bad("both Content-Length and Transfer-Encoding");
    }
    if (cl.size() > 1 || te.size() > 1) {
      throw bad("repeated Content-Length or Transfer-Encoding");
    }
    boolean http10 = line.startsWith("HTTP/1.0 ");
    List<String> connection = head.tokens("connection");
    boolean originCloses = http10 && !connection.contains("keep-alive") || connection.contains("close");
    Framing framing;
    long length = 0;
    if (method.equals("HEAD") || status < 200 || status == 204 || status == 304) {
      framing = Framing.NONE;
    } else if (!te.isEmpty()) {
      framing = lastCodingIsChunked(te.get(0)) ? Framing.CHUNKED : Framing.UNTIL_CLOSE;
    } else if (!cl.isEmpty()) {
      try {
        length = ProxyRequest.contentLength(cl.get(0));
      } catch (BadMessage e) {
        throw bad("Content-Length is not a plain decimal number");
      }
      framing = length == 0 ? Framing.NONE : Framing.LENGTH;
    } else {
      framing = Framing.UNTIL_CLOSE;
    }
    for (String token : connection) {
      if (token.equals("content-length") || token.equals("transfer-encoding")) {
        throw bad("Connection names " + token);
      }
    }
    List<HeaderField> forward = new ArrayList<>();
    for (HeaderField f : head.fields()) {
      String k = f.key();
      if (ProxyRequest.HOP_BY_HOP.contains(k) || k.startsWith("proxy-") || k.equalsIgnoreCase(DENY_HEADER)
          || connection.contains(k)) {
        continue;
      }
      forward.add(f);
    }
    return new ResponseHead(status, clean(phrase), framing, length, originCloses, forward);
  }

  private static boolean lastCodingIsChunked(String te) {
    String[] codings = te.split(",", -1);
    return codings[codings.length - 1].strip().equalsIgnoreCase("chunked");
  }

  private static String clean(String phrase) {
    StringBuilder sb = new StringBuilder(phrase.length());
    for (int i = 0; i < phrase.length() && sb.length() < 64; i++) {
      char c = phrase.charAt(i);
      sb.append(c >= 0x20 && c < 0x7f ? c : '?');
    }
    return sb.toString();
  }

  private static BadMessage bad(String detail) {
    return new BadMessage(Reasons.BAD_UPSTREAM_RESPONSE, "the origin's response was refused: " + detail);
  }

  int status() {
    return status;
  }

  Framing framing() {
    return framing;
  }

  long contentLength() {
    return length;
  }

  /** Whether the origin said it closes the connection after this response. */
  boolean originCloses() {
    return originCloses;
  }

  List<HeaderField> forwardFields() {
    return forward;
  }

  /** The head to send the client, ending with {@code Connection: keep-alive} or {@code close}. */
  byte[] encode(boolean keepAlive) {
    StringBuilder sb = new StringBuilder(256);
    sb.append("HTTP/1.1 ").append(status).append(' ').append(reasonPhrase).append("\r\n");
    for (HeaderField f : forward) {
      sb.append(f.line());
    }
    if (status >= 200) {
      sb.append(keepAlive ? "Connection: keep-alive\r\n" : "Connection: close\r\n");
    }
    sb.append("\r\n");
    return sb.toString().getBytes(StandardCharsets.ISO_8859_1);
  }
}
