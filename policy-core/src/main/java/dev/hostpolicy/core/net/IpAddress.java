package dev.hostpolicy.core.net;

import dev.hostpolicy.api.SafeText;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * An IPv4 or IPv6 address parsed by a strict, ASCII-only parser — never by
 * {@link InetAddress#getByName(String)}, which reads {@code 0177.0.0.1} as 177.0.0.1 while libc and
 * curl read 127.0.0.1. Immutable; equal values have equal canonical text.
 *
 * <p>Accepted text:
 *
 * <ul>
 *   <li>IPv4: exactly four decimal parts {@code 0}–{@code 255}, ASCII digits, no leading zeros
 *       ({@code 10.0.0.1}; not {@code 010.0.0.1}, {@code 10.1}, {@code 0x0a.0.0.1} or
 *       {@code 167772161}).
 *   <li>IPv6: RFC 4291 section 2.2 — up to eight groups of one to four hex digits, one {@code ::},
 *       an optional dotted IPv4 (as above) in the last 32 bits; no brackets. A zone id
 *       ({@code fe80::1%eth0}) only through {@link #parseWithZone(String)}.
 * </ul>
 *
 * <pre>{@code
 * IpAddress a = IpAddress.parse("2001:DB8:0:0::1");
 * a.toString();                          // "2001:db8::1" (RFC 5952)
 * IpAddress.tryParse("0177.0.0.1");      // Optional.empty(): ambiguous, never guessed
 * InetAddress pinned = a.toInetAddress(); // no lookup
 * }</pre>
 */
public final class IpAddress implements Comparable<IpAddress> {
  /** Longest text the parser looks at (a full IPv6 with dotted tail and a zone). */
  private static final int MAX_TEXT = 45 + 1 + 64;

  private final byte[] bytes;
  private final String zone;

  private IpAddress(byte[] bytes, String zone) {
    this.bytes = bytes;
    this.zone = zone;
  }

  /**
   * Parses a strict IPv4 or IPv6 literal (no brackets, no zone id).
   *
   * @throws IllegalArgumentException if {@code text} is not exactly such a literal
   */
  public static IpAddress parse(String text) {
    Objects.requireNonNull(text, "text");
    if (text.indexOf('%') >= 0) {
      throw invalid(text, "zone ids are not accepted here");
    }
    return parseInternal(text, false);
  }

  /** Like {@link #parse(String)}, but returns empty instead of throwing. */
  public static Optional<IpAddress> tryParse(String text) {
    if (text == null || text.indexOf('%') >= 0) {
      return Optional.empty();
    }
    byte[] b = parseBytes(text);
    return b == null ? Optional.empty() : Optional.of(new IpAddress(b, null));
  }

  /**
   * Parses a literal that may carry an IPv6 zone id ({@code fe80::1%eth0}; RFC 4007 section 11). The
   * zone id is 1–64 characters of {@code [A-Za-z0-9._-]}; IPv4 literals never carry one.
   *
   * @throws IllegalArgumentException if malformed
   */
  public static IpAddress parseWithZone(String text) {
    Objects.requireNonNull(text, "text");
    return parseInternal(text, true);
  }

  /**
   * The address with these 4 or 16 bytes (network order).
   *
   * @throws IllegalArgumentException for any other length
   */
  public static IpAddress ofBytes(byte[] bytes) {
    Objects.requireNonNull(bytes, "bytes");
    if (bytes.length != 4 && bytes.length != 16) {
      throw new IllegalArgumentException("an IP address has 4 or 16 bytes, not " + bytes.length);
    }
    return new IpAddress(bytes.clone(), null);
  }

  /** The address of {@code address}, without its host name; a scoped IPv6 keeps its scope as the zone. */
  public static IpAddress of(InetAddress address) {
    Objects.requireNonNull(address, "address");
    String z = null;
    if (address instanceof Inet6Address) {
      Inet6Address a6 = (Inet6Address) address;
      if (a6.getScopedInterface() != null) {
        z = a6.getScopedInterface().getName();
      } else if (a6.getScopeId() != 0) {
        z = Integer.toString(a6.getScopeId());
      }
    }
    return new IpAddress(address.getAddress(), z);
  }

  static IpAddress ofIpv4(int value) {
    return new IpAddress(new byte[] {(byte) (value >>> 24), (byte) (value >>> 16), (byte) (value >>> 8), (byte) value}, null);
  }

  static IpAddress ofIpv6(long hi, long lo) {
    byte[] b = new byte[16];
    for (int i = 0; i < 8; i++) {
      b[i] = (byte) (hi >>> (56 - 8 * i));
      b[8 + i] = (byte) (lo >>> (56 - 8 * i));
    }
    return new IpAddress(b, null);
  }

  private static IpAddress parseInternal(String text, boolean allowZone) {
    String zone = null;
    String addr = text;
    int pct = text.indexOf('%');
    if (pct >= 0) {
      if (!allowZone) {
        throw invalid(text, "zone ids are not accepted here");
      }
      zone = text.substring(pct + 1);
      addr = text.substring(0, pct);
      if (!isZoneId(zone)) {
        throw invalid(text, "a zone id is 1-64 characters of A-Z a-z 0-9 . _ -");
      }
    }
    byte[] b = parseBytes(addr);
    if (b == null) {
      throw invalid(text, "not a strict IPv4 dotted quad or RFC 4291 IPv6 literal");
    }
    if (zone != null && b.length != 16) {
      throw invalid(text, "only IPv6 addresses carry a zone id");
    }
    return new IpAddress(b, zone);
  }

  private static IllegalArgumentException invalid(String text, String why) {
    return new IllegalArgumentException("\"" + SafeText.clean(text, 80) + "\": " + why);
  }

  private static boolean isZoneId(String z) {
    if (z.isEmpty() || z.length() > 64) {
      return false;
    }
    for (int i = 0; i < z.length(); i++) {
      char c = z.charAt(i);
      boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  /** Strict parse to bytes, or {@code null}. ASCII only; no allocation of intermediate strings. */
  static byte[] parseBytes(String s) {
    if (s.isEmpty() || s.length() > MAX_TEXT) {
      return null;
    }
    if (s.indexOf(':') >= 0) {
      return parseIpv6(s);
    }
    long v = parseIpv4(s, 0, s.length());
    if (v < 0) {
      return null;
    }
    return new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v};
  }

  /**
   * Parses a strict dotted quad in {@code s[from, to)}: its value as an unsigned 32-bit number, or
   * {@code -1} if it is not exactly four decimal parts 0-255 without leading zeros.
   */
  static long parseIpv4(String s, int from, int to) {
    int parts = 0;
    long value = 0;
    int i = from;
    while (true) {
      int start = i;
      int part = 0;
      while (i < to && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
        part = part * 10 + (s.charAt(i) - '0');
        i++;
        if (i - start > 3) {
          return -1;
        }
      }
      int len = i - start;
      if (len == 0 || part > 255 || (len > 1 && s.charAt(start) == '0')) {
        return -1;
      }
      value = (value << 8) | part;
      parts++;
      if (parts == 4) {
        return i == to ? value : -1;
      }
      if (i >= to || s.charAt(i) != '.') {
        return -1;
      }
      i++;
    }
  }

  private static byte[] parseIpv6(String s) {
    int n = s.length();
    int[] groups = new int[8];
    int count = 0;
    int compressAt = -1;
    int i = 0;
    if (s.startsWith("::")) {
      compressAt = 0;
      i = 2;
      if (i == n) {
        return new byte[16];
      }
    } else if (s.charAt(0) == ':') {
      return null;
    }
    while (i < n) {
      if (count == 8) {
        return null;
      }
      int start = i;
      int g = 0;
      while (i < n && hex(s.charAt(i)) >= 0) {
        g = (g << 4) | hex(s.charAt(i));
        i++;
        if (i - start > 4) {
          return null;
        }
      }
      if (i < n && s.charAt(i) == '.') {
        // an embedded dotted quad: only as the last 32 bits
        if (count > 6) {
          return null;
        }
        long v = parseIpv4(s, start, n);
        if (v < 0) {
          return null;
        }
        groups[count++] = (int) (v >>> 16) & 0xffff;
        groups[count++] = (int) v & 0xffff;
        i = n;
        break;
      }
      if (i == start) {
        return null;
      }
      groups[count++] = g;
      if (i == n) {
        break;
      }
      if (s.charAt(i) != ':') {
        return null;
      }
      i++;
      if (i < n && s.charAt(i) == ':') {
        if (compressAt >= 0) {
          return null;
        }
        compressAt = count;
        i++;
        if (i == n) {
          break;
        }
      } else if (i == n) {
        return null; // trailing single colon
      }
    }
    if (compressAt < 0 ? count != 8 : count > 7) {
      return null;
    }
    byte[] out = new byte[16];
    int zeros = 8 - count;
    int pos = 0;
    for (int k = 0; k < count; k++) {
      if (k == compressAt) {
        pos += zeros;
      }
      out[2 * pos] = (byte) (groups[k] >>> 8);
      out[2 * pos + 1] = (byte) groups[k];
      pos++;
    }
    return out;
  }

  private static int hex(char c) {
    if (c >= '0' && c <= '9') {
      return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
      return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
      return c - 'A' + 10;
    }
    return -1;
  }

  /** Whether this is a 4-byte IPv4 address. */
  public boolean isIpv4() {
    return bytes.length == 4;
  }

  /** Whether this is a 16-byte IPv6 address (IPv4-mapped ones included). */
  public boolean isIpv6() {
    return bytes.length == 16;
  }

  /** A copy of the address bytes in network order (4 or 16). */
  public byte[] toBytes() {
    return bytes.clone();
  }

  /** The IPv6 zone id, when one was parsed. */
  public Optional<String> zone() {
    return Optional.ofNullable(zone);
  }

  /** This address without its zone id. */
  public IpAddress withoutZone() {
    return zone == null ? this : new IpAddress(bytes, null);
  }

  /** Whether this is an IPv4-mapped IPv6 address {@code ::ffff:a.b.c.d} (RFC 4291 section 2.5.5.2). */
  public boolean isIpv4Mapped() {
    if (bytes.length != 16) {
      return false;
    }
    for (int i = 0; i < 10; i++) {
      if (bytes[i] != 0) {
        return false;
      }
    }
    return bytes[10] == (byte) 0xff && bytes[11] == (byte) 0xff;
  }

  /**
   * The IPv4 address an IPv4-mapped address stands for (the address a socket really uses), otherwise
   * this address itself. No other embedding is unwrapped here; {@link AddressClassifier} judges those.
   */
  public IpAddress unmapped() {
    return isIpv4Mapped() ? new IpAddress(Arrays.copyOfRange(bytes, 12, 16), null) : this;
  }

  /** Whether this is {@code 0.0.0.0} or {@code ::} — the wildcard of a bind, never a destination. */
  public boolean isUnspecified() {
    for (byte b : bytes) {
      if (b != 0) {
        return false;
      }
    }
    return true;
  }

  /**
   * Whether a socket bound to this address is reachable only from this machine: 127.0.0.0/8, ::1, or
   * an IPv4-mapped 127.0.0.0/8 address. (IPv4-compatible or NAT64 forms of 127.0.0.1 are not loopback
   * for the kernel and do not count.)
   */
  public boolean isLoopback() {
    IpAddress u = unmapped();
    if (u.isIpv4()) {
      return u.bytes[0] == 127;
    }
    for (int i = 0; i < 15; i++) {
      if (u.bytes[i] != 0) {
        return false;
      }
    }
    return u.bytes[15] == 1;
  }

  /** The address as an {@link InetAddress} without any lookup (the zone id is dropped). */
  public InetAddress toInetAddress() {
    try {
      return InetAddress.getByAddress(bytes);
    } catch (UnknownHostException e) {
      throw new IllegalStateException("4 or 16 bytes are always an address", e);
    }
  }

  /**
   * The address as an {@link InetAddress} carrying {@code hostName} (for TLS server names and log
   * lines), without any lookup.
   */
  public InetAddress toInetAddress(String hostName) {
    try {
      return InetAddress.getByAddress(hostName, bytes);
    } catch (UnknownHostException e) {
      throw new IllegalStateException("4 or 16 bytes are always an address", e);
    }
  }

  int ipv4Int() {
    return ((bytes[0] & 0xff) << 24) | ((bytes[1] & 0xff) << 16) | ((bytes[2] & 0xff) << 8) | (bytes[3] & 0xff);
  }

  long hi() {
    long v = 0;
    for (int i = 0; i < 8; i++) {
      v = (v << 8) | (bytes[i] & 0xff);
    }
    return v;
  }

  long lo() {
    long v = 0;
    for (int i = 8; i < 16; i++) {
      v = (v << 8) | (bytes[i] & 0xff);
    }
    return v;
  }

  byte byteAt(int i) {
    return bytes[i];
  }

  /**
   * The canonical text: a dotted quad for IPv4; RFC 5952 for IPv6 (lower case, no leading zeros, the
   * longest run of two or more zero groups — the first on a tie — as {@code ::}, IPv4-mapped addresses
   * as {@code ::ffff:a.b.c.d}); a zone id follows after {@code %}.
   */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder(45);
    if (bytes.length == 4) {
      appendIpv4(sb, 0);
    } else if (isIpv4Mapped()) {
      sb.append("::ffff:");
      appendIpv4(sb, 12);
    } else {
      appendIpv6(sb);
    }
    if (zone != null) {
      sb.append('%').append(zone);
    }
    return sb.toString();
  }

  private void appendIpv4(StringBuilder sb, int offset) {
    for (int i = 0; i < 4; i++) {
      if (i > 0) {
        sb.append('.');
      }
      sb.append(bytes[offset + i] & 0xff);
    }
  }

  private void appendIpv6(StringBuilder sb) {
    int[] g = new int[8];
    for (int i = 0; i < 8; i++) {
      g[i] = ((bytes[2 * i] & 0xff) << 8) | (bytes[2 * i + 1] & 0xff);
    }
    int bestStart = -1;
    int bestLen = 1;
    for (int i = 0; i < 8; ) {
      if (g[i] != 0) {
        i++;
        continue;
      }
      int j = i;
      while (j < 8 && g[j] == 0) {
        j++;
      }
      if (j - i > bestLen) {
        bestStart = i;
        bestLen = j - i;
      }
      i = j;
    }
    for (int i = 0; i < 8; i++) {
      if (i == bestStart) {
        sb.append("::");
        i += bestLen - 1;
        continue;
      }
      if (i > 0 && i != bestStart + bestLen) {
        sb.append(':');
      }
      sb.append(Integer.toHexString(g[i]));
    }
  }

  /** The text for a URL authority or {@code host:port}: IPv6 in brackets, IPv4 as is. */
  public String toUriHost() {
    return bytes.length == 16 ? "[" + withoutZone() + "]" : toString();
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof IpAddress)) {
      return false;
    }
    IpAddress other = (IpAddress) o;
    return Arrays.equals(bytes, other.bytes) && Objects.equals(zone, other.zone);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes) * 31 + Objects.hashCode(zone);
  }

  /** IPv4 before IPv6, then by unsigned bytes, then by zone id. */
  @Override
  public int compareTo(IpAddress o) {
    if (bytes.length != o.bytes.length) {
      return Integer.compare(bytes.length, o.bytes.length);
    }
    int c = Arrays.compareUnsigned(bytes, o.bytes);
    if (c != 0) {
      return c;
    }
    return zone == null ? (o.zone == null ? 0 : -1) : (o.zone == null ? 1 : zone.compareTo(o.zone));
  }
}
