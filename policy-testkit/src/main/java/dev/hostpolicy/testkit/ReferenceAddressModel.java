package dev.hostpolicy.testkit;

import com.google.common.net.InetAddresses;
import dev.hostpolicy.core.net.AddressCategory;
import dev.hostpolicy.core.net.IpAddress;
import java.math.BigInteger;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.List;

/**
 * An independent, deliberately simple model of the IANA special-purpose registries, to test
 * {@code AddressClassifier} against: each block is written as its first and last address (not as a
 * CIDR), parsed by Guava (not by HostPolicy's parser), and looked up by scanning for the smallest
 * containing block with {@link BigInteger} arithmetic. Embedded IPv4 addresses are extracted here by
 * bit position, independently of the production code.
 *
 * <pre>{@code
 * AddressCategory expected = ReferenceAddressModel.expectedCategory(IpAddress.parse("100.64.0.0"));
 * assertThat(AddressClassifier.standard().category(IpAddress.parse("100.64.0.0"))).isEqualTo(expected);
 * }</pre>
 */
public final class ReferenceAddressModel {
  private ReferenceAddressModel() {}

  /** How a block carries an IPv4 address. */
  public enum Wrap {
    /** No embedded address. */
    NONE,
    /** The last 32 bits (mapped, translated, compatible, NAT64 /96). */
    LAST_32_BITS,
    /** 6to4: bits 16-47. */
    SIX_TO_FOUR,
    /** Teredo: server in bits 32-63, client inverted in bits 96-127; both judged. */
    TEREDO,
    /** 64:ff9b:1::/48 under each RFC 6052 layout whose u octet and suffix are zero. */
    NAT64_LOCAL_USE
  }

  /**
   * One block: first and last address inclusive, what it is, and its source.
   *
   * <pre>{@code
   * new Row("10.0.0.0", "10.255.255.255", AddressCategory.PRIVATE_USE, "RFC 1918", Wrap.NONE);
   * }</pre>
   *
   * @param first the first address
   * @param last the last address
   * @param category the category of the block (ignored when {@code wrap} is not NONE)
   * @param source where the block is defined
   * @param wrap how an IPv4 address is embedded
   */
  public record Row(String first, String last, AddressCategory category, String source, Wrap wrap) {
    /** The first address. */
    public IpAddress firstAddress() {
      return IpAddress.ofBytes(bytes(first, last.indexOf(':') >= 0));
    }

    /** The last address. */
    public IpAddress lastAddress() {
      return IpAddress.ofBytes(bytes(last, last.indexOf(':') >= 0));
    }

    boolean v6() {
      return last.indexOf(':') >= 0;
    }

    BigInteger lo() {
      return new BigInteger(1, bytes(first, v6()));
    }

    BigInteger hi() {
      return new BigInteger(1, bytes(last, v6()));
    }
  }

  private static Row r(String first, String last, AddressCategory c, String source) {
    return new Row(first, last, c, source, Wrap.NONE);
  }

  private static Row w(String first, String last, Wrap wrap, String source) {
    return new Row(first, last, AddressCategory.RESERVED, source, wrap);
  }

