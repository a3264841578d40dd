package dev.hostpolicy.http.internal.proxy;

import dev.hostpolicy.api.SafeText;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * A request to the proxy, validated: either {@code CONNECT host:port} or an absolute-form
 * {@code http://} request to forward. Everything that could let the proxy and the origin disagree
 * about the message is refused here, before any connection is made.
 */
final class ProxyRequest {
  /** Header fields that belong to one connection (RFC 9110 section 7.6.1) and never travel on. */
  static final Set<String> HOP_BY_HOP = Set.of("connection", "keep-alive", "proxy-connection", "te", "trailer", "upgrade");

  private final String method;
  private final String target;
  private final boolean http11;
  private final boolean connect;
  private final String authority;
  private final String originForm;
  private final Framing framing;
  private final long length;
  private final boolean close;
  private final boolean expectContinue;
  private final Optional<String> host;
  private final Optional<String> proxyAuthorization;
  private final List<HeaderField> forward;

  private ProxyRequest(String method, String target, boolean http11, boolean connect, String authority, String originForm,
      Framing framing, long length, boolean close, boolean expectContinue, Optional<String> host,
      Optional<String> proxyAuthorization, List<HeaderField> forward) {
    this.method = method;
    this.target = target;
    this.http11 = http11;
    this.connect = connect;
    this.authority = authority;
    this.originForm = originForm;
    this.framing = framing;
    this.length = length;
    this.close = close;
    this.expectContinue = expectContinue;
    this.host = host;
    this.proxyAuthorization = proxyAuthorization;
    this.forward = List.copyOf(forward);
  }

  /**
   * Validates a parsed request head.
   *
   * @throws BadMessage for anything ambiguous or unsupported
   */
  static ProxyRequest of(Head head) throws BadMessage {
    String line = head.startLine();
    int sp1 = line.indexOf(' ');
    int sp2 = sp1 < 0 ? -1 : line.indexOf(' ', sp1 + 1);
    if (sp1 <= 0 || sp2 < 0 || line.indexOf(' ', sp2 + 1) >= 0 || line.indexOf('\t') >= 0) {
      throw new BadMessage(Reasons.MALFORMED, "the request line is not METHOD SP TARGET SP VERSION");
    }
    String method = line.substring(0, sp1);
    String target = line.substring(sp1 + 1, sp2);
    String version = line.substring(sp2 + 1);
    for (int i = 0; i < method.length(); i++) {
      if (!HeadParser.isTchar(method.charAt(i))) {
        throw new BadMessage(Reasons.MALFORMED, "the method is not a token");
      }
    }
    if (target.isEmpty()) {
      throw new BadMessage(Reasons.MALFORMED, "empty request target");
    }
    for (int i = 0; i < target.length(); i++) {
      char c = target.charAt(i);
      if (c <= 0x20 || c >= 0x7f) {
        throw new BadMessage(Reasons.MALFORMED, "the request target holds a character outside visible ASCII");
      }
    }
    boolean http11;
    if (version.equals("HTTP/1.1")) {
      http11 = true;
    } else if (version.equals("HTTP/1.0")) {
      http11 = false;
    } else {
      throw new BadMessage(Reasons.UNSUPPORTED, "only HTTP/1.1 and HTTP/1.0 are spoken here, not " + SafeText.clean(version, 20));
    }

    List<String> hosts = head.values("host");
    if (hosts.size() > 1) {
      throw new BadMessage(Reasons.MALFORMED, "more than one Host header field");
    }
    List<String> auth = head.values("proxy-authorization");
    if (auth.size() > 1) {
      throw new BadMessage(Reasons.MALFORMED, "more than one Proxy-Authorization header field");
    }
    List<String> te = head.values("transfer-encoding");
    List<String> cl = head.values("content-length");
    if (!te.isEmpty() && !cl.isEmpty()) {
      throw new BadMessage(Reasons.AMBIGUOUS_LENGTH, "both Content-Length and Transfer-Encoding (request smuggling)");
    }
    if (cl.size() > 1) {
      throw new BadMessage(Reasons.AMBIGUOUS_LENGTH, "more than one Content-Length header field");
    }
    if (te.size() > 1) {
      throw new BadMessage(Reasons.AMBIGUOUS_LENGTH, "more than one Transfer-Encoding header field");
    }
    Framing framing = Framing.NONE;
    long length = 0;
    if (!te.isEmpty()) {
      if (!http11) {
        throw new BadMessage(Reasons.AMBIGUOUS_LENGTH, "Transfer-Encoding in an HTTP/1.0 request (RFC 9112 section 6.1)");
      }
      if (!te.get(0).equalsIgnoreCase("chunked")) {
        throw new BadMessage(Reasons.AMBIGUOUS_LENGTH, "a Transfer-Encoding other than exactly chunked");
      }
      framing = Framing.CHUNKED;
    } else if (!cl.isEmpty()) {
      length = contentLength(cl.get(0));
      framing = length == 0 ? Framing.NONE : Framing.LENGTH;
    }

    List<String> connection = head.tokens("connection");
    for (String token : connection) {
      if (token.equals("content-length") || token.equals("transfer-encoding") || token.equals("host")) {
        throw new BadMessage(Reasons.AMBIGUOUS_LENGTH, "Connection names " + token + ", which must reach the origin");
      }
    }
    boolean close = !http11 || connection.contains("close");
    List<String> expect = head.values("expect");
    boolean expectContinue = false;
    for (String e : expect) {
      if (!e.equalsIgnoreCase("100-continue")) {
        throw new BadMessage(Reasons.UNSUPPORTED, "an Expect other than 100-continue");
      }
      expectContinue = true;
    }

    boolean connect = method.equals("CONNECT");
    String authority;
    String originForm = "";
    if (connect) {
      if (framing != Framing.NONE) {
        throw new BadMessage(Reasons.UNSUPPORTED, "a CONNECT request with a body");
      }
      authority = connectAuthority(target);
    } else {
      int colonSlash = target.indexOf("://");
      if (colonSlash <= 0) {
        throw new BadMessage(Reasons.UNSUPPORTED, target.startsWith("/")
            ? "an origin-form request: this is a proxy; send the absolute URL (http://host/path) or CONNECT"
            : "the request target is neither absolute-form nor authority-form");
      }
      String scheme = target.substring(0, colonSlash).toLowerCase(Locale.ROOT);
      if (!scheme.equals("http")) {
        throw new BadMessage(Reasons.UNSUPPORTED, scheme.equals("https")
            ? "https:// in absolute form: use CONNECT for https"
            : "only http:// URLs are forwarded");
      }
      if (target.indexOf('#') >= 0) {
        throw new BadMessage(Reasons.MALFORMED, "a fragment in the request target");
      }
      String rest = target.substring(colonSlash + 3);
      int end = rest.length();
      for (int i = 0; i < rest.length(); i++) {
        char c = rest.charAt(i);
        if (c == '/' || c == '?') {
          end = i;
          break;
        }
      }
      authority = rest.substring(0, end);
      String path = rest.substring(end);
      originForm = path.isEmpty() ? "/" : path.startsWith("?") ? "/" + path : path;
      if (authority.isEmpty()) {
        throw new BadMessage(Reasons.MALFORMED, "no host in the request target");
      }
      if (http11 && hosts.isEmpty()) {
        throw new BadMessage(Reasons.MALFORMED, "an HTTP/1.1 request without a Host header field (RFC 9112 section 3.2)");
      }
    }

    List<String> dropped = new ArrayList<>(connection);
    List<HeaderField> forward = new ArrayList<>();
    for (HeaderField f : head.fields()) {
      String k = f.key();
      if (HOP_BY_HOP.contains(k) || k.startsWith("proxy-") || k.equals("host") || k.equals("expect") || dropped.contains(k)) {
        continue;
      }
      forward.add(f);
    }
    return new ProxyRequest(method, target, http11, connect, authority, originForm, framing, length, close, expectContinue,
        hosts.isEmpty() ? Optional.empty() : Optional.of(hosts.get(0)),
        auth.isEmpty() ? Optional.empty() : Optional.of(auth.get(0)), forward);
  }

  /** {@code host:port} or {@code [v6]:port}, nothing else (RFC 9110 section 9.3.6). */
  private static String connectAuthority(String target) throws BadMessage {
    if (target.indexOf('/') >= 0 || target.indexOf('?') >= 0 || target.indexOf('#') >= 0) {
      throw new BadMessage(Reasons.MALFORMED, "a CONNECT target is host:port, not a URL");
    }
    int colon = target.lastIndexOf(':');
    boolean bracketed = target.startsWith("[");
    if (colon < 0 || bracketed && colon < target.indexOf(']') || colon == target.length() - 1) {
      throw new BadMessage(Reasons.MALFORMED, "a CONNECT target needs a port: host:port");
    }
    return target;
  }

  /** 1*DIGIT without leading zeros, at most 18 digits. */
  static long contentLength(String v) throws BadMessage {
    if (v.isEmpty() || v.length() > 18 || v.length() > 1 && v.charAt(0) == '0') {
      throw new BadMessage(Reasons.AMBIGUOUS_LENGTH, "Content-Length is not a plain decimal number");
    }
    long n = 0;
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      if (c < '0' || c > '9') {
        throw new BadMessage(Reasons.AMBIGUOUS_LENGTH, "Content-Length is not a plain decimal number");
      }
      n = n * 10 + (c - '0');
    }
    return n;
  }

  String method() {
    return method;
  }

  /** The request target as sent (never logged: it may hold a query with secrets). */
  String target() {
    return target;
  }

  boolean http11() {
    return http11;
  }

  boolean isConnect() {
    return connect;
  }

  /** The authority of the target, as sent ({@code host:port} for CONNECT, {@code host[:port]} in a URL). */
  String authority() {
    return authority;
  }

  /** For a forwarded request: the path and query ({@code /} when empty). */
  String originForm() {
    return originForm;
  }

  Framing framing() {
    return framing;
  }

  long contentLength() {
    return length;
  }

  /** Whether the client asked to close after this exchange (or speaks HTTP/1.0). */
  boolean close() {
    return close;
  }

  boolean expectContinue() {
    return expectContinue;
  }

  Optional<String> host() {
    return host;
  }

  Optional<String> proxyAuthorization() {
    return proxyAuthorization;
  }

  /** The header fields that travel to the origin: no hop-by-hop, Proxy-*, Host or Expect fields. */
  List<HeaderField> forwardFields() {
    return forward;
  }
}
