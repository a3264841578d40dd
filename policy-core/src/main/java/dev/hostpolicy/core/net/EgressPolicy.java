package dev.hostpolicy.core.net;

import dev.hostpolicy.api.PolicyConfigurationException;
import dev.hostpolicy.api.PolicyViolationException;
import dev.hostpolicy.api.SafeText;
import dev.hostpolicy.api.TimeSource;
import dev.hostpolicy.api.spi.AddressResolver;
import dev.hostpolicy.api.spi.PolicyKeys;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The egress allowlist decision: may a child connect to this target, and to which addresses exactly?
 * Immutable and thread-safe; build it once.
 *
 * <p>The rule, in this order (each step is final):
 *
 * <ol>
 *   <li>The target must parse ({@link EgressTarget}): otherwise {@code egress.malformed-target},
 *       {@code egress.userinfo} or {@code egress.ambiguous-ip-literal}.
 *   <li>A matching <b>deny</b> pattern denies ({@code egress.denied-pattern}) — deny wins over allow.
 *       A deny pattern without a port covers every port.
 *   <li>The target must match an <b>allow</b> pattern ({@code egress.not-allowed}) on an allowed port
 *       ({@code egress.port-not-allowed}). An allow pattern without a port admits the default ports
 *       (80 and 443 unless changed). An IP-literal target needs an exact IP allow entry.
 *   <li>A host name is <b>resolved once</b> through the {@link AddressResolver} (the system resolver
 *       unless one is given), bounded by a timeout: {@code egress.dns-failure},
 *       {@code egress.dns-timeout}.
 *   <li>Every resolved address is judged: a deny IP entry denies ({@code egress.denied-pattern}); the
 *       policy's own listen address denies ({@code egress.self-connection}); an address that is not
 *       {@link AddressCategory#PUBLIC public} denies the whole decision ({@code egress.metadata-endpoint}
 *       for cloud metadata, {@code egress.private-address} for every other category) unless that exact
 *       IP is itself an allow entry for the port. One bad answer among good ones still denies.
 *   <li>Allowed: the decision carries the validated addresses; connect only to those.
 * </ol>
 *
 * <p>Any exception inside a check denies ({@code egress.check-failed}); nothing fails open.
 *
 * <pre>{@code
 * EgressPolicy policy = EgressPolicy.builder()
 *     .allow("api.github.com", "*.npmjs.org", "pypi.org:443")
 *     .deny("evil.npmjs.org")
 *     .selfAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), 3128))
 *     .build();
 * EgressDecision d = policy.check("https://registry.npmjs.org/left-pad");
 * }</pre>
 */
public final class EgressPolicy {
  /** Ports an allow pattern without {@code :port} admits unless changed. */
  public static final Set<Integer> DEFAULT_PORTS = Set.of(80, 443);

  /** How long one resolution may take unless changed. */
  public static final Duration DEFAULT_RESOLVE_TIMEOUT = Duration.ofSeconds(3);

  private final List<HostPattern> allow;
  private final List<HostPattern> deny;
  private final Set<Integer> defaultPorts;
  private final PatternIndex allowIndex;
  private final PatternIndex denyIndex;
  private final AddressResolver resolver;
  private final Duration timeout;
  private final List<InetSocketAddress> selfAddresses;
  private final AddressClassifier classifier;
  private final TimeSource time;

  private EgressPolicy(Builder b) {
    this.allow = List.copyOf(b.allow);
    this.deny = List.copyOf(b.deny);
    this.defaultPorts = Set.copyOf(b.defaultPorts);
    this.allowIndex = new PatternIndex(allow, defaultPorts);
    this.denyIndex = new PatternIndex(deny, Set.of());
    this.resolver = b.resolver;
    this.timeout = b.timeout;
    this.selfAddresses = List.copyOf(b.self);
    this.classifier = b.classifier;
    this.time = b.time;
  }

  /** A builder with no allow entries (everything denied), the system resolver and the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** The allow patterns, in the order given. */
  public List<HostPattern> allowPatterns() {
    return allow;
  }