  private static final List<Row> V4 = List.of(
      r("0.0.0.0", "255.255.255.255", AddressCategory.PUBLIC, "IANA IPv4 address space"),
      r("0.0.0.0", "0.255.255.255", AddressCategory.THIS_NETWORK, "RFC 791"),
      r("0.0.0.0", "0.0.0.0", AddressCategory.UNSPECIFIED, "RFC 1122"),
      r("10.0.0.0", "10.255.255.255", AddressCategory.PRIVATE_USE, "RFC 1918"),
      r("100.64.0.0", "100.127.255.255", AddressCategory.SHARED_ADDRESS_SPACE, "RFC 6598"),
      r("127.0.0.0", "127.255.255.255", AddressCategory.LOOPBACK, "RFC 1122"),
      r("169.254.0.0", "169.254.255.255", AddressCategory.LINK_LOCAL, "RFC 3927"),
      r("172.16.0.0", "172.31.255.255", AddressCategory.PRIVATE_USE, "RFC 1918"),
      r("192.0.0.0", "192.0.0.255", AddressCategory.SPECIAL_PURPOSE, "RFC 6890"),
      r("192.0.2.0", "192.0.2.255", AddressCategory.DOCUMENTATION, "RFC 5737"),
      r("192.31.196.0", "192.31.196.255", AddressCategory.SPECIAL_PURPOSE, "RFC 7535"),
      r("192.52.193.0", "192.52.193.255", AddressCategory.SPECIAL_PURPOSE, "RFC 7450"),
      r("192.88.99.0", "192.88.99.255", AddressCategory.SPECIAL_PURPOSE, "RFC 7526"),
      r("192.168.0.0", "192.168.255.255", AddressCategory.PRIVATE_USE, "RFC 1918"),
      r("192.175.48.0", "192.175.48.255", AddressCategory.SPECIAL_PURPOSE, "RFC 7534"),
      r("198.18.0.0", "198.19.255.255", AddressCategory.BENCHMARKING, "RFC 2544"),
      r("198.51.100.0", "198.51.100.255", AddressCategory.DOCUMENTATION, "RFC 5737"),
      r("203.0.113.0", "203.0.113.255", AddressCategory.DOCUMENTATION, "RFC 5737"),
      r("224.0.0.0", "239.255.255.255", AddressCategory.MULTICAST, "RFC 5771"),
      r("240.0.0.0", "255.255.255.255", AddressCategory.RESERVED, "RFC 1112"),
      r("255.255.255.255", "255.255.255.255", AddressCategory.BROADCAST, "RFC 919"),
      r("169.254.169.254", "169.254.169.254", AddressCategory.METADATA_ENDPOINT, "cloud IMDS"),
      r("169.254.170.2", "169.254.170.2", AddressCategory.METADATA_ENDPOINT, "Amazon ECS"),
      r("169.254.170.23", "169.254.170.23", AddressCategory.METADATA_ENDPOINT, "Amazon EKS"),
      r("169.254.42.42", "169.254.42.42", AddressCategory.METADATA_ENDPOINT, "Scaleway"),
      r("100.100.100.200", "100.100.100.200", AddressCategory.METADATA_ENDPOINT, "Alibaba Cloud"),
      r("168.63.129.16", "168.63.129.16", AddressCategory.METADATA_ENDPOINT, "Azure WireServer"),
      r("192.0.0.192", "192.0.0.192", AddressCategory.METADATA_ENDPOINT, "Oracle Cloud Classic"));

  private static final String ONES = "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff";

  private static final List<Row> V6 = List.of(
      r("::", ONES, AddressCategory.RESERVED, "IANA IPv6 address space"),
      r("2000::", "3fff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", AddressCategory.PUBLIC, "RFC 4291 global unicast"),
      r("::", "::", AddressCategory.UNSPECIFIED, "RFC 4291"),
      r("::1", "::1", AddressCategory.LOOPBACK, "RFC 4291"),
      w("::", "::ffff:ffff", Wrap.LAST_32_BITS, "RFC 4291 IPv4-compatible"),
      w("::ffff:0:0", "::ffff:ffff:ffff", Wrap.LAST_32_BITS, "RFC 4291 IPv4-mapped"),
      w("::ffff:0:0:0", "::ffff:0:ffff:ffff", Wrap.LAST_32_BITS, "RFC 2765 IPv4-translated"),
      w("64:ff9b::", "64:ff9b::ffff:ffff", Wrap.LAST_32_BITS, "RFC 6052"),
      w("64:ff9b:1::", "64:ff9b:1:ffff:ffff:ffff:ffff:ffff", Wrap.NAT64_LOCAL_USE, "RFC 8215"),
      r("100::", "100::ffff:ffff:ffff:ffff", AddressCategory.DISCARD_ONLY, "RFC 6666"),
      r("2001::", "2001:1ff:ffff:ffff:ffff:ffff:ffff:ffff", AddressCategory.SPECIAL_PURPOSE, "RFC 2928"),
      w("2001::", "2001:0:ffff:ffff:ffff:ffff:ffff:ffff", Wrap.TEREDO, "RFC 4380"),
      r("2001:2::", "2001:2:0:ffff:ffff:ffff:ffff:ffff", AddressCategory.BENCHMARKING, "RFC 5180"),
      r("2001:db8::", "2001:db8:ffff:ffff:ffff:ffff:ffff:ffff", AddressCategory.DOCUMENTATION, "RFC 3849"),
      w("2002::", "2002:ffff:ffff:ffff:ffff:ffff:ffff:ffff", Wrap.SIX_TO_FOUR, "RFC 3056"),
      r("2620:4f:8000::", "2620:4f:8000:ffff:ffff:ffff:ffff:ffff", AddressCategory.SPECIAL_PURPOSE, "RFC 7534"),
      r("3fff::", "3fff:fff:ffff:ffff:ffff:ffff:ffff:ffff", AddressCategory.DOCUMENTATION, "RFC 9637"),
      r("5f00::", "5f00:ffff:ffff:ffff:ffff:ffff:ffff:ffff", AddressCategory.SPECIAL_PURPOSE, "RFC 9602"),
      r("fc00::", "fdff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", AddressCategory.UNIQUE_LOCAL, "RFC 4193"),
      r("fe80::", "febf:ffff:ffff:ffff:ffff:ffff:ffff:ffff", AddressCategory.LINK_LOCAL, "RFC 4291"),
      r("fec0::", "feff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", AddressCategory.SITE_LOCAL, "RFC 3879"),
      r("ff00::", ONES, AddressCategory.MULTICAST, "RFC 4291"),
      r("fd00:ec2::254", "fd00:ec2::254", AddressCategory.METADATA_ENDPOINT, "AWS IMDS IPv6"),
      r("fd00:ec2::23", "fd00:ec2::23", AddressCategory.METADATA_ENDPOINT, "Amazon EKS IPv6"),
      r("fd20:ce::254", "fd20:ce::254", AddressCategory.METADATA_ENDPOINT, "Google Cloud IPv6"),
      r("fd00:42::42", "fd00:42::42", AddressCategory.METADATA_ENDPOINT, "Scaleway IPv6"),
      r("fe80::a9fe:a9fe", "fe80::a9fe:a9fe", AddressCategory.METADATA_ENDPOINT, "OpenStack IPv6"));

