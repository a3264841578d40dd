package dev.hostpolicy.api.spi;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * Turns a host name into the addresses a connection may go to. The egress policy calls it at most
 * once per decision, with a bounded timeout, and judges <em>every</em> address it returns; the
 * caller then connects only to those addresses (no second lookup, so DNS rebinding between check and
 * connect is impossible).
 *
 * <p>HostPolicy's default is the system resolver ({@code id() == "system"}, registered by
 * policy-core). Hosts choose another one explicitly, by object or by id; a resolver found on the class
 * path is never used unless asked for, so a stray jar cannot redirect DNS.
 *
 * <pre>{@code
 * public final class PinnedResolver implements AddressResolver {
 *   public String id() { return "com.acme.pinned"; }
 *
 *   public List<InetAddress> resolve(String host) throws UnknownHostException {
 *     if (host.equals("registry.acme.example")) {
 *       return List.of(InetAddress.getByAddress(host, new byte[] {(byte) 203, 0, 113, 7}));
 *     }
 *     throw new UnknownHostException(host);
 *   }
 * }
 * }</pre>
 *
 * <p>Contract (checked by the test kit's {@code AddressResolverContract}): the id is lowercase and
 * dotted or dashed; {@code host} is always a normalised ASCII host name (lower case, no trailing dot,
 * never an IP literal); the answer is a non-empty list without {@code null}s, or an
 * {@link UnknownHostException}; the method is safe to call from several threads at once.
 */
public interface AddressResolver {

  /** A stable, lowercase id such as {@code system} or {@code com.acme.pinned}. */
  String id();

  /**
   * The addresses of {@code host}.
   *
   * @param host a normalised ASCII host name (lower case, no trailing dot, not an IP literal)
   * @return at least one address, never {@code null} elements
   * @throws UnknownHostException if the name does not resolve
   */
  List<InetAddress> resolve(String host) throws UnknownHostException;

  /**
   * Whether answers come from memory (a fixed table) without blocking. Such a resolver is called on
   * the caller's thread; every other resolver runs on a worker thread under the policy's timeout.
   * {@code false} unless overridden.
   */
  default boolean answersFromMemory() {
    return false;
  }
}
