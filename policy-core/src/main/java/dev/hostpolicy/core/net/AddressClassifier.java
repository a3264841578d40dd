package dev.hostpolicy.core.net;

import dev.hostpolicy.core.net.AddressClassification.Embedded;
import dev.hostpolicy.core.net.SpecialRanges.Embedding;
import dev.hostpolicy.core.net.SpecialRanges.Range;
import java.net.InetAddress;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Classifies addresses against every block of the IANA IPv4 and IPv6 special-purpose registries, the
 * multicast and reserved spaces, and the cloud metadata endpoints (named as such, so a denial says
 * {@code egress.metadata-endpoint}, not just "private").
 *
 * <p>An IPv4 address embedded in IPv6 is <em>unwrapped and judged</em>, never blocked wholesale (that
 * would break DNS64 networks) and never waved through: IPv4-mapped {@code ::ffff:a.b.c.d} (in dotted
 * or hex form — they are the same bytes), IPv4-translated {@code ::ffff:0:a.b.c.d}, IPv4-compatible
 * {@code ::a.b.c.d}, NAT64 {@code 64:ff9b::/96}, the local-use NAT64 prefix {@code 64:ff9b:1::/48}
 * under every RFC 6052 layout its address could follow (/48, /56, /64, /96 — the worst verdict
 * wins), 6to4 {@code 2002::/16}, and Teredo {@code 2001::/32}, whose server address and XOR-obscured
 * client address are both judged. Configured network-specific NAT64 prefixes are unwrapped the same
 * way.
 *
 * <pre>{@code
 * AddressClassifier classifier = AddressClassifier.standard();
 * classifier.classify(IpAddress.parse("169.254.169.254")).category();  // METADATA_ENDPOINT
 * classifier.classify(IpAddress.parse("::ffff:7f00:1")).category();    // LOOPBACK (embedded 127.0.0.1)
 * classifier.classify(IpAddress.parse("64:ff9b::808:808")).isPublic(); // true: NAT64 of 8.8.8.8
 *
 * AddressClassifier dns64 = AddressClassifier.withNat64Prefixes(
 *     Nat64Prefix.of(IpAddress.parse("2001:db8:64::"), 96));
 * }</pre>
 */
public final class AddressClassifier {
  private static final AddressClassifier STANDARD = new AddressClassifier(List.of());
  private static final int[] LOCAL_USE_LAYOUTS = {48, 56, 64, 96};

  private final List<Nat64Prefix> nat64Prefixes;

  private AddressClassifier(List<Nat64Prefix> nat64Prefixes) {
    this.nat64Prefixes = List.copyOf(nat64Prefixes);
  }

  /** The registries as published, with no network-specific NAT64 prefix. Shared and thread-safe. */
  public static AddressClassifier standard() {
    return STANDARD;
  }

  /**
   * A classifier that also unwraps addresses under these network-specific NAT64 prefixes (RFC 6052
   * section 2.2) and judges the IPv4 address they carry.
   */
  public static AddressClassifier withNat64Prefixes(Nat64Prefix... prefixes) {
    for (Nat64Prefix p : prefixes) {
      Objects.requireNonNull(p, "prefix");
    }
    return new AddressClassifier(List.of(prefixes));
  }

  /** The configured network-specific NAT64 prefixes. */
  public List<Nat64Prefix> nat64Prefixes() {
    return nat64Prefixes;
  }

  /** Classifies {@code address} (its host name, if any, is ignored). */
  public AddressClassification classify(InetAddress address) {
    return classify(IpAddress.of(address));
  }

