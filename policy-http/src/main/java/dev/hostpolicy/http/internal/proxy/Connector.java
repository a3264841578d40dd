package dev.hostpolicy.http.internal.proxy;

import java.net.InetSocketAddress;

/**
 * Where the proxy actually dials for a pinned, validated address. The identity in production; a test
 * seam to observe every dial (and to route a public address to a loopback origin) without a network.
 *
 * <pre>{@code
 * List<InetSocketAddress> dialed = new CopyOnWriteArrayList<>();
 * Connector observing = pinned -> {
 *   dialed.add(pinned);
 *   return new InetSocketAddress(InetAddress.getLoopbackAddress(), origin.getLocalPort());
 * };
 * }</pre>
 */
@FunctionalInterface
public interface Connector {
  /** The identity: dial the pinned address itself. */
  Connector DIRECT = pinned -> pinned;

  /** The address to dial for the pinned address {@code pinned}. */
  InetSocketAddress route(InetSocketAddress pinned);
}
