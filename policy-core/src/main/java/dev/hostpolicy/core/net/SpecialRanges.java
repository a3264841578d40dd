package dev.hostpolicy.core.net;

import static dev.hostpolicy.core.net.AddressCategory.BENCHMARKING;
import static dev.hostpolicy.core.net.AddressCategory.BROADCAST;
import static dev.hostpolicy.core.net.AddressCategory.DISCARD_ONLY;
import static dev.hostpolicy.core.net.AddressCategory.DOCUMENTATION;
import static dev.hostpolicy.core.net.AddressCategory.LINK_LOCAL;
import static dev.hostpolicy.core.net.AddressCategory.LOOPBACK;
import static dev.hostpolicy.core.net.AddressCategory.METADATA_ENDPOINT;
import static dev.hostpolicy.core.net.AddressCategory.MULTICAST;
import static dev.hostpolicy.core.net.AddressCategory.PRIVATE_USE;
import static dev.hostpolicy.core.net.AddressCategory.PUBLIC;
import static dev.hostpolicy.core.net.AddressCategory.RESERVED;
import static dev.hostpolicy.core.net.AddressCategory.SHARED_ADDRESS_SPACE;
import static dev.hostpolicy.core.net.AddressCategory.SITE_LOCAL;
import static dev.hostpolicy.core.net.AddressCategory.SPECIAL_PURPOSE;
import static dev.hostpolicy.core.net.AddressCategory.THIS_NETWORK;
import static dev.hostpolicy.core.net.AddressCategory.UNIQUE_LOCAL;
import static dev.hostpolicy.core.net.AddressCategory.UNSPECIFIED;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The address tables behind {@link AddressClassifier}, with the source of every row. A lookup is a
 * longest-prefix match inside a bucket chosen by the first byte, so it costs a handful of integer
 * comparisons whatever the table size.
 *
 * <p>Sources:
 *
 * <ul>
 *   <li>IANA IPv4 Special-Purpose Address Registry,
 *       https://www.iana.org/assignments/iana-ipv4-special-registry/ (RFC 6890, RFC 8190)
 *   <li>IANA IPv6 Special-Purpose Address Registry,
 *       https://www.iana.org/assignments/iana-ipv6-special-registry/ (RFC 6890, RFC 8190)
 *   <li>IANA IPv4 Multicast Address Space Registry (224.0.0.0/4, RFC 5771) and IANA IPv6 Address
 *       Space (only 2000::/3 is allocated for global unicast; RFC 4291 section 2.4)
 *   <li>Deprecated blocks the registries no longer list: fec0::/10 site-local (RFC 3879), ::/96
 *       IPv4-compatible (RFC 4291 section 2.5.5.1), ::ffff:0:0:0/96 IPv4-translated (RFC 2765
 *       section 2.1)
 *   <li>Cloud metadata endpoints, each cited on its row
 * </ul>
 */
final class SpecialRanges {
  private SpecialRanges() {}

  /** How an IPv6 block carries an IPv4 address that must be unwrapped and judged. */
  enum Embedding {
    NONE(""),
    MAPPED("IPv4-mapped ::ffff:0:0/96 (RFC 4291 section 2.5.5.2)"),
    TRANSLATED("IPv4-translated ::ffff:0:0:0/96 (RFC 2765 section 2.1)"),
    COMPATIBLE("IPv4-compatible ::/96 (deprecated, RFC 4291 section 2.5.5.1)"),
    NAT64_WELL_KNOWN("NAT64 well-known prefix 64:ff9b::/96 (RFC 6052)"),
    NAT64_LOCAL_USE("NAT64 local-use prefix 64:ff9b:1::/48 (RFC 8215), every RFC 6052 layout"),
    SIX_TO_FOUR("6to4 2002::/16 (RFC 3056)"),
    TEREDO("Teredo 2001::/32 (RFC 4380)");

    final String description;

    Embedding(String description) {
      this.description = description;
    }
  }

  /** One row: a CIDR block, what it is, where that is written down, and any embedding to unwrap. */
  record Range(boolean v6, long hi, long lo, int prefix, AddressCategory category, String block, String name,
      String reference, Embedding embedding) {

    boolean containsV4(int address) {
      int mask = prefix == 0 ? 0 : -1 << (32 - prefix);
      return ((address ^ (int) lo) & mask) == 0;
    }

    boolean containsV6(long ahi, long alo) {
      if (prefix <= 64) {
        long mask = prefix == 0 ? 0 : -1L << (64 - prefix);
        return ((ahi ^ hi) & mask) == 0;
      }
      long mask = prefix == 128 ? -1L : -1L << (128 - prefix);
      return ahi == hi && ((alo ^ lo) & mask) == 0;
    }
  }

