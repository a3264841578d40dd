package dev.hostpolicy.core.net;

import dev.hostpolicy.api.Decision;
import dev.hostpolicy.api.PolicyViolationException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of {@link EgressPolicy#check}: a {@link Decision} plus, when it allows, the addresses
 * that were resolved <em>once</em> and judged. Connect only to {@link #socketAddresses()} — never
 * resolve the host again — and DNS rebinding between the check and the connect cannot happen.
 *
 * <pre>{@code
 * EgressDecision d = policy.check("https://api.github.com/repos");
 * if (d.denied()) {
 *   return forbidden(d.reason());              // e.g. "egress.private-address"
 * }
 * Socket s = new Socket();
 * s.connect(d.socketAddresses().get(0), 5_000); // the pinned, validated address
 * }</pre>
 */
public final class EgressDecision {
  private final Decision decision;
  private final Optional<EgressTarget> target;
  private final List<InetAddress> addresses;
  private final Optional<AddressClassification> offending;

  private EgressDecision(Decision decision, Optional<EgressTarget> target, List<InetAddress> addresses,
      Optional<AddressClassification> offending) {
    this.decision = Objects.requireNonNull(decision, "decision");
    this.target = target;
    this.addresses = List.copyOf(addresses);
    this.offending = offending;
    if (decision.allowed() && (this.addresses.isEmpty() || target.isEmpty())) {
      throw new IllegalArgumentException("an allowing egress decision carries its target and addresses");
    }
    if (decision.denied() && !this.addresses.isEmpty()) {
      throw new IllegalArgumentException("a denial carries no addresses to connect to");
    }
  }

  static EgressDecision allow(EgressTarget target, List<InetAddress> addresses, Decision allowing) {
    return new EgressDecision(allowing, Optional.of(target), addresses, Optional.empty());
  }

  static EgressDecision deny(Optional<EgressTarget> target, String reason, String detail) {
    return new EgressDecision(Decision.deny(reason, detail), target, List.of(), Optional.empty());
  }

  static EgressDecision deny(EgressTarget target, AddressClassification offending, String reason, String detail) {
    return new EgressDecision(Decision.deny(reason, detail), Optional.of(target), List.of(), Optional.of(offending));
  }

  /** The decision: allowed, or denied with a stable reason code. */
  public Decision decision() {
    return decision;
  }

  /** Whether the connection may be made (to {@link #socketAddresses()} only). */
  public boolean allowed() {
    return decision.allowed();
  }

  /** The negation of {@link #allowed()}. */
  public boolean denied() {
    return decision.denied();
  }

  /** The reason code ({@code allowed}, {@code egress.private-address}, …). */
  public String reason() {
    return decision.reason();
  }

  /** The human detail; never a secret. */
  public String detail() {
    return decision.detail();
  }

  /** The parsed target, unless parsing itself failed. */
  public Optional<EgressTarget> target() {
    return target;
  }

  /** The validated addresses, in resolver order, each carrying the target host name; empty when denied. */
  public List<InetAddress> addresses() {
    return addresses;
  }

  /** {@link #addresses()} with the target port: the only places to connect to. */
  public List<InetSocketAddress> socketAddresses() {
    List<InetSocketAddress> out = new ArrayList<>(addresses.size());
    int port = target.map(EgressTarget::port).orElse(0);
    for (InetAddress a : addresses) {
      out.add(new InetSocketAddress(a, port));
    }
    return List.copyOf(out);
  }

  /** For a denial because of an address, that address's classification. */
  public Optional<AddressClassification> offendingAddress() {
    return offending;
  }

  /**
   * Returns this decision if it allows.
   *
   * @throws PolicyViolationException carrying the denial
   */
  public EgressDecision requireAllowed() {
    decision.requireAllowed();
    return this;
  }

  @Override
  public String toString() {
    return decision + target.map(t -> " [" + t + "]").orElse("")
        + (addresses.isEmpty() ? "" : " -> " + addresses.stream().map(a -> IpAddress.of(a).toString()).toList());
  }
}
