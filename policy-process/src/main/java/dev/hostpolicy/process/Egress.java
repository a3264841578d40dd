package dev.hostpolicy.process;

import dev.hostpolicy.api.spi.PolicyKeys;
import dev.hostpolicy.core.HostPolicy;
import dev.hostpolicy.core.net.EgressPolicy;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A child's network egress. {@link #denyAll()} (the default of a {@link LaunchSpec}) and
 * {@link #allow(Collection)} start a per-run {@code EgressProxy} on 127.0.0.1, point
 * {@code HTTP_PROXY}, {@code HTTPS_PROXY}, {@code ALL_PROXY} and their lower-case forms at it (with a
 * per-run proxy token) and remove {@code NO_PROXY}; the child is started only if the proxy listens.
 * {@link #unrestricted()} is the host's explicit opt-out: no proxy, the scrubbed proxy variables as
 * they are.
 *
 * <pre>{@code
 * Egress none = Egress.denyAll();                                     // proxy that denies everything
 * Egress npm = Egress.allow(List.of("registry.npmjs.org"));           // bad patterns throw at once
 * Egress fromPolicy = Egress.fromPolicy(hostPolicy, manifest.egressAllowlist());
 * }</pre>
 */
public final class Egress {
  private final boolean enforced;
  private final Supplier<EgressPolicy.Builder> policy;
  private final List<String> allow;
  private final int proxyPort;
  private final boolean proxyToken;

  private Egress(boolean enforced, Supplier<EgressPolicy.Builder> policy, List<String> allow, int proxyPort, boolean proxyToken) {
    this.enforced = enforced;
    this.policy = policy;
    this.allow = allow;
    this.proxyPort = proxyPort;
    this.proxyToken = proxyToken;
  }

  /** Enforced, nothing allowed: every request through the proxy is denied. */
  public static Egress denyAll() {
    return allow(List.of(), List.of());
  }

  /**
   * Enforced with these allow patterns ({@code host}, {@code *.domain}, IP literals, optional
   * {@code :port}).
   *
   * @throws dev.hostpolicy.api.PolicyConfigurationException naming {@code egress.allow} for a bad pattern
   */
  public static Egress allow(Collection<String> allow) {
    return allow(allow, List.of());
  }

  /**
   * Enforced with allow and deny patterns (deny wins).
   *
   * @throws dev.hostpolicy.api.PolicyConfigurationException naming the rule for a bad pattern
   */
  public static Egress allow(Collection<String> allow, Collection<String> deny) {
    List<String> a = List.copyOf(allow);
    List<String> d = List.copyOf(deny);
    EgressPolicy.builder().allowAll(a).denyAll(d); // validates now
    return new Egress(true, () -> EgressPolicy.builder().allowAll(a).denyAll(d), a, 0, true);
  }

  /**
   * Enforced with a policy the host builds (its own resolver, forced wildcards, ...): {@code policy}
   * is called once per run, because a proxy consumes its builder.
   */
  public static Egress enforced(Supplier<EgressPolicy.Builder> policy) {
    Objects.requireNonNull(policy, "policy");
    return new Egress(true, policy, List.of(), 0, true);
  }

  /**
   * What {@code policy} says: unrestricted when {@code egress.enforce} is off, otherwise enforced with
   * {@code egress.allow} plus {@code extraAllow} (a provider manifest's allowlist) and {@code egress.deny}.
   */
  public static Egress fromPolicy(HostPolicy policy, Collection<String> extraAllow) {
    Objects.requireNonNull(policy, "policy");
    if (!policy.get(PolicyKeys.EGRESS_ENFORCE)) {
      return unrestricted();
    }
    List<String> a = new ArrayList<>(policy.get(PolicyKeys.EGRESS_ALLOW));
    for (String e : extraAllow) {
      if (!a.contains(e)) {
        a.add(e);
      }
    }
    return allow(a, List.copyOf(policy.get(PolicyKeys.EGRESS_DENY)));
  }

  /** No proxy at all: the host's explicit opt-out of egress enforcement. */
  public static Egress unrestricted() {
    return new Egress(false, null, List.of(), 0, false);
  }

  /**
   * This egress with the proxy on a fixed port of 127.0.0.1 (0, the default, for an ephemeral one).
   * A port that cannot be bound means the child is not started.
   */
  public Egress proxyPort(int port) {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port " + port + " is outside 0-65535");
    }
    requireEnforced();
    return new Egress(enforced, policy, allow, port, proxyToken);
  }

  /**
   * This egress without the per-run proxy token (any local process could then use the proxy while the
   * run lasts; needed only for clients that cannot send proxy credentials).
   */
  public Egress withoutProxyToken() {
    requireEnforced();
    return new Egress(enforced, policy, allow, proxyPort, false);
  }

  private void requireEnforced() {
    if (!enforced) {
      throw new IllegalStateException("unrestricted egress has no proxy");
    }
  }

  /** Whether a proxy is started. */
  public boolean enforced() {
    return enforced;
  }

  /** A fresh policy builder for one run, when enforced. */
  public Optional<EgressPolicy.Builder> policyBuilder() {
    return enforced ? Optional.of(Objects.requireNonNull(policy.get(), "the egress policy supplier returned null")) : Optional.empty();
  }

  /** The allow patterns given to {@link #allow} or {@link #fromPolicy} (empty for {@link #enforced}). */
  public List<String> allowPatterns() {
    return allow;
  }

  /** The proxy port, 0 for ephemeral. */
  public int proxyPort() {
    return proxyPort;
  }

  /** Whether the proxy requires a per-run token. */
  public boolean proxyToken() {
    return proxyToken;
  }

  @Override
  public String toString() {
    return enforced ? "Egress[enforced, allow=" + allow + (proxyPort == 0 ? "" : ", port=" + proxyPort) + "]" : "Egress[unrestricted]";
  }
}