  // ---------------------------------------------------------------- IPv4

  private static final List<Range> V4 = List.of(
      v4("0.0.0.0/0", PUBLIC, "IPv4 unicast outside every special-purpose block", "IANA IPv4 Address Space Registry"),
      v4("0.0.0.0/8", THIS_NETWORK, "\"This network\"", "RFC 791 section 3.2"),
      v4("0.0.0.0/32", UNSPECIFIED, "\"This host on this network\"", "RFC 1122 section 3.2.1.3"),
      v4("10.0.0.0/8", PRIVATE_USE, "Private-Use", "RFC 1918"),
      v4("100.64.0.0/10", SHARED_ADDRESS_SPACE, "Shared Address Space", "RFC 6598"),
      v4("127.0.0.0/8", LOOPBACK, "Loopback", "RFC 1122 section 3.2.1.3"),
      v4("169.254.0.0/16", LINK_LOCAL, "Link Local", "RFC 3927"),
      v4("172.16.0.0/12", PRIVATE_USE, "Private-Use", "RFC 1918"),
      v4("192.0.0.0/24", SPECIAL_PURPOSE, "IETF Protocol Assignments", "RFC 6890 section 2.1"),
      v4("192.0.0.0/29", SPECIAL_PURPOSE, "IPv4 Service Continuity Prefix", "RFC 7335"),
      v4("192.0.0.8/32", SPECIAL_PURPOSE, "IPv4 dummy address", "RFC 7600"),
      v4("192.0.0.9/32", SPECIAL_PURPOSE, "Port Control Protocol Anycast", "RFC 7723"),
      v4("192.0.0.10/32", SPECIAL_PURPOSE, "Traversal Using Relays around NAT Anycast", "RFC 8155"),
      v4("192.0.0.170/32", SPECIAL_PURPOSE, "NAT64/DNS64 Discovery", "RFC 7050, RFC 8880"),
      v4("192.0.0.171/32", SPECIAL_PURPOSE, "NAT64/DNS64 Discovery", "RFC 7050, RFC 8880"),
      v4("192.0.2.0/24", DOCUMENTATION, "Documentation (TEST-NET-1)", "RFC 5737"),
      v4("192.31.196.0/24", SPECIAL_PURPOSE, "AS112-v4", "RFC 7535"),
      v4("192.52.193.0/24", SPECIAL_PURPOSE, "AMT", "RFC 7450"),
      v4("192.88.99.0/24", SPECIAL_PURPOSE, "Deprecated (6to4 Relay Anycast)", "RFC 7526"),
      v4("192.168.0.0/16", PRIVATE_USE, "Private-Use", "RFC 1918"),
      v4("192.175.48.0/24", SPECIAL_PURPOSE, "Direct Delegation AS112 Service", "RFC 7534"),
      v4("198.18.0.0/15", BENCHMARKING, "Benchmarking", "RFC 2544"),
      v4("198.51.100.0/24", DOCUMENTATION, "Documentation (TEST-NET-2)", "RFC 5737"),
      v4("203.0.113.0/24", DOCUMENTATION, "Documentation (TEST-NET-3)", "RFC 5737"),
      v4("224.0.0.0/4", MULTICAST, "Multicast", "RFC 5771"),
      v4("240.0.0.0/4", RESERVED, "Reserved", "RFC 1112 section 4"),
      v4("255.255.255.255/32", BROADCAST, "Limited Broadcast", "RFC 919 section 7, RFC 8190"),
      // Cloud metadata and platform endpoints: credentials live behind these.
      v4("169.254.169.254/32", METADATA_ENDPOINT, "instance metadata service (AWS, Google Cloud, Azure, OpenStack, Oracle Cloud, DigitalOcean)",
          "AWS whitepaper \"IPv6 on AWS\", Supporting Amazon VPC services"),
      v4("169.254.170.2/32", METADATA_ENDPOINT, "Amazon ECS task metadata and credentials endpoint",
          "AWS SDK ECS credentials provider (AWS_CONTAINER_CREDENTIALS_RELATIVE_URI)"),
      v4("169.254.170.23/32", METADATA_ENDPOINT, "Amazon EKS Pod Identity Agent", "Amazon EKS user guide, Pod Identity"),
      v4("169.254.42.42/32", METADATA_ENDPOINT, "Scaleway instance metadata", "Scaleway instance metadata documentation"),
      v4("100.100.100.200/32", METADATA_ENDPOINT, "Alibaba Cloud ECS instance metadata", "cloud-init AliYun datasource"),
      v4("168.63.129.16/32", METADATA_ENDPOINT, "Azure WireServer platform endpoint",
          "Microsoft Learn, \"What is IP address 168.63.129.16?\""),
      v4("192.0.0.192/32", METADATA_ENDPOINT, "Oracle Cloud (Classic) instance metadata", "Oracle Cloud documentation"));

