package dev.hostpolicy.core.net;

import java.util.Objects;
import java.util.Optional;

/**
 * A NAT64 prefix and the RFC 6052 section 2.2 layout that goes with its length: where the 32 bits of
 * an IPv4 address sit inside an IPv6 address of the prefix (bits 64–71, the "u" octet, are always
 * zero and skipped). Give a network-specific prefix to {@link AddressClassifier#withNat64Prefixes} so
 * addresses under it are judged by the IPv4 address they carry.
 *
 * <pre>{@code
 * Nat64Prefix nsp = Nat64Prefix.of(IpAddress.parse("2001:db8:100::"), 40);
 * nsp.embed(IpAddress.parse("192.0.2.33"));             // 2001:db8:1c0:2:21:: (RFC 6052 section 2.4)
 * nsp.extract(IpAddress.parse("2001:db8:1c0:2:21::"));  // Optional[192.0.2.33]
 * }</pre>
 *
 * @param prefix the prefix; bits past {@code length} are zero
 * @param length 32, 40, 48, 56, 64 or 96
 */
public record Nat64Prefix(IpAddress prefix, int length) {

  /** The well-known prefix 64:ff9b::/96 (RFC 6052 section 2.1). */
  public static final Nat64Prefix WELL_KNOWN = of(IpAddress.parse("64:ff9b::"), 96);

  /**
   * Checks the layout.
   *
   * @throws IllegalArgumentException for another length, an IPv4 prefix or bits set past the length
   */
  public Nat64Prefix {
    Objects.requireNonNull(prefix, "prefix");
    if (!prefix.isIpv6() || prefix.zone().isPresent()) {
      throw new IllegalArgumentException("a NAT64 prefix is an IPv6 address without zone: " + prefix);
    }
    if (length != 32 && length != 40 && length != 48 && length != 56 && length != 64 && length != 96) {
      throw new IllegalArgumentException("RFC 6052 allows NAT64 prefix lengths 32, 40, 48, 56, 64 and 96, not " + length);
    }
    byte[] b = prefix.toBytes();
    for (int bit = length; bit < 128; bit++) {
      if ((b[bit / 8] & (0x80 >>> (bit % 8))) != 0) {
        throw new IllegalArgumentException("bits past /" + length + " must be zero in NAT64 prefix " + prefix);
      }
    }
  }

  /** Shorthand for the canonical constructor. */
  public static Nat64Prefix of(IpAddress prefix, int length) {
    return new Nat64Prefix(prefix, length);
  }

  /** The byte positions of the IPv4 address for each RFC 6052 prefix length. */
  static int[] positions(int length) {
    switch (length) {
      case 32:
        return new int[] {4, 5, 6, 7};
      case 40:
        return new int[] {5, 6, 7, 9};
      case 48:
        return new int[] {6, 7, 9, 10};
      case 56:
        return new int[] {7, 9, 10, 11};
      case 64:
        return new int[] {9, 10, 11, 12};
      case 96:
        return new int[] {12, 13, 14, 15};
      default:
        throw new IllegalArgumentException("no RFC 6052 layout for /" + length);
    }
  }

  /**
   * The IPv6 address of this prefix that carries {@code ipv4}; the u octet and the suffix are zero.
   *
   * @throws IllegalArgumentException if {@code ipv4} is not an IPv4 address
   */
  public IpAddress embed(IpAddress ipv4) {
    if (!ipv4.isIpv4()) {
      throw new IllegalArgumentException("not an IPv4 address: " + ipv4);
    }
    byte[] out = prefix.toBytes();
    byte[] v4 = ipv4.toBytes();
    int[] pos = positions(length);
    for (int i = 0; i < 4; i++) {
      out[pos[i]] = v4[i];
    }
    return IpAddress.ofBytes(out);
  }

  /**
   * The IPv4 address carried by {@code address}, if it lies under this prefix with a zero u octet
   * (lengths below 96). The suffix is not checked: RFC 6052 only says it SHOULD be zero.
   */
  public Optional<IpAddress> extract(IpAddress address) {
    if (!address.isIpv6()) {
      return Optional.empty();
    }
    for (int bit = 0; bit < length; bit++) {
      int mask = 0x80 >>> (bit % 8);
      if ((address.byteAt(bit / 8) & mask) != (prefix.byteAt(bit / 8) & mask)) {
        return Optional.empty();
      }
    }
    if (length < 96 && address.byteAt(8) != 0) {
      return Optional.empty();
    }
    return Optional.of(read(address, length));
  }

  /**
   * Whether {@code address} is a well-formed RFC 6052 embedding for a prefix of {@code length}: u
   * octet and suffix zero. Used to decide which layouts of the local-use prefix could apply.
   */
  static boolean consistentLayout(IpAddress address, int length) {
    if (length == 96) {
      return true;
    }
    if (address.byteAt(8) != 0) {
      return false;
    }
    int[] pos = positions(length);
    for (int i = pos[3] + 1; i < 16; i++) {
      if (address.byteAt(i) != 0) {
        return false;
      }
    }
    return true;
  }

  static IpAddress read(IpAddress address, int length) {
    int[] pos = positions(length);
    return IpAddress.ofBytes(new byte[] {address.byteAt(pos[0]), address.byteAt(pos[1]), address.byteAt(pos[2]), address.byteAt(pos[3])});
  }

  /** {@code 64:ff9b::/96}. */
  @Override
  public String toString() {
    return prefix + "/" + length;
  }
}
