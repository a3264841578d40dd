package dev.hostpolicy.core.net;

import java.util.Objects;
import java.util.Optional;

/**
 * The verdict of {@link AddressClassifier} on one address: its category, the special-purpose block
 * that decided it and where that block is defined, and — when the address embeds an IPv4 address —
 * the embedding and the IPv4 address that was judged instead.
 *
 * <pre>{@code
 * AddressClassification c = AddressClassifier.standard().classify(IpAddress.parse("64:ff9b::a00:7"));
 * c.category();          // PRIVATE_USE: the embedded 10.0.0.7 decides
 * c.embedded();          // Optional[Embedded[wrapping=NAT64 well-known prefix ..., ipv4=10.0.0.7]]
 * c.describe();          // "64:ff9b::a00:7 is private-use: it embeds 10.0.0.7 via ..."
 * }</pre>
 *
 * @param address the address classified
 * @param category what it is
 * @param block the CIDR block that decided ({@code 10.0.0.0/8}); for an embedding, the IPv4 block
 * @param name the block's name in its registry ({@code Private-Use})
 * @param reference where the block is defined ({@code RFC 1918})
 * @param embedded the embedded IPv4 address that was judged, if any
 */
public record AddressClassification(
    IpAddress address, AddressCategory category, String block, String name, String reference, Optional<Embedded> embedded) {

  /**
   * An IPv4 address found inside an IPv6 one.
   *
   * <pre>{@code
   * new Embedded("6to4 2002::/16 (RFC 3056)", IpAddress.parse("10.0.0.1"));
   * }</pre>
   *
   * @param wrapping how it was embedded, with its reference
   * @param ipv4 the embedded address
   */
  public record Embedded(String wrapping, IpAddress ipv4) {
    /** Checks the parts. */
    public Embedded {
      Objects.requireNonNull(wrapping, "wrapping");
      Objects.requireNonNull(ipv4, "ipv4");
    }
  }

  /** Checks the parts. */
  public AddressClassification {
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(category, "category");
    Objects.requireNonNull(block, "block");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(reference, "reference");
    Objects.requireNonNull(embedded, "embedded");
  }

  /** Whether the address is an ordinary egress destination. */
  public boolean isPublic() {
    return category.isPublic();
  }

  /** One line for people: the address, its category, the deciding block and its source. */
  public String describe() {
    StringBuilder sb = new StringBuilder().append(address).append(" is ").append(category.slug());
    embedded.ifPresent(e -> sb.append(": it embeds ").append(e.ipv4()).append(" via ").append(e.wrapping()).append(','));
    sb.append(" in ").append(block).append(" (").append(name).append(", ").append(reference).append(')');
    return sb.toString();
  }
}
