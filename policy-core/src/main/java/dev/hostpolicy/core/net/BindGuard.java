package dev.hostpolicy.core.net;

import dev.hostpolicy.api.Decision;
import dev.hostpolicy.api.PolicyConfigurationException;
import dev.hostpolicy.api.PolicyViolationException;
import dev.hostpolicy.api.SafeText;
import dev.hostpolicy.api.TimeSource;
import dev.hostpolicy.api.spi.AddressResolver;
import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Refuses to let a host listen on the network without an API token. Anything that can reach a local
 * tool's port can usually run code, so:
 *
 * <ul>
 *   <li>a loopback address — 127.0.0.0/8, {@code ::1}, or a name whose <em>every</em> address is
 *       loopback ({@code localhost}) — passes;
 *   <li>a wildcard ({@code 0.0.0.0}, {@code ::}) or any other address needs an API token;
 *   <li>without one, only the explicit opt-in {@code <NS>_ALLOW_INSECURE} lets it through, with a loud
 *       multi-line banner for the host to print and a WARNING in the log;
 *   <li>otherwise {@link PolicyViolationException} {@code bind.insecure}, naming the settings that fix
 *       it.
 * </ul>
 *
 * <p>A malformed or ambiguous address ({@code 0177.0.0.1}) or a name that does not resolve is a
 * {@link PolicyConfigurationException}.
 *
 * <pre>{@code
 * BindGuard guard = BindGuard.forNamespace("INFLOOP");
 * BindDecision d = guard.check("0.0.0.0:8080", policy.apiToken().isPresent(),
 *     policy.get(PolicyKeys.ALLOW_INSECURE));
 * d.banner().ifPresent(System.err::println);
 * }</pre>
 */
public final class BindGuard {
  private static final System.Logger LOG = System.getLogger(BindGuard.class.getName());
  private static final Pattern NAMESPACE = Pattern.compile("[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*");

  private final String tokenSetting;
  private final String insecureSetting;
  private final AddressResolver resolver;
  private final Duration timeout;

  private BindGuard(String namespace, AddressResolver resolver, Duration timeout) {
    String prefix = namespace == null ? "<NS>_" : namespace + "_";
    this.tokenSetting = prefix + "API_TOKEN";
    this.insecureSetting = prefix + "ALLOW_INSECURE";
    this.resolver = resolver;
    this.timeout = timeout;
  }

  /** A guard whose messages name {@code <NS>_API_TOKEN} and {@code <NS>_ALLOW_INSECURE}. */
  public static BindGuard create() {
    return new BindGuard(null, new SystemAddressResolver(), EgressPolicy.DEFAULT_RESOLVE_TIMEOUT);
  }

  /**
   * A guard whose messages name the host's real settings ({@code INFLOOP_API_TOKEN}).
   *
   * @throws IllegalArgumentException if the namespace is not upper-case letters, digits and underscores
   */
  public static BindGuard forNamespace(String namespace) {
    return forNamespace(namespace, new SystemAddressResolver());
  }

  /** Like {@link #forNamespace(String)}, resolving bind names through {@code resolver}. */
  public static BindGuard forNamespace(String namespace, AddressResolver resolver) {
    Objects.requireNonNull(namespace, "namespace");
    if (!NAMESPACE.matcher(namespace).matches()) {
      throw new IllegalArgumentException("malformed namespace: " + SafeText.clean(namespace, 64));
    }
    return new BindGuard(namespace, Objects.requireNonNull(resolver, "resolver"), EgressPolicy.DEFAULT_RESOLVE_TIMEOUT);
  }

  /** The setting named in messages as the fix: {@code <NS>_API_TOKEN}. */
  public String tokenSetting() {
    return tokenSetting;
  }

  /** The setting named in messages as the opt-in: {@code <NS>_ALLOW_INSECURE}. */
  public String insecureSetting() {
    return insecureSetting;
  }

  /**
   * Decides whether the host may listen on {@code bindAddress} ({@code host}, {@code host:port},
   * {@code [v6]:port} or a bare IPv6).
   *
   * @param tokenConfigured whether an API token guards the host's API
   * @param allowInsecure whether the operator opted in to an unguarded network bind
   * @throws PolicyViolationException {@code bind.insecure} when a network bind has neither
   * @throws PolicyConfigurationException when the address is malformed, ambiguous or unresolvable
   */
  public BindDecision check(String bindAddress, boolean tokenConfigured, boolean allowInsecure) {
    Objects.requireNonNull(bindAddress, "bindAddress");
    ParsedBind b = ParsedBind.parse(bindAddress);
    boolean loopback;
    if (b.ip != null) {
      loopback = b.ip.isLoopback();
    } else {
      loopback = allLoopback(b.host);
    }
    return decide(b.display(), loopback, b.ip != null && b.ip.isUnspecified(), tokenConfigured, allowInsecure);
  }

  /** Decides for an address already in hand (its host name is ignored). */
  public BindDecision check(InetAddress bindAddress, int port, boolean tokenConfigured, boolean allowInsecure) {
    IpAddress ip = IpAddress.of(bindAddress).withoutZone();
    String shown = ip.toUriHost() + ":" + port;
    return decide(shown, ip.isLoopback(), ip.isUnspecified(), tokenConfigured, allowInsecure);
  }