  /** The deny patterns, in the order given. */
  public List<HostPattern> denyPatterns() {
    return deny;
  }

  /** The ports an allow pattern without {@code :port} admits. */
  public Set<Integer> defaultPorts() {
    return defaultPorts;
  }

  /** The resolver that answers for host names. */
  public AddressResolver resolver() {
    return resolver;
  }

  /** The longest one resolution may take. */
  public Duration resolveTimeout() {
    return timeout;
  }

  /** The listen addresses connections may never go to. */
  public List<InetSocketAddress> selfAddresses() {
    return selfAddresses;
  }

  /** Decides for a target text ({@code host}, {@code host:port}, {@code [v6]:port}, an http(s) URL). */
  public EgressDecision check(String target) {
    Objects.requireNonNull(target, "target");
    EgressTarget t;
    try {
      t = EgressTarget.parse(target);
    } catch (PolicyViolationException e) {
      return EgressDecision.deny(Optional.empty(), e.reason(), e.decision().detail());
    } catch (RuntimeException e) {
      return EgressDecision.deny(Optional.empty(), "egress.check-failed", "the target could not be read (" + e.getClass().getSimpleName() + ")");
    }
    return check(t);
  }

  /** Decides for a host and port (a CONNECT request). */
  public EgressDecision check(String host, int port) {
    Objects.requireNonNull(host, "host");
    EgressTarget t;
    try {
      t = EgressTarget.of(host, port);
    } catch (PolicyViolationException e) {
      return EgressDecision.deny(Optional.empty(), e.reason(), e.decision().detail());
    } catch (RuntimeException e) {
      return EgressDecision.deny(Optional.empty(), "egress.check-failed", "the target could not be read (" + e.getClass().getSimpleName() + ")");
    }
    return check(t);
  }

  /** Decides for a parsed target. */
  public EgressDecision check(EgressTarget target) {
    Objects.requireNonNull(target, "target");
    try {
      return decide(target);
    } catch (RuntimeException e) {
      return EgressDecision.deny(Optional.of(target), "egress.check-failed",
          "the egress check failed (" + e.getClass().getSimpleName() + "); denied");
    }
  }

  private EgressDecision decide(EgressTarget t) {
    int port = t.port();
    Optional<IpAddress> literal = t.ipLiteral();
    if (literal.isPresent()) {
      IpAddress ip = literal.get().unmapped();
      PatternIndex.Match denied = denyIndex.matchIp(ip, port);
      if (denied.portMatched()) {
        return EgressDecision.deny(Optional.of(t), "egress.denied-pattern", t + " matches deny pattern " + denied.pattern());
      }
      if (isSelf(ip, port)) {
        return EgressDecision.deny(Optional.of(t), "egress.self-connection", t + " is this policy's own listen address");
      }
      PatternIndex.Match allowed = allowIndex.matchIp(ip, port);
      if (!allowed.hostMatched()) {
        return EgressDecision.deny(Optional.of(t), "egress.not-allowed",
            t + " is not on the allowlist (an IP target needs an exact IP allow entry; it is "
                + classifier.classify(ip).category().slug() + ")");
      }
      if (!allowed.portMatched()) {
        return portNotAllowed(t, allowed);
      }
      return EgressDecision.allow(t, List.of(ip.withoutZone().toInetAddress()), allowed.allowing());
    }

    PatternIndex.Match denied = denyIndex.matchHost(t.host(), port);
    if (denied.portMatched()) {
      return EgressDecision.deny(Optional.of(t), "egress.denied-pattern", t + " matches deny pattern " + denied.pattern());
    }
    PatternIndex.Match allowed = allowIndex.matchHost(t.host(), port);
    if (!allowed.hostMatched()) {
      return EgressDecision.deny(Optional.of(t), "egress.not-allowed", t.host() + " is not on the allowlist");
    }
    if (!allowed.portMatched()) {
      return portNotAllowed(t, allowed);
    }

    Resolution.Outcome outcome = Resolution.resolve(resolver, t.host(), timeout, time);
    if (!outcome.ok()) {
      return EgressDecision.deny(Optional.of(t), outcome.reason(), outcome.detail());
    }
    for (InetAddress a : outcome.addresses()) {
      IpAddress ip = IpAddress.of(a).unmapped();
      PatternIndex.Match deniedIp = denyIndex.matchIp(ip, port);
      if (deniedIp.portMatched()) {
        return EgressDecision.deny(Optional.of(t), "egress.denied-pattern",
            t.host() + " resolves to " + ip + ", which matches deny pattern " + deniedIp.pattern());
      }
      if (isSelf(ip, port)) {
        return EgressDecision.deny(Optional.of(t), "egress.self-connection",
            t.host() + " resolves to " + ip + ":" + port + ", this policy's own listen address");
      }
      if (classifier.isPublic(ip)) {
        continue;
      }
      AddressClassification c = classifier.classify(ip);
      if (!allowIndex.matchIp(ip, port).portMatched()) {
        String reason = c.category() == AddressCategory.METADATA_ENDPOINT ? "egress.metadata-endpoint" : "egress.private-address";
        return EgressDecision.deny(t, c, reason,
            t.host() + " resolves to a non-public address: " + c.describe() + "; only an exact IP allow entry permits it");
      }
    }
    return EgressDecision.allow(t, outcome.addresses(), allowed.allowing());
  }

