package dev.hostpolicy.core.net;

import com.google.common.net.InternetDomainName;
import dev.hostpolicy.api.SafeText;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One entry of an egress allow or deny list: an exact host ({@code api.github.com}), a leading
 * wildcard ({@code *.npmjs.org}: any depth of subdomain, never the apex itself), or an
 * exact IP ({@code 10.0.0.5}, {@code [fd00::5]}, {@code fd00::5}); each optionally with {@code :port}.
 *
 * <p>Host names are normalised exactly as targets are (lower case, one trailing dot dropped, unicode
 * full stops, IDNA ToASCII with STD3 rules), so {@code Bücher.example.} and {@code xn--bcher-kva.example}
 * are one pattern, and a look-alike such as {@code exаmple.com} (Cyrillic а) never matches
 * {@code example.com}. An IPv4-mapped IPv6 entry is stored as the IPv4 address it stands for.
 *
 * <p>Rejected, with the reason: {@code *}, {@code *.}, a {@code *} anywhere but a leading {@code *.},
 * an ambiguous numeric host ({@code 0177.0.0.1}, {@code 127.1}), an unspecified address
 * ({@code 0.0.0.0}, {@code ::}), a CIDR, a port outside 1–65535 or with leading zeros, and anything
 * that is not a valid host name. {@link #isWildcardOverPublicSuffix()} tells whether a wildcard sits
 * directly over a public suffix ({@code *.com}, {@code *.co.uk}, {@code *.github.io}, from the public
 * suffix list shipped in Guava); allowlists refuse those unless forced.
 *
 * <pre>{@code
 * HostPattern p = HostPattern.parse("*.Example.COM:8443");
 * p.kind();                         // WILDCARD
 * p.host();                         // "example.com"
 * p.matchesHost("a.b.example.com"); // true
 * p.matchesHost("example.com");     // false: never the apex
 * p.toString();                     // "*.example.com:8443"
 * }</pre>
 */
public final class HostPattern {

  /** The three shapes of pattern. */
  public enum Kind {
    /** One host name. */
    EXACT_HOST,
    /** Every proper subdomain of a host name. */
    WILDCARD,
    /** One IP address. */
    IP
  }

  private final Kind kind;
  private final String host;
  private final IpAddress ip;
  private final int port; // 0 = none

  private HostPattern(Kind kind, String host, IpAddress ip, int port) {
    this.kind = kind;
    this.host = host;
    this.ip = ip;
    this.port = port;
  }

  /**
   * Parses one entry.
   *
   * @throws IllegalArgumentException naming what is wrong with the entry
   */
  public static HostPattern parse(String text) {
    Objects.requireNonNull(text, "text");
    String hostPart;
    int port = 0;
    if (text.startsWith("[")) {
      int close = text.indexOf(']');
      if (close < 0) {
        throw invalid(text, "missing ']'");
      }
      hostPart = text.substring(1, close);
      String rest = text.substring(close + 1);
      if (!rest.isEmpty()) {
        if (!rest.startsWith(":")) {
          throw invalid(text, "only ':port' may follow ']'");
        }
        port = parsePort(text, rest.substring(1));
      }
      Optional<IpAddress> v6 = IpAddress.tryParse(hostPart).filter(IpAddress::isIpv6);
      if (v6.isEmpty()) {
        throw invalid(text, "brackets hold an IPv6 literal");
      }
      return ipPattern(text, v6.get(), port);
    }
    int colons = count(text, ':');
    if (colons >= 2) {
      IpAddress v6 = IpAddress.tryParse(text).orElseThrow(
          () -> invalid(text, "not a strict IPv6 literal (write [v6]:port to add a port)"));
      return ipPattern(text, v6, 0);
    }
    if (colons == 1) {
      int c = text.indexOf(':');
      hostPart = text.substring(0, c);
      port = parsePort(text, text.substring(c + 1));
    } else {
      hostPart = text;
    }
    if (hostPart.equals("*") || hostPart.equals("*.")) {
      throw invalid(text, "a bare wildcard would allow every host; name a domain, e.g. *.example.com");
    }
    boolean wildcard = hostPart.startsWith("*.");
    String name = wildcard ? hostPart.substring(2) : hostPart;
    if (name.indexOf('*') >= 0) {
      throw invalid(text, "'*' is allowed only as a leading '*.' label");
    }
    if (name.indexOf('/') >= 0) {
      throw invalid(text, "CIDR ranges are not supported; list exact IP addresses");
    }
    HostSyntax.Result r = HostSyntax.classify(name);
    switch (r.kind()) {
      case IP:
        if (wildcard) {
          throw invalid(text, "a wildcard cannot stand over an IP address");
        }
        return ipPattern(text, r.ip(), port);
      case NAME:
        return new HostPattern(wildcard ? Kind.WILDCARD : Kind.EXACT_HOST, r.name(), null, port);
      case AMBIGUOUS:
        throw invalid(text, "ambiguous numeric host: " + r.why());
      case MALFORMED:
      default:
        throw invalid(text, r.why());
    }
  }

  private static HostPattern ipPattern(String text, IpAddress ip, int port) {
    if (ip.isUnspecified()) {
      throw invalid(text, "the unspecified address is not a destination (on Linux it reaches this machine)");
    }
    return new HostPattern(Kind.IP, null, ip.unmapped(), port);
  }

  private static int parsePort(String text, String digits) {
    if (digits.isEmpty() || digits.length() > 5 || digits.charAt(0) == '0') {
      throw invalid(text, "a port is 1-65535 in decimal without leading zeros");
    }
    int p = 0;
    for (int i = 0; i < digits.length(); i++) {
      char c = digits.charAt(i);
      if (c < '0' || c > '9') {
        throw invalid(text, "a port is 1-65535 in decimal without leading zeros");
      }
      p = p * 10 + (c - '0');
    }
    if (p > 65535) {
      throw invalid(text, "a port is 1-65535 in decimal without leading zeros");
    }
    return p;
  }

  private static int count(String s, char c) {
    int n = 0;
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) == c) {
        n++;
      }
    }
    return n;
  }

  private static IllegalArgumentException invalid(String text, String why) {
    return new IllegalArgumentException("host pattern \"" + SafeText.clean(text, 120) + "\": " + why);
  }

  /** The pattern's shape. */
  public Kind kind() {
    return kind;
  }

  /**
   * The normalised host name (for a wildcard, the domain after {@code *.}), or the canonical IP text
   * for an IP pattern.
   */
  public String host() {
    return kind == Kind.IP ? ip.toString() : host;
  }

  /** The IP of an IP pattern. */
  public Optional<IpAddress> ip() {
    return Optional.ofNullable(ip);
  }

  /** The port, when the entry names one. */
  public OptionalInt port() {
    return port == 0 ? OptionalInt.empty() : OptionalInt.of(port);
  }

  /**
   * Whether this wildcard sits directly over a public suffix ({@code *.com}, {@code *.co.uk},
   * {@code *.github.io}) per the public suffix list in Guava's {@link InternetDomainName}. Always
   * {@code false} for exact hosts and IPs.
   */
  public boolean isWildcardOverPublicSuffix() {
    if (kind != Kind.WILDCARD) {
      return false;
    }
    try {
      return InternetDomainName.from(host).isPublicSuffix();
    } catch (IllegalArgumentException e) {
      return true; // a name Guava cannot judge is treated as the dangerous case
    }
  }

  /**
   * Whether the normalised host name {@code normalizedHost} is covered, ignoring ports: equal for an
   * exact host; for a wildcard, ending in {@code "." + host()} with at least one label before it. IP
   * patterns never match names.
   */
  public boolean matchesHost(String normalizedHost) {
    switch (kind) {
      case EXACT_HOST:
        return host.equals(normalizedHost);
      case WILDCARD:
        return normalizedHost.length() > host.length() + 1
            && normalizedHost.endsWith(host)
            && normalizedHost.charAt(normalizedHost.length() - host.length() - 1) == '.';
      case IP:
      default:
        return false;
    }
  }

  /** The canonical text: {@code host}, {@code *.domain}, an IP (IPv6 in brackets when a port follows), then {@code :port}. */
  @Override
  public String toString() {
    String h;
    if (kind == Kind.IP) {
      h = port != 0 ? ip.toUriHost() : ip.toString();
    } else {
      h = kind == Kind.WILDCARD ? "*." + host : host;
    }
    return port == 0 ? h : h + ":" + port;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof HostPattern && o.toString().equals(toString());
  }

  @Override
  public int hashCode() {
    return toString().hashCode();
  }
}
