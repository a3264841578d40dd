package dev.hostpolicy.core.net;

import dev.hostpolicy.api.PolicyViolationException;
import dev.hostpolicy.api.SafeText;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a connection wants to go: a normalised host (or strict IP literal) and a port, parsed from
 * {@code host}, {@code host:port}, {@code [v6]}, {@code [v6]:port} or an {@code http}/{@code https}
 * URL. A bare host means port 443.
 *
 * <p>Parsing fails closed with a reason code (a {@link PolicyViolationException}):
 *
 * <ul>
 *   <li>{@code egress.userinfo} — any {@code @} before the path ({@code http://user@host},
 *       {@code http://good#@evil}, {@code http://good;@evil}, {@code user@host:443}): parsers disagree
 *       about which side is the host;
 *   <li>{@code egress.ambiguous-ip-literal} — a numeric host that is not an ASCII strict dotted quad:
 *       {@code 0177.0.0.1}, {@code 0x7f.1}, {@code 2130706433}, {@code 127.1}, {@code 7147006462},
 *       fullwidth or other non-ASCII digits, {@code 127.0.0.1.};
 *   <li>{@code egress.malformed-target} — a backslash anywhere, percent-encoding, CR/LF, spaces or
 *       other control characters, a scheme other than http/https, a port outside 1–65535 or with
 *       leading zeros or empty, an unbracketed IPv6, a zone id, {@code [IPvFuture]}, an invalid host
 *       name.
 * </ul>
 *
 * <pre>{@code
 * EgressTarget t = EgressTarget.parse("https://Bücher.example./path?q=1");
 * t.host();       // "xn--bcher-kva.example"
 * t.port();       // 443
 * t.authority();  // "xn--bcher-kva.example:443"
 * EgressTarget.parse("http://0x7f.1/");   // throws: egress.ambiguous-ip-literal
 * }</pre>
 */
public final class EgressTarget {
  /** Longest target text looked at. */
  public static final int MAX_LENGTH = 8192;

  private final String scheme; // may be null
  private final String host;
  private final IpAddress ip; // may be null
  private final int port;

  private EgressTarget(String scheme, String host, IpAddress ip, int port) {
    this.scheme = scheme;
    this.host = host;
    this.ip = ip;
    this.port = port;
  }

  /**
   * Parses a target.
   *
   * @throws PolicyViolationException with {@code egress.userinfo}, {@code egress.ambiguous-ip-literal}
   *     or {@code egress.malformed-target}
   */
  public static EgressTarget parse(String text) {
    Objects.requireNonNull(text, "text");
    if (text.isEmpty()) {
      throw malformed(text, "empty target");
    }
    if (text.length() > MAX_LENGTH) {
      throw malformed(text, "target longer than " + MAX_LENGTH + " characters");
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < 0x21 || c == 0x7f || (c >= 0x80 && c <= 0x9f)) {
        throw malformed(text, "control character or whitespace in the target");
      }
      if (c == '\\') {
        throw malformed(text, "backslash in the target (WHATWG parsers read it as '/')");
      }
    }
    int colonSlash = text.indexOf("://");
    int firstSlash = text.indexOf('/');
    if (colonSlash >= 0 && (firstSlash < 0 || colonSlash < firstSlash)) {
      String scheme = text.substring(0, colonSlash).toLowerCase(Locale.ROOT);
      int defaultPort;
      if (scheme.equals("http")) {
        defaultPort = 80;
      } else if (scheme.equals("https")) {
        defaultPort = 443;
      } else {
        throw malformed(text, "only http and https URLs are egress targets");
      }
      String rest = text.substring(colonSlash + 3);
      int pathStart = rest.indexOf('/');
      String beforePath = pathStart < 0 ? rest : rest.substring(0, pathStart);
      if (beforePath.indexOf('@') >= 0) {
        throw new PolicyViolationException("egress.userinfo",
            "userinfo ('@' before the path) is refused: " + SafeText.clean(text, 200));
      }
      int end = rest.length();
      for (int i = 0; i < rest.length(); i++) {
        char c = rest.charAt(i);
        if (c == '/' || c == '?' || c == '#') {
          end = i;
          break;
        }
      }
      return fromAuthority(text, scheme, rest.substring(0, end), defaultPort);
    }
    if (text.contains(":/") || text.startsWith("/")) {
      throw malformed(text, "expected host, host:port, [v6]:port or an http(s):// URL");
    }
    if (text.indexOf('@') >= 0) {
      throw new PolicyViolationException("egress.userinfo", "userinfo ('@') is refused: " + SafeText.clean(text, 200));
    }
    if (text.indexOf('/') >= 0 || text.indexOf('?') >= 0 || text.indexOf('#') >= 0) {
      throw malformed(text, "a host:port target has no path, query or fragment");
    }
    return fromAuthority(text, null, text, 443);
  }

  /**
   * The target {@code host}:{@code port}, for a CONNECT request or a socket address; the host is
   * parsed like the host part of {@link #parse(String)} (an IPv6 literal with or without brackets).
   *
   * @throws PolicyViolationException as {@link #parse(String)} does
   */
  public static EgressTarget of(String host, int port) {
    Objects.requireNonNull(host, "host");
    if (port < 1 || port > 65535) {
      throw malformed(host, "port " + port + " is outside 1-65535");
    }
    String h = host;
    if (h.indexOf(':') >= 0 && !h.startsWith("[")) {
      h = "[" + h + "]";
    }
    return fromAuthority(host, null, h + ":" + port, port);
  }

  private static EgressTarget fromAuthority(String text, String scheme, String authority, int defaultPort) {
    if (authority.isEmpty()) {
      throw malformed(text, "no host");
    }
    if (authority.indexOf('%') >= 0) {
      throw malformed(text, "percent-encoding (or an RFC 6874 zone id) in the host is refused");
    }
    String hostPart;
    String portPart = null;
    if (authority.startsWith("[")) {
      int close = authority.indexOf(']');
      if (close < 0) {
        throw malformed(text, "missing ']'");
      }
      hostPart = authority.substring(1, close);
      String rest = authority.substring(close + 1);
      if (!rest.isEmpty()) {
        if (rest.charAt(0) != ':') {
          throw malformed(text, "only ':port' may follow ']'");
        }
        portPart = rest.substring(1);
      }
      if (hostPart.startsWith("v") || hostPart.startsWith("V")) {
        throw malformed(text, "IPvFuture literals are refused");
      }
      Optional<IpAddress> v6 = IpAddress.tryParse(hostPart).filter(IpAddress::isIpv6);
      if (v6.isEmpty()) {
        throw malformed(text, "brackets must hold a strict IPv6 literal");
      }
      int port = portPart == null ? defaultPort : port(text, portPart);
      return new EgressTarget(scheme, v6.get().toString(), v6.get(), port);
    }
    int colon = authority.indexOf(':');
    if (colon >= 0) {
      if (authority.indexOf(':', colon + 1) >= 0) {
        throw malformed(text, "IPv6 literals must be in brackets: [v6]:port");
      }
      hostPart = authority.substring(0, colon);
      portPart = authority.substring(colon + 1);
    } else {
      hostPart = authority;
    }
    HostSyntax.Result r = HostSyntax.classify(hostPart);
    int port = portPart == null ? defaultPort : port(text, portPart);
    switch (r.kind()) {
      case IP:
        return new EgressTarget(scheme, r.ip().toString(), r.ip(), port);
      case NAME:
        return new EgressTarget(scheme, r.name(), null, port);
      case AMBIGUOUS:
        throw new PolicyViolationException("egress.ambiguous-ip-literal",
            "\"" + SafeText.clean(hostPart, 100) + "\": " + r.why());
      case MALFORMED:
      default:
        throw malformed(text, r.why());
    }
  }

  private static int port(String text, String digits) {
    if (digits.isEmpty() || digits.length() > 5 || digits.charAt(0) == '0') {
      throw malformed(text, "a port is 1-65535 in decimal without leading zeros");
    }
    int p = 0;
    for (int i = 0; i < digits.length(); i++) {
      char c = digits.charAt(i);
      if (c < '0' || c > '9') {
        throw malformed(text, "a port is 1-65535 in decimal without leading zeros");
      }
      p = p * 10 + (c - '0');
    }
    if (p > 65535) {
      throw malformed(text, "a port is 1-65535 in decimal without leading zeros");
    }
    return p;
  }

  private static PolicyViolationException malformed(String text, String why) {
    return new PolicyViolationException("egress.malformed-target", why + ": " + SafeText.clean(text, 200));
  }

  /** {@code http} or {@code https} when parsed from a URL. */
  public Optional<String> scheme() {
    return Optional.ofNullable(scheme);
  }

  /** The normalised host name, or the canonical IP text (IPv6 without brackets). */
  public String host() {
    return host;
  }

  /** The IP, when the target is an IP literal. */
  public Optional<IpAddress> ipLiteral() {
    return Optional.ofNullable(ip);
  }

  /** The port (from the text, or the scheme's default, or 443 for a bare host). */
  public int port() {
    return port;
  }

  /** {@code host:port}, with an IPv6 literal in brackets. */
  public String authority() {
    return (ip != null ? ip.toUriHost() : host) + ":" + port;
  }

  /** The same as {@link #authority()}. */
  @Override
  public String toString() {
    return authority();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof EgressTarget && ((EgressTarget) o).authority().equals(authority())
        && Objects.equals(((EgressTarget) o).scheme, scheme);
  }

  @Override
  public int hashCode() {
    return authority().hashCode();
  }
}