  private static EgressDecision portNotAllowed(EgressTarget t, PatternIndex.Match allowed) {
    return EgressDecision.deny(Optional.of(t), "egress.port-not-allowed",
        "port " + t.port() + " of " + t.host() + " is not allowed (" + allowed.pattern() + " admits other ports)");
  }

  private boolean isSelf(IpAddress ip, int port) {
    for (InetSocketAddress s : selfAddresses) {
      if (s.getPort() != port) {
        continue;
      }
      IpAddress self = IpAddress.of(s.getAddress()).unmapped().withoutZone();
      if (self.isUnspecified() || self.equals(ip.withoutZone())) {
        return true;
      }
    }
    return false;
  }

  @Override
  public String toString() {
    return "EgressPolicy[allow=" + allow + ", deny=" + deny + ", defaultPorts=" + defaultPorts + ", resolver="
        + resolver.id() + ", timeout=" + timeout.toMillis() + "ms, self=" + selfAddresses + "]";
  }

  /**
   * Configures an {@link EgressPolicy}. Pattern mistakes throw at once, naming the rule
   * ({@code egress.allow} / {@code egress.deny}) and the entry.
   *
   * <pre>{@code
   * EgressPolicy p = EgressPolicy.builder()
   *     .allow("api.github.com")
   *     .allowForced("*.github.io")               // a wildcard over a public suffix, on purpose
   *     .resolver(StaticAddressResolver.builder().add("api.github.com", "140.82.112.6").build())
   *     .resolveTimeout(Duration.ofSeconds(2))
   *     .build();
   * }</pre>
   */
  public static final class Builder {
    private final List<HostPattern> allow = new ArrayList<>();
    private final List<HostPattern> deny = new ArrayList<>();
    private Set<Integer> defaultPorts = DEFAULT_PORTS;
    private AddressResolver resolver = new SystemAddressResolver();
    private Duration timeout = DEFAULT_RESOLVE_TIMEOUT;
    private final List<InetSocketAddress> self = new ArrayList<>();
    private AddressClassifier classifier = AddressClassifier.standard();
    private TimeSource time = TimeSource.system();

    private Builder() {}

    /**
     * Adds allow patterns. A wildcard directly over a public suffix ({@code *.com}) is refused; use
     * {@link #allowForced} for that.
     *
     * @throws PolicyConfigurationException naming {@code egress.allow} and the entry
     */
    public Builder allow(String... patterns) {
      return allowAll(List.of(patterns));
    }

