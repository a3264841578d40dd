package dev.hostpolicy.core.net;

import dev.hostpolicy.api.SafeText;

/**
 * What an address is, after {@link AddressClassifier} has looked it up in the IANA special-purpose
 * registries and unwrapped any IPv4 address embedded in an IPv6 one. Only {@link #PUBLIC} addresses
 * are ordinary egress destinations; every other category is denied unless that exact IP is allowed.
 *
 * <pre>{@code
 * AddressCategory c = AddressClassifier.standard().classify(IpAddress.parse("100.64.0.1")).category();
 * c.slug();      // "shared-address-space"
 * c.isPublic();  // false
 * }</pre>
 */
public enum AddressCategory {
  /** Globally routable unicast: not in any special-purpose block (IPv6: inside 2000::/3). */
  PUBLIC("public"),
  /** A cloud provider's instance metadata or platform endpoint (169.254.169.254, fd00:ec2::254, …). */
  METADATA_ENDPOINT("metadata-endpoint"),
  /** {@code 0.0.0.0} and {@code ::}: the wildcard of a bind; as a destination Linux connects to itself. */
  UNSPECIFIED("unspecified"),
  /** 0.0.0.0/8 "this network" (RFC 791 section 3.2): only a source. */
  THIS_NETWORK("this-network"),
  /** 127.0.0.0/8 and ::1 (RFC 1122 section 3.2.1.3, RFC 4291). */
  LOOPBACK("loopback"),
  /** RFC 1918 private-use space: 10/8, 172.16/12, 192.168/16. */
  PRIVATE_USE("private-use"),
  /** 100.64.0.0/10 shared address space, carrier-grade NAT (RFC 6598). */
  SHARED_ADDRESS_SPACE("shared-address-space"),
  /** 169.254.0.0/16 (RFC 3927) and fe80::/10 (RFC 4291). */
  LINK_LOCAL("link-local"),
  /** fc00::/7 unique local addresses (RFC 4193). */
  UNIQUE_LOCAL("unique-local"),
  /** fec0::/10, deprecated site-local addresses (RFC 3879). */
  SITE_LOCAL("site-local"),
  /** 198.18.0.0/15 and 2001:2::/48, benchmarking (RFC 2544, RFC 5180). */
  BENCHMARKING("benchmarking"),
  /** TEST-NET-1/2/3 (RFC 5737), 2001:db8::/32 (RFC 3849) and 3fff::/20 (RFC 9637). */
  DOCUMENTATION("documentation"),
  /** 224.0.0.0/4 (RFC 5771) and ff00::/8 (RFC 4291). */
  MULTICAST("multicast"),
  /** 255.255.255.255, limited broadcast (RFC 919, RFC 8190). */
  BROADCAST("broadcast"),
  /** 100::/64, discard-only (RFC 6666). */
  DISCARD_ONLY("discard-only"),
  /**
   * Any other block of the IANA special-purpose registries: IETF protocol assignments (192.0.0.0/24,
   * 2001::/23), the deprecated 6to4 relay anycast 192.88.99.0/24, AS112, AMT, ORCHIDv2, SRv6 SIDs, … —
   * infrastructure, never an egress destination.
   */
  SPECIAL_PURPOSE("special-purpose"),
  /** 240.0.0.0/4 (RFC 1112), and IPv6 space outside 2000::/3 that IANA has not allocated. */
  RESERVED("reserved");

  private final String slug;

  AddressCategory(String slug) {
    this.slug = slug;
  }

  /** The lowercase, dashed name used in reason details, JSON and the CLI ({@code link-local}). */
  public String slug() {
    return slug;
  }

  /** Whether this is an ordinary egress destination ({@link #PUBLIC} only). */
  public boolean isPublic() {
    return this == PUBLIC;
  }

  /**
   * The category with this {@link #slug()}.
   *
   * @throws IllegalArgumentException if there is none
   */
  public static AddressCategory ofSlug(String slug) {
    for (AddressCategory c : values()) {
      if (c.slug.equals(slug)) {
        return c;
      }
    }
    throw new IllegalArgumentException("unknown address category: " + SafeText.clean(slug, 40));
  }
}
