package dev.hostpolicy.core.validate;

import dev.hostpolicy.api.Decision;
import dev.hostpolicy.api.PolicyConfigurationException;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * The "ask" check of on-demand TLS (Caddy's {@code on_demand_tls ask}): a certificate may be
 * issued for a domain only if it is exactly {@code <port>.<baseDomain>}, the port is allowed and
 * something listens on it. Without this check anyone who can point a name at the host makes it
 * request certificates without limit.
 *
 * <p>The rule, in order, with its reason codes:
 *
 * <ol>
 *   <li>{@code tls.malformed-domain}: empty, longer than 253 characters, or any character outside
 *       {@code [A-Za-z0-9.-]} (whitespace, controls, Unicode, {@code _}, {@code *}, {@code :}, a
 *       trailing dot); ASCII letters are then lower-cased.
 *   <li>{@code tls.domain-mismatch}: the domain does not end with {@code "." + baseDomain}
 *       (compared literally, as a string — never spliced into a regular expression), or what
 *       precedes it is not one label of decimal digits.
 *   <li>{@code tls.invalid-port}: that label is not a canonical port 1–65535 ({@code 0},
 *       {@code 08080}, {@code 65536}).
 *   <li>{@code tls.excluded-port}: the port is outside {@link Builder#portRange(int, int)} or in
 *       {@link Builder#excludePorts(int...)}.
 *   <li>{@code tls.not-listening}: the {@link ListeningProbe} says nothing listens;
 *       {@code tls.probe-failed}: the probe threw (fail closed).
 * </ol>
 *
 * <pre>{@code
 * OnDemandTlsGuard guard = OnDemandTlsGuard.builder("dev.example.com")
 *     .excludePorts(22, 5432)
 *     .listeningProbe(ListeningProbe.loopbackTcp(Duration.ofMillis(250)))
 *     .build();
 * Decision d = guard.check("3000.dev.example.com");   // allowed if :3000 serves
 * guard.check("3000.dev.example.com.evil.test");      // denied: tls.domain-mismatch
 * }</pre>
 */
public final class OnDemandTlsGuard {
  private final String baseDomain;
  private final String suffix;
  private final Set<Integer> excluded;
  private final int minPort;
  private final int maxPort;
  private final ListeningProbe probe;

  private OnDemandTlsGuard(Builder b) {
    this.baseDomain = b.baseDomain;
    this.suffix = "." + b.baseDomain;
    this.excluded = Set.copyOf(b.excluded);
    this.minPort = b.minPort;
    this.maxPort = b.maxPort;
    this.probe = b.probe;
  }

  /**
   * A builder for the base domain, for example {@code dev.example.com}: lower-case LDH labels,
   * no trailing dot.
   *
   * @throws PolicyConfigurationException if the base domain is malformed
   */
  public static Builder builder(String baseDomain) {
    return new Builder(baseDomain);
  }

  /** The base domain. */
  public String baseDomain() {
    return baseDomain;
  }

  /** Decides whether a certificate may be issued for {@code domain}; never throws. */
  public Decision check(String domain) {
    Objects.requireNonNull(domain, "domain");
    if (domain.isEmpty() || domain.length() > 253) {
      return Decision.deny("tls.malformed-domain", "the domain is empty or longer than 253 characters");
    }
    StringBuilder lower = new StringBuilder(domain.length());
    for (int i = 0; i < domain.length(); i++) {
      char c = domain.charAt(i);
      if (c >= 'A' && c <= 'Z') {
        c = (char) (c + ('a' - 'A'));
      } else if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.')) {
        return Decision.deny("tls.malformed-domain", String.format("character U+%04X at index %d", (int) c, i));
      }
      lower.append(c);
    }
    String d = lower.toString();
    if (d.endsWith(".")) {
      return Decision.deny("tls.malformed-domain", "trailing dot");
    }
    if (!d.endsWith(suffix)) {
      return Decision.deny("tls.domain-mismatch", "not a subdomain of " + baseDomain);
    }
    String label = d.substring(0, d.length() - suffix.length());
    if (label.isEmpty() || !label.chars().allMatch(c -> c >= '0' && c <= '9')) {
      return Decision.deny("tls.domain-mismatch", "the domain must be exactly <port>." + baseDomain);
    }
    if (label.length() > 5 || label.charAt(0) == '0' || Integer.parseInt(label) > 65535) {
      return Decision.deny("tls.invalid-port", "'" + label + "' is not a port 1-65535");
    }
    int port = Integer.parseInt(label);
    if (port < minPort || port > maxPort || excluded.contains(port)) {
      return Decision.deny("tls.excluded-port", "port " + port + " is not allowed");
    }
    boolean listening;
    try {
      listening = probe.isListening(port);
    } catch (Exception e) { // fail closed: a probe error never allows
      return Decision.deny("tls.probe-failed", "the listening probe failed for port " + port + ": "
          + e.getClass().getSimpleName());
    }
    if (!listening) {
      return Decision.deny("tls.not-listening", "nothing listens on port " + port);
    }
    return Decision.allow();
  }

  /**
   * The settings of an {@link OnDemandTlsGuard}.
   *
   * <pre>{@code
   * OnDemandTlsGuard g = OnDemandTlsGuard.builder("dev.example.com")
   *     .portRange(1024, 65535).excludePorts(5432).listeningProbe(port -> true).build();
   * }</pre>
   */
  public static final class Builder {
    private final String baseDomain;
    private final Set<Integer> excluded = new TreeSet<>();
    private int minPort = 1;
    private int maxPort = 65535;
    private ListeningProbe probe;

    private Builder(String baseDomain) {
      Objects.requireNonNull(baseDomain, "baseDomain");
      String b = baseDomain.toLowerCase(Locale.ROOT);
      if (b.length() > 240 || !b.chars().allMatch(c -> c < 128)) {
        throw new PolicyConfigurationException("tls.base-domain", "the base domain must be ASCII, at most 240 characters");
      }
      for (String label : b.split("\\.", -1)) {
        if (!GitRemoteValidator.isLabel(label, true)) {
          throw new PolicyConfigurationException("tls.base-domain",
              "the base domain must be dot-separated LDH labels without a trailing dot");
        }
      }
      this.baseDomain = b;
    }

    /** Ports that never get a certificate, whatever listens there. */
    public Builder excludePorts(int... ports) {
      for (int p : ports) {
        if (p < 1 || p > 65535) {
          throw new PolicyConfigurationException("tls.exclude-port", "a port must be 1-65535, got " + p);
        }
        excluded.add(p);
      }
      return this;
    }

    /** The allowed port range, inclusive (default 1–65535). */
    public Builder portRange(int min, int max) {
      if (min < 1 || max > 65535 || min > max) {
        throw new PolicyConfigurationException("tls.port-range", "the port range must be within 1-65535, min <= max");
      }
      this.minPort = min;
      this.maxPort = max;
      return this;
    }

    /** The listening probe (required: there is no default that allows). */
    public Builder listeningProbe(ListeningProbe probe) {
      this.probe = Objects.requireNonNull(probe, "probe");
      return this;
    }

    /**
     * The guard.
     *
     * @throws PolicyConfigurationException if no listening probe was set
     */
    public OnDemandTlsGuard build() {
      if (probe == null) {
        throw new PolicyConfigurationException("tls.listening-probe",
            "a listening probe is required; use ListeningProbe.loopbackTcp(timeout) or your own");
      }
      return new OnDemandTlsGuard(this);
    }
  }
}