  private BindDecision decide(String shown, boolean loopback, boolean wildcard, boolean token, boolean insecure) {
    if (loopback) {
      return new BindDecision(Decision.allow(Decision.ALLOWED, shown + " is loopback-only"), shown, true, Optional.empty());
    }
    String what = wildcard ? "every network interface (" + shown + ")" : shown;
    if (token) {
      return new BindDecision(
          Decision.allow(Decision.ALLOWED, "network bind on " + what + ", guarded by the API token"), shown, false, Optional.empty());
    }
    if (insecure) {
      String banner = banner(what);
      LOG.log(Level.WARNING, "{0}", banner);
      return new BindDecision(
          Decision.allow("bind.insecure-allowed", "listening on " + what + " WITHOUT an API token because " + insecureSetting + " is set"),
          shown, false, Optional.of(banner));
    }
    throw new PolicyViolationException("bind.insecure",
        "refusing to listen on " + what + " without an API token: anyone who can reach it could run code on this machine. Set "
            + tokenSetting + ", bind 127.0.0.1 instead, or set " + insecureSetting + "=true to accept the risk");
  }

  private String banner(String what) {
    String bar = "!".repeat(76);
    return String.join("\n",
        bar,
        "!!  INSECURE: listening on " + what,
        "!!  WITHOUT an API token. Anyone who can reach this address can run",
        "!!  code on this machine.",
        "!!  Allowed only because " + insecureSetting + " is set.",
        "!!  Fix: set " + tokenSetting + ", or bind 127.0.0.1.",
        bar);
  }

  private boolean allLoopback(String host) {
    Resolution.Outcome o = Resolution.resolve(resolver, host, timeout, TimeSource.system());
    if (!o.ok()) {
      throw new PolicyConfigurationException("bind address", "cannot resolve bind address " + host + ": " + o.detail());
    }
    List<InetAddress> all = o.addresses();
    for (InetAddress a : all) {
      if (!IpAddress.of(a).isLoopback()) {
        return false;
      }
    }
    return true;
  }

  /** {@code host}, {@code host:port}, {@code [v6]}, {@code [v6]:port} or a bare IPv6; port 0-65535. */
  static final class ParsedBind {
    final String host;
    final IpAddress ip;
    final int port; // -1 = none

    private ParsedBind(String host, IpAddress ip, int port) {
      this.host = host;
      this.ip = ip;
      this.port = port;
    }

    String display() {
      String h = ip != null ? ip.toUriHost() : host;
      return port < 0 ? h : h + ":" + port;
    }

    static ParsedBind parse(String text) {
      String hostPart = text;
      String portPart = null;
      if (text.startsWith("[")) {
        int close = text.indexOf(']');
        if (close < 0) {
          throw bad(text, "missing ']'");
        }
        hostPart = text.substring(1, close);
        String rest = text.substring(close + 1);
        if (!rest.isEmpty()) {
          if (!rest.startsWith(":")) {
            throw bad(text, "only ':port' may follow ']'");
          }
          portPart = rest.substring(1);
        }
        IpAddress v6 = IpAddress.tryParse(hostPart).filter(IpAddress::isIpv6)
            .orElseThrow(() -> bad(text, "brackets hold a strict IPv6 literal"));
        return new ParsedBind(v6.toString(), v6, port(text, portPart));
      }
      int colons = (int) text.chars().filter(c -> c == ':').count();
      if (colons >= 2) {
        IpAddress v6 = IpAddress.tryParse(text).orElseThrow(() -> bad(text, "not a strict IPv6 literal (use [v6]:port)"));
        return new ParsedBind(v6.toString(), v6, -1);
      }
      if (colons == 1) {
        hostPart = text.substring(0, text.indexOf(':'));
        portPart = text.substring(text.indexOf(':') + 1);
      }
      HostSyntax.Result r = HostSyntax.classify(hostPart);
      switch (r.kind()) {
        case IP:
          return new ParsedBind(r.name(), r.ip(), port(text, portPart));
        case NAME:
          return new ParsedBind(r.name(), null, port(text, portPart));
        case AMBIGUOUS:
          throw bad(text, "ambiguous numeric address: " + r.why());
        case MALFORMED:
        default:
          throw bad(text, r.why());
      }
    }

    private static int port(String text, String digits) {
      if (digits == null) {
        return -1;
      }
      if (digits.isEmpty() || digits.length() > 5 || (digits.length() > 1 && digits.charAt(0) == '0')
          || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
        throw bad(text, "a port is 0-65535 in decimal without leading zeros");
      }
      int p = Integer.parseInt(digits);
      if (p > 65535) {
        throw bad(text, "a port is 0-65535 in decimal without leading zeros");
      }
      return p;
    }

    private static PolicyConfigurationException bad(String text, String why) {
      return new PolicyConfigurationException("bind address", "\"" + SafeText.clean(text, 100) + "\": " + why);
    }
  }
}