  /** Every IPv4 block, the catch-all public row first. */
  public static List<Row> ipv4Rows() {
    return V4;
  }

  /** Every IPv6 block, the catch-all reserved row first. */
  public static List<Row> ipv6Rows() {
    return V6;
  }

  /** The category the registries give {@code address}, embedded IPv4 judged. */
  public static AddressCategory expectedCategory(IpAddress address) {
    byte[] b = address.toBytes();
    BigInteger x = new BigInteger(1, b);
    Row row = smallest(b.length == 16 ? V6 : V4, x);
    switch (row.wrap()) {
      case NONE:
        return row.category();
      case LAST_32_BITS:
        return v4Category(x.and(mask(32)));
      case SIX_TO_FOUR:
        return v4Category(x.shiftRight(80).and(mask(32)));
      case TEREDO:
        return worst(v4Category(x.shiftRight(64).and(mask(32))), v4Category(x.not().and(mask(32))));
      case NAT64_LOCAL_USE:
      default:
        return nat64LocalUse(x);
    }
  }

  private static AddressCategory nat64LocalUse(BigInteger x) {
    AddressCategory verdict = v4Category(x.and(mask(32))); // the /96 layout always applies
    BigInteger uOctet = x.shiftRight(56).and(mask(8));
    if (uOctet.signum() != 0) {
      return verdict;
    }
    // drop the u octet (bits 64-71): a 120-bit value where the IPv4 sits right after the prefix
    BigInteger y = x.shiftRight(64).shiftLeft(56).or(x.and(mask(56)));
    for (int prefix : new int[] {48, 56, 64}) {
      int suffixBits = 120 - prefix - 32;
      if (y.and(mask(suffixBits)).signum() == 0) {
        verdict = worst(verdict, v4Category(y.shiftRight(suffixBits).and(mask(32))));
      }
    }
    return verdict;
  }

  private static AddressCategory v4Category(BigInteger v4) {
    return smallest(V4, v4).category();
  }

  private static AddressCategory worst(AddressCategory a, AddressCategory b) {
    if (a.isPublic()) {
      return b;
    }
    if (b.isPublic()) {
      return a;
    }
    return a.ordinal() <= b.ordinal() ? a : b;
  }

  private static Row smallest(List<Row> rows, BigInteger x) {
    Row best = null;
    BigInteger bestSpan = null;
    for (Row r : rows) {
      if (r.lo().compareTo(x) <= 0 && x.compareTo(r.hi()) <= 0) {
        BigInteger span = r.hi().subtract(r.lo());
        if (best == null || span.compareTo(bestSpan) < 0) {
          best = r;
          bestSpan = span;
        }
      }
    }
    return best;
  }

  private static BigInteger mask(int bits) {
    return BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE);
  }

  /** Address bytes by Guava's parser; IPv4-mapped text Guava turns into IPv4 is mapped back. */
  static byte[] bytes(String text, boolean v6) {
    InetAddress a = InetAddresses.forString(text);
    byte[] b = a.getAddress();
    if (v6 && a instanceof Inet4Address) {
      byte[] mapped = new byte[16];
      mapped[10] = (byte) 0xff;
      mapped[11] = (byte) 0xff;
      System.arraycopy(b, 0, mapped, 12, 4);
      return mapped;
    }
    return b;
  }
}
