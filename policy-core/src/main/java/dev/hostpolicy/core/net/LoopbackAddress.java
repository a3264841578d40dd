package dev.hostpolicy.core.net;

import dev.hostpolicy.api.PolicyViolationException;
import dev.hostpolicy.api.SafeText;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * An address that is loopback by construction: 127.0.0.0/8 or {@code ::1}, never a name (a hosts
 * file or DNS can point {@code localhost} anywhere), never a wildcard. A server that takes a
 * {@code LoopbackAddress} cannot be told to listen on the network — the insecure configuration is not
 * even expressible.
 *
 * <pre>{@code
 * LoopbackAddress lo = LoopbackAddress.ipv4();          // 127.0.0.1
 * InetSocketAddress where = lo.withPort(5173);
 * LoopbackAddress.of("0.0.0.0");                        // throws bind.not-loopback
 * }</pre>
 */
public final class LoopbackAddress {
  private static final LoopbackAddress V4 = new LoopbackAddress(IpAddress.parse("127.0.0.1"));
  private static final LoopbackAddress V6 = new LoopbackAddress(IpAddress.parse("::1"));

  private final IpAddress ip;

  private LoopbackAddress(IpAddress ip) {
    this.ip = ip;
  }

  /** {@code 127.0.0.1}. */
  public static LoopbackAddress ipv4() {
    return V4;
  }

  /** {@code ::1}. */
  public static LoopbackAddress ipv6() {
    return V6;
  }

  /**
   * A loopback literal ({@code 127.0.0.1}, {@code 127.0.0.2}, {@code ::1}, {@code [::1]}).
   *
   * @throws PolicyViolationException {@code bind.not-loopback} for anything else, names included
   */
  public static LoopbackAddress of(String literal) {
    Objects.requireNonNull(literal, "literal");
    String text = literal.startsWith("[") && literal.endsWith("]") ? literal.substring(1, literal.length() - 1) : literal;
    IpAddress ip = IpAddress.tryParse(text).orElseThrow(() -> new PolicyViolationException("bind.not-loopback",
        "\"" + SafeText.clean(literal, 80) + "\" is not a loopback IP literal (names are not accepted: use 127.0.0.1 or ::1)"));
    return of(ip);
  }

  /**
   * The loopback address {@code ip} (an IPv4-mapped 127.x address becomes the IPv4 address).
   *
   * @throws PolicyViolationException {@code bind.not-loopback} if it is not loopback
   */
  public static LoopbackAddress of(IpAddress ip) {
    Objects.requireNonNull(ip, "ip");
    IpAddress u = ip.unmapped().withoutZone();
    if (!u.isLoopback()) {
      throw new PolicyViolationException("bind.not-loopback", u + " is not a loopback address (127.0.0.0/8 or ::1)");
    }
    return new LoopbackAddress(u);
  }

  /** The loopback address {@code address}; see {@link #of(IpAddress)}. */
  public static LoopbackAddress of(InetAddress address) {
    return of(IpAddress.of(address));
  }

  /** The address as an {@link InetAddress} (no lookup). */
  public InetAddress inetAddress() {
    return ip.toInetAddress();
  }

  /** The address as an {@link IpAddress}. */
  public IpAddress ip() {
    return ip;
  }

  /**
   * This address with a port.
   *
   * @throws IllegalArgumentException for a port outside 0-65535
   */
  public InetSocketAddress withPort(int port) {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port " + port + " is outside 0-65535");
    }
    return new InetSocketAddress(inetAddress(), port);
  }

  /** {@code 127.0.0.1} or {@code [::1]}, ready for {@code host:port}. */
  @Override
  public String toString() {
    return ip.toUriHost();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof LoopbackAddress && ((LoopbackAddress) o).ip.equals(ip);
  }

  @Override
  public int hashCode() {
    return ip.hashCode();
  }
}
