package dev.hostpolicy.core.net;

import dev.hostpolicy.api.spi.AddressResolver;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * The default {@link AddressResolver}: the operating system's resolver through
 * {@link InetAddress#getAllByName(String)}, with two RFC 6761 special cases answered without asking
 * anybody: {@code localhost} and names under {@code .localhost} are the loopback addresses (section
 * 6.3), and names under {@code .invalid} never exist (section 6.4). The egress policy bounds every
 * call with its own timeout.
 *
 * <pre>{@code
 * AddressResolver system = new SystemAddressResolver();
 * system.resolve("localhost");   // [127.0.0.1, ::1], from no DNS server
 * }</pre>
 */
public final class SystemAddressResolver implements AddressResolver {
  private static final byte[] V4_LOOPBACK = {127, 0, 0, 1};
  private static final byte[] V6_LOOPBACK = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1};

  /** Registered for {@link java.util.ServiceLoader}; id {@code system}. */
  public SystemAddressResolver() {}

  @Override
  public String id() {
    return "system";
  }

  @Override
  public List<InetAddress> resolve(String host) throws UnknownHostException {
    if (host.equals("localhost") || host.endsWith(".localhost")) {
      return List.of(InetAddress.getByAddress(host, V4_LOOPBACK), InetAddress.getByAddress(host, V6_LOOPBACK));
    }
    if (host.equals("invalid") || host.endsWith(".invalid")) {
      throw new UnknownHostException(host + " (RFC 6761: .invalid never resolves)");
    }
    if (IpAddress.tryParse(host).isPresent() || host.indexOf(':') >= 0) {
      throw new UnknownHostException("not a host name: " + host);
    }
    return List.of(InetAddress.getAllByName(host));
  }

  @Override
  public String toString() {
    return "SystemAddressResolver";
  }
}