    /** Adds allow patterns from a collection; see {@link #allow(String...)}. */
    public Builder allowAll(Collection<String> patterns) {
      for (String p : patterns) {
        HostPattern hp = parse(PolicyKeys.EGRESS_ALLOW.id(), p);
        if (hp.isWildcardOverPublicSuffix()) {
          throw new PolicyConfigurationException(PolicyKeys.EGRESS_ALLOW.id(),
              "\"" + SafeText.clean(p, 120) + "\" is a wildcard directly over the public suffix " + hp.host()
                  + " and would allow every site under it; name the domain, or use allowForced(...) if you mean it");
        }
        allow.add(hp);
      }
      return this;
    }

    /** Adds allow patterns, accepting wildcards directly over a public suffix ({@code *.github.io}). */
    public Builder allowForced(String... patterns) {
      for (String p : patterns) {
        allow.add(parse(PolicyKeys.EGRESS_ALLOW.id(), p));
      }
      return this;
    }

    /**
     * Adds deny patterns; they win over allow patterns, and one without a port covers every port.
     *
     * @throws PolicyConfigurationException naming {@code egress.deny} and the entry
     */
    public Builder deny(String... patterns) {
      return denyAll(List.of(patterns));
    }

    /** Adds deny patterns from a collection; see {@link #deny(String...)}. */
    public Builder denyAll(Collection<String> patterns) {
      for (String p : patterns) {
        deny.add(parse(PolicyKeys.EGRESS_DENY.id(), p));
      }
      return this;
    }

    private static HostPattern parse(String key, String pattern) {
      Objects.requireNonNull(pattern, "pattern");
      try {
        return HostPattern.parse(pattern);
      } catch (IllegalArgumentException e) {
        throw new PolicyConfigurationException(key, e.getMessage());
      }
    }

    /**
     * The ports an allow pattern without {@code :port} admits (80 and 443 by default).
     *
     * @throws IllegalArgumentException for a port outside 1–65535 or no ports
     */
    public Builder defaultPorts(int... ports) {
      Set<Integer> s = new LinkedHashSet<>();
      for (int p : ports) {
        if (p < 1 || p > 65535) {
          throw new IllegalArgumentException("port " + p + " is outside 1-65535");
        }
        s.add(p);
      }
      if (s.isEmpty()) {
        throw new IllegalArgumentException("at least one default port");
      }
      this.defaultPorts = s;
      return this;
    }

    /** The resolver for host names (the system resolver by default). */
    public Builder resolver(AddressResolver resolver) {
      this.resolver = Objects.requireNonNull(resolver, "resolver");
      return this;
    }

    /**
     * How long one resolution may take (3 s by default).
     *
     * @throws IllegalArgumentException unless positive and at most 5 minutes
     */
    public Builder resolveTimeout(Duration timeout) {
      Objects.requireNonNull(timeout, "timeout");
      if (timeout.isNegative() || timeout.isZero() || timeout.compareTo(Duration.ofMinutes(5)) > 0) {
        throw new IllegalArgumentException("the resolve timeout must be positive and at most 5 minutes");
      }
      this.timeout = timeout;
      return this;
    }

    /**
     * This policy's own listen addresses (the egress proxy's); connections there are refused. A
     * wildcard address ({@code 0.0.0.0}, {@code ::}) refuses every address on that port, since it
     * listens on all of them.
     */
    public Builder selfAddress(InetSocketAddress... addresses) {
      for (InetSocketAddress a : addresses) {
        Objects.requireNonNull(a, "address");
        if (a.isUnresolved()) {
          throw new IllegalArgumentException("a self address must be resolved: " + a);
        }
        self.add(a);
      }
      return this;
    }

    /** The classifier that judges resolved addresses (to add network-specific NAT64 prefixes). */
    public Builder classifier(AddressClassifier classifier) {
      this.classifier = Objects.requireNonNull(classifier, "classifier");
      return this;
    }

    /** The clock that measures how long a resolution took (inject a fake one in tests). */
    public Builder timeSource(TimeSource time) {
      this.time = Objects.requireNonNull(time, "time");
      return this;
    }

    /** The immutable policy. */
    public EgressPolicy build() {
      return new EgressPolicy(this);
    }
  }
}
