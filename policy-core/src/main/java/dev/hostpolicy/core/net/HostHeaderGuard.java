package dev.hostpolicy.core.net;

import dev.hostpolicy.api.Decision;
import dev.hostpolicy.api.SafeText;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Stops DNS rebinding of the host's own loopback server from a browser: a page on
 * {@code evil.example} that re-points its name to 127.0.0.1 still sends {@code Host: evil.example},
 * and a cross-site form still sends its own {@code Origin}. Pure decisions over header strings; the
 * HTTP adapters apply them.
 *
 * <ul>
 *   <li>{@link #checkHost}: the Host header must be {@code localhost}, {@code 127.0.0.1} or
 *       {@code [::1]} — or a configured name — with the bound port (case-insensitive; a Host without
 *       port only when the bound port is the scheme's default). Anything else:
 *       {@code host-header.mismatch}.
 *   <li>{@link #checkOrigin}: for a state-changing method (anything but GET, HEAD, OPTIONS, TRACE —
 *       methods are case-sensitive) an Origin header, if present, must be
 *       {@code scheme://allowed-host:bound-port} or a configured origin; {@code Origin: null} is
 *       refused. A missing Origin passes unless {@link Builder#requireOrigin(boolean)} (non-browser
 *       clients send none and carry a token instead). Anything else: {@code origin.mismatch}.
 * </ul>
 *
 * <pre>{@code
 * HostHeaderGuard guard = HostHeaderGuard.builder(8080).allowName("devbox.local").build();
 * guard.checkHost("localhost:8080").allowed();          // true
 * guard.checkHost("evil.example:8080").reason();        // "host-header.mismatch"
 * guard.checkOrigin("POST", Optional.of("http://evil.example")).reason(); // "origin.mismatch"
 * }</pre>
 */
public final class HostHeaderGuard {
  private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS", "TRACE");
  private static final int MAX_HEADER = 512;

  private final int port;
  private final String scheme;
  private final Set<String> hosts; // normalised host names / canonical IP texts, no port
  private final Set<String> hostPorts; // "name:port" allowed with an explicit other port
  private final Set<String> origins;
  private final boolean requireOrigin;

  private HostHeaderGuard(Builder b) {
    this.port = b.port;
    this.scheme = b.scheme;
    this.hosts = Set.copyOf(b.hosts);
    this.hostPorts = Set.copyOf(b.hostPorts);
    this.origins = Set.copyOf(b.origins);
    this.requireOrigin = b.requireOrigin;
  }

  /**
   * A builder for a server bound to {@code boundPort}.
   *
   * @throws IllegalArgumentException for a port outside 1-65535
   */
  public static Builder builder(int boundPort) {
    return new Builder(boundPort);
  }

  /** The guard for a plain loopback server on {@code boundPort}: only the three loopback names. */
  public static HostHeaderGuard forPort(int boundPort) {
    return builder(boundPort).build();
  }

  /** Checks a Host header value. */
  public Decision checkHost(String hostHeader) {
    Objects.requireNonNull(hostHeader, "hostHeader");
    Optional<String> hostOnly = normalise(hostHeader);
    if (hostOnly.isEmpty()) {
      return Decision.deny("host-header.mismatch",
          "Host \"" + SafeText.clean(hostHeader, 120) + "\" is not this server (" + expected() + ")");
    }
    return Decision.allow();
  }

  /** Reads {@code host[:port]}; the canonical host when it is allowed, else empty. */
  private Optional<String> normalise(String value) {
    if (value.isEmpty() || value.length() > MAX_HEADER) {
      return Optional.empty();
    }
    String hostPart;
    String portPart = null;
    if (value.startsWith("[")) {
      int close = value.indexOf(']');
      if (close < 0) {
        return Optional.empty();
      }
      hostPart = value.substring(1, close);
      String rest = value.substring(close + 1);
      if (!rest.isEmpty()) {
        if (!rest.startsWith(":")) {
          return Optional.empty();
        }
        portPart = rest.substring(1);
      }
      Optional<IpAddress> v6 = IpAddress.tryParse(hostPart).filter(IpAddress::isIpv6);
      if (v6.isEmpty()) {
        return Optional.empty();
      }
      hostPart = v6.get().toString();
    } else {
      int colon = value.indexOf(':');
      if (colon >= 0) {
        hostPart = value.substring(0, colon);
        portPart = value.substring(colon + 1);
      } else {
        hostPart = value;
      }
      if (hostPart.endsWith(".")) {
        return Optional.empty(); // "localhost." is another origin to a browser
      }
      HostSyntax.Result r = HostSyntax.classify(hostPart);
      if (r.kind() == HostSyntax.Kind.IP || r.kind() == HostSyntax.Kind.NAME) {
        hostPart = r.name();
      } else {
        return Optional.empty();
      }
    }
    int p;
    if (portPart == null) {
      p = defaultPort(scheme);
    } else {
      p = parsePort(portPart);
      if (p < 0) {
        return Optional.empty();
      }
    }
    if (p == port && hosts.contains(hostPart)) {
      return Optional.of(hostPart);
    }
    if (hostPorts.contains(hostPart + ":" + p)) {
      return Optional.of(hostPart);
    }
    return Optional.empty();
  }

  /**
   * Checks the Origin header of a request.
   *
   * @param method the request method as received (case-sensitive)
   * @param originHeader the Origin header, if present
   */
  public Decision checkOrigin(String method, Optional<String> originHeader) {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(originHeader, "originHeader");
    if (SAFE_METHODS.contains(method)) {
      return Decision.allow();
    }
    if (originHeader.isEmpty()) {
      return requireOrigin
          ? Decision.deny("origin.mismatch", method + " without an Origin header is refused by this server")
          : Decision.allow();
    }
    String origin = originHeader.get();
    if (allowedOrigin(origin)) {
      return Decision.allow();
    }
    return Decision.deny("origin.mismatch",
        "Origin \"" + SafeText.clean(origin, 120) + "\" may not " + SafeText.clean(method, 20) + " to this server (" + expected() + ")");
  }

  private boolean allowedOrigin(String origin) {
    if (origin.length() > MAX_HEADER) {
      return false;
    }
    if (origins.contains(origin.toLowerCase(Locale.ROOT))) {
      return true;
    }
    String prefix = scheme + "://";
    if (!origin.regionMatches(true, 0, prefix, 0, prefix.length())) {
      return false;
    }
    String authority = origin.substring(prefix.length());
    if (authority.isEmpty() || authority.indexOf('/') >= 0 || authority.indexOf('@') >= 0) {
      return false;
    }
    return normalise(authority).isPresent();
  }

  private String expected() {
    return "expected " + String.join(", ", hosts) + " on port " + port;
  }

  private static int defaultPort(String scheme) {
    return scheme.equals("https") ? 443 : 80;
  }

  private static int parsePort(String digits) {
    if (digits.isEmpty() || digits.length() > 5 || digits.charAt(0) == '0') {
      return -1;
    }
    int p = 0;
    for (int i = 0; i < digits.length(); i++) {
      char c = digits.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      p = p * 10 + (c - '0');
    }
    return p > 65535 ? -1 : p;
  }

  /**
   * Configures a {@link HostHeaderGuard}.
   *
   * <pre>{@code
   * HostHeaderGuard g = HostHeaderGuard.builder(8443).scheme("https")
   *     .allowName("devbox.local").allowOrigin("https://app.acme.example").requireOrigin(true).build();
   * }</pre>
   */
  public static final class Builder {
    private final int port;
    private String scheme = "http";
    private final Set<String> hosts = new LinkedHashSet<>(Set.of("localhost", "127.0.0.1", "::1"));
    private final Set<String> hostPorts = new LinkedHashSet<>();
    private final Set<String> origins = new LinkedHashSet<>();
    private boolean requireOrigin;

    private Builder(int port) {
      if (port < 1 || port > 65535) {
        throw new IllegalArgumentException("bound port " + port + " is outside 1-65535");
      }
      this.port = port;
    }

    /**
     * The server's scheme, {@code http} (default) or {@code https}: it sets the default port of a
     * portless Host and the scheme an Origin must have.
     */
    public Builder scheme(String scheme) {
      String s = Objects.requireNonNull(scheme, "scheme").toLowerCase(Locale.ROOT);
      if (!s.equals("http") && !s.equals("https")) {
        throw new IllegalArgumentException("scheme must be http or https");
      }
      this.scheme = s;
      return this;
    }

    /**
     * Also accepts this name (normalised like every host; {@code name} means the bound port,
     * {@code name:port} that port).
     *
     * @throws IllegalArgumentException if it is not a host name or IP literal
     */
    public Builder allowName(String name) {
      Objects.requireNonNull(name, "name");
      HostPattern p = HostPattern.parse(name);
      if (p.kind() == HostPattern.Kind.WILDCARD) {
        throw new IllegalArgumentException("wildcards are not accepted as Host names: " + SafeText.clean(name, 80));
      }
      if (p.port().isPresent()) {
        hostPorts.add(p.host() + ":" + p.port().getAsInt());
      } else {
        hosts.add(p.host());
      }
      return this;
    }

    /**
     * Also accepts this exact Origin ({@code https://app.acme.example}, compared case-insensitively).
     *
     * @throws IllegalArgumentException unless it is {@code http(s)://host[:port]} with nothing after
     */
    public Builder allowOrigin(String origin) {
      Objects.requireNonNull(origin, "origin");
      String o = origin.toLowerCase(Locale.ROOT);
      if (!(o.startsWith("http://") || o.startsWith("https://")) || o.endsWith("/")
          || o.substring(o.indexOf("://") + 3).contains("/") || o.contains("@")) {
        throw new IllegalArgumentException("an origin is scheme://host[:port]: " + SafeText.clean(origin, 80));
      }
      origins.add(o);
      return this;
    }

    /** Whether state-changing requests without an Origin header are refused (default: accepted). */
    public Builder requireOrigin(boolean require) {
      this.requireOrigin = require;
      return this;
    }

    /** The immutable guard. */
    public HostHeaderGuard build() {
      return new HostHeaderGuard(this);
    }
  }
}