  // ---------------------------------------------------------------- IPv6

  private static final List<Range> V6 = List.of(
      v6("::/0", RESERVED, "IPv6 space not allocated for global unicast", "IANA IPv6 Address Space (RFC 4291 section 2.4)", Embedding.NONE),
      v6("2000::/3", PUBLIC, "Global Unicast", "IANA IPv6 Address Space (RFC 4291 section 2.4)", Embedding.NONE),
      v6("::/128", UNSPECIFIED, "Unspecified Address", "RFC 4291 section 2.5.2", Embedding.NONE),
      v6("::1/128", LOOPBACK, "Loopback Address", "RFC 4291 section 2.5.3", Embedding.NONE),
      v6("::/96", RESERVED, "IPv4-compatible IPv6 address (deprecated)", "RFC 4291 section 2.5.5.1", Embedding.COMPATIBLE),
      v6("::ffff:0:0/96", RESERVED, "IPv4-mapped Address", "RFC 4291 section 2.5.5.2", Embedding.MAPPED),
      v6("::ffff:0:0:0/96", RESERVED, "IPv4-translated Address (SIIT)", "RFC 2765 section 2.1", Embedding.TRANSLATED),
      v6("64:ff9b::/96", RESERVED, "IPv4-IPv6 Translat.", "RFC 6052", Embedding.NAT64_WELL_KNOWN),
      v6("64:ff9b:1::/48", RESERVED, "IPv4-IPv6 Translat. (local use)", "RFC 8215", Embedding.NAT64_LOCAL_USE),
      v6("100::/64", DISCARD_ONLY, "Discard-Only Address Block", "RFC 6666", Embedding.NONE),
      v6("2001::/23", SPECIAL_PURPOSE, "IETF Protocol Assignments", "RFC 2928", Embedding.NONE),
      v6("2001::/32", RESERVED, "TEREDO", "RFC 4380, RFC 8190", Embedding.TEREDO),
      v6("2001:1::1/128", SPECIAL_PURPOSE, "Port Control Protocol Anycast", "RFC 7723", Embedding.NONE),
      v6("2001:1::2/128", SPECIAL_PURPOSE, "Traversal Using Relays around NAT Anycast", "RFC 8155", Embedding.NONE),
      v6("2001:2::/48", BENCHMARKING, "Benchmarking", "RFC 5180, RFC Errata 1752", Embedding.NONE),
      v6("2001:3::/32", SPECIAL_PURPOSE, "AMT", "RFC 7450", Embedding.NONE),
      v6("2001:4:112::/48", SPECIAL_PURPOSE, "AS112-v6", "RFC 7535", Embedding.NONE),
      v6("2001:10::/28", SPECIAL_PURPOSE, "Deprecated (previously ORCHID)", "RFC 4843", Embedding.NONE),
      v6("2001:20::/28", SPECIAL_PURPOSE, "ORCHIDv2", "RFC 7343", Embedding.NONE),
      v6("2001:30::/28", SPECIAL_PURPOSE, "Drone Remote ID Protocol Entity Tags (DETs) Prefix", "RFC 9374", Embedding.NONE),
      v6("2001:db8::/32", DOCUMENTATION, "Documentation", "RFC 3849", Embedding.NONE),
      v6("2002::/16", RESERVED, "6to4", "RFC 3056", Embedding.SIX_TO_FOUR),
      v6("2620:4f:8000::/48", SPECIAL_PURPOSE, "Direct Delegation AS112 Service", "RFC 7534", Embedding.NONE),
      v6("3fff::/20", DOCUMENTATION, "Documentation", "RFC 9637", Embedding.NONE),
      v6("5f00::/16", SPECIAL_PURPOSE, "Segment Routing (SRv6) SIDs", "RFC 9602", Embedding.NONE),
      v6("fc00::/7", UNIQUE_LOCAL, "Unique-Local", "RFC 4193, RFC 8190", Embedding.NONE),
      v6("fe80::/10", LINK_LOCAL, "Link-Local Unicast", "RFC 4291 section 2.5.6", Embedding.NONE),
      v6("fec0::/10", SITE_LOCAL, "Site-Local Unicast (deprecated)", "RFC 3879", Embedding.NONE),
      v6("ff00::/8", MULTICAST, "Multicast", "RFC 4291 section 2.7", Embedding.NONE),
      // Cloud metadata endpoints over IPv6.
      v6("fd00:ec2::254/128", METADATA_ENDPOINT, "Amazon EC2 instance metadata service (IPv6)",
          "AWS whitepaper \"IPv6 on AWS\", Supporting Amazon VPC services", Embedding.NONE),
      v6("fd00:ec2::23/128", METADATA_ENDPOINT, "Amazon EKS Pod Identity Agent (IPv6)", "Amazon EKS user guide, Pod Identity", Embedding.NONE),
      v6("fd20:ce::254/128", METADATA_ENDPOINT, "Google Cloud metadata server (IPv6)", "Google Cloud, metadata server for IPv6-only instances", Embedding.NONE),
      v6("fd00:42::42/128", METADATA_ENDPOINT, "Scaleway instance metadata (IPv6)", "Scaleway instance metadata documentation", Embedding.NONE),
      v6("fe80::a9fe:a9fe/128", METADATA_ENDPOINT, "OpenStack metadata service (IPv6)", "OpenStack Neutron spec \"IPv6 support in Metadata service\"", Embedding.NONE));