  /** Classifies {@code address}; a zone id does not change the verdict. */
  public AddressClassification classify(IpAddress address) {
    Objects.requireNonNull(address, "address");
    if (address.isIpv4()) {
      return of(address, SpecialRanges.lookupV4(address.ipv4Int()), Optional.empty());
    }
    for (Nat64Prefix p : nat64Prefixes) {
      Optional<IpAddress> v4 = p.extract(address);
      if (v4.isPresent()) {
        return embedded(address, v4.get(), "network-specific NAT64 prefix " + p + " (RFC 6052)");
      }
    }
    Range r = SpecialRanges.lookupV6(address.hi(), address.lo());
    switch (r.embedding()) {
      case NONE:
        return of(address, r, Optional.empty());
      case MAPPED:
      case TRANSLATED:
      case COMPATIBLE:
      case NAT64_WELL_KNOWN:
        return embedded(address, bytesAt(address, 12), r.embedding().description);
      case SIX_TO_FOUR:
        return embedded(address, bytesAt(address, 2), r.embedding().description);
      case TEREDO:
        return worst(
            embedded(address, bytesAt(address, 4), Embedding.TEREDO.description + ", server address"),
            embedded(address, teredoClient(address), Embedding.TEREDO.description + ", client address (XOR 0xffffffff)"));
      case NAT64_LOCAL_USE:
        {
          AddressClassification verdict = null;
          for (int length : LOCAL_USE_LAYOUTS) {
            if (Nat64Prefix.consistentLayout(address, length)) {
              AddressClassification c =
                  embedded(address, Nat64Prefix.read(address, length), Embedding.NAT64_LOCAL_USE.description + ", read as /" + length);
              verdict = verdict == null ? c : worst(verdict, c);
            }
          }
          return verdict; // /96 is always consistent
        }
      default:
        throw new AssertionError(r.embedding());
    }
  }

  /**
   * Whether {@code address} is {@link AddressCategory#PUBLIC}: the same verdict as
   * {@code classify(address).isPublic()}, without building the classification when no embedded
   * address needs unwrapping.
   */
  public boolean isPublic(IpAddress address) {
    Objects.requireNonNull(address, "address");
    if (address.isIpv4()) {
      return SpecialRanges.lookupV4(address.ipv4Int()).category().isPublic();
    }
    if (nat64Prefixes.isEmpty()) {
      Range r = SpecialRanges.lookupV6(address.hi(), address.lo());
      if (r.embedding() == Embedding.NONE) {
        return r.category().isPublic();
      }
    }
    return classify(address).isPublic();
  }

  /** Shorthand for {@code classify(address).category()}. */
  public AddressCategory category(IpAddress address) {
    return classify(address).category();
  }

  private static AddressClassification of(IpAddress address, Range r, Optional<Embedded> via) {
    return new AddressClassification(address, r.category(), r.block(), r.name(), r.reference(), via);
  }

  private static AddressClassification embedded(IpAddress outer, IpAddress v4, String wrapping) {
    Range r = SpecialRanges.lookupV4(v4.ipv4Int());
    return of(outer, r, Optional.of(new Embedded(wrapping, v4)));
  }

  /** The more dangerous verdict: any non-public beats public; among non-public, the category listed first. */
  private static AddressClassification worst(AddressClassification a, AddressClassification b) {
    if (a.category().isPublic()) {
      return b.category().isPublic() ? a : b;
    }
    if (b.category().isPublic()) {
      return a;
    }
    return b.category().ordinal() < a.category().ordinal() ? b : a;
  }

  private static IpAddress bytesAt(IpAddress a, int offset) {
    return IpAddress.ofBytes(new byte[] {a.byteAt(offset), a.byteAt(offset + 1), a.byteAt(offset + 2), a.byteAt(offset + 3)});
  }

  /** RFC 4380 section 4: the client's external IPv4 address, every bit inverted, in the last 32 bits. */
  private static IpAddress teredoClient(IpAddress a) {
    return IpAddress.ofBytes(new byte[] {(byte) ~a.byteAt(12), (byte) ~a.byteAt(13), (byte) ~a.byteAt(14), (byte) ~a.byteAt(15)});
  }

  @Override
  public String toString() {
    return nat64Prefixes.isEmpty() ? "AddressClassifier[standard]" : "AddressClassifier[nat64=" + nat64Prefixes + "]";
  }
}