  private static final Range[][] V4_BUCKETS = buckets(V4, false);
  private static final Range[][] V6_BUCKETS = buckets(V6, true);

  /** Every IPv4 row, for documentation and tests. */
  static List<Range> ipv4() {
    return V4;
  }

  /** Every IPv6 row, for documentation and tests. */
  static List<Range> ipv6() {
    return V6;
  }

  /** The most specific IPv4 row containing {@code address}. */
  static Range lookupV4(int address) {
    for (Range r : V4_BUCKETS[address >>> 24]) {
      if (r.containsV4(address)) {
        return r;
      }
    }
    throw new AssertionError("0.0.0.0/0 covers every IPv4 address");
  }

  /** The most specific IPv6 row containing {@code hi:lo}. */
  static Range lookupV6(long hi, long lo) {
    for (Range r : V6_BUCKETS[(int) (hi >>> 56)]) {
      if (r.containsV6(hi, lo)) {
        return r;
      }
    }
    throw new AssertionError("::/0 covers every IPv6 address");
  }

  private static Range v4(String cidr, AddressCategory category, String name, String reference) {
    int slash = cidr.indexOf('/');
    IpAddress base = IpAddress.parse(cidr.substring(0, slash));
    int prefix = Integer.parseInt(cidr.substring(slash + 1));
    return new Range(false, 0, base.ipv4Int() & 0xffffffffL, prefix, category, cidr, name, reference, Embedding.NONE);
  }

  private static Range v6(String cidr, AddressCategory category, String name, String reference, Embedding embedding) {
    int slash = cidr.indexOf('/');
    IpAddress base = IpAddress.parse(cidr.substring(0, slash));
    int prefix = Integer.parseInt(cidr.substring(slash + 1));
    return new Range(true, base.hi(), base.lo(), prefix, category, cidr, name, reference, embedding);
  }

  /** Per first byte, the rows that can contain an address starting with it, most specific first. */
  private static Range[][] buckets(List<Range> rows, boolean v6) {
    Range[][] out = new Range[256][];
    for (int first = 0; first < 256; first++) {
      List<Range> in = new ArrayList<>();
      for (Range r : rows) {
        int rowFirst = (int) ((v6 ? r.hi() >>> 56 : r.lo() >>> 24) & 0xff);
        int bits = Math.min(8, r.prefix());
        int mask = bits == 0 ? 0 : (0xff << (8 - bits)) & 0xff;
        if ((first & mask) == (rowFirst & mask)) {
          in.add(r);
        }
      }
      in.sort(Comparator.comparingInt(Range::prefix).reversed());
      out[first] = in.toArray(new Range[0]);
    }
    return out;
  }
}
