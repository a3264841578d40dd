package dev.hostpolicy.core.net;

import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.util.Locale;
import java.util.Objects;

/**
 * Binds a server to a {@link LoopbackAddress} on the first free port of
 * {@code desired … desired+attempts-1}, in order. Only "address already in use" moves on to the next
 * port; any other failure (permission denied, address not available) stops at once. When every port
 * is taken, a {@link BindException} names the range and the address.
 *
 * <pre>{@code
 * PortFallback.Bound<ServerSocket> bound = PortFallback.bind(LoopbackAddress.ipv4(), 5173, 10, where -> {
 *   ServerSocket s = new ServerSocket();
 *   try {
 *     s.bind(where);
 *     return s;
 *   } catch (IOException e) {
 *     s.close();
 *     throw e;
 *   }
 * });
 * out.println("listening on " + bound.address());
 * }</pre>
 */
public final class PortFallback {
  private PortFallback() {}

  /**
   * Binds one resource to an address, or throws; a {@link BindException} whose message says the
   * address is in use makes {@link #bind} try the next port.
   *
   * <pre>{@code
   * PortFallback.Binder<HttpServer> binder = where -> HttpServer.create(where, 0);
   * }</pre>
   *
   * @param <T> what binding yields (a server socket, an HTTP server)
   */
  @FunctionalInterface
  public interface Binder<T> {
    /** Binds to {@code address} and returns the bound resource. */
    T bind(InetSocketAddress address) throws IOException;
  }

  /**
   * A bound resource and where it is bound.
   *
   * <pre>{@code
   * bound.resource().close();
   * }</pre>
   *
   * @param <T> the resource type
   * @param resource what the binder returned
   * @param address the loopback address and port it is bound to
   */
  public record Bound<T>(T resource, InetSocketAddress address) {
    /** Checks the parts. */
    public Bound {
      Objects.requireNonNull(resource, "resource");
      Objects.requireNonNull(address, "address");
    }
  }

  /**
   * Tries {@code desired}, {@code desired+1}, … {@code desired+attempts-1} in order.
   *
   * @param desired the first port, 1-65535 (or 0 with one attempt: any free port)
   * @param attempts how many ports to try, at least 1, staying within 65535
   * @throws BindException naming the range and address when every port is in use
   * @throws IOException the first failure that is not "address in use"
   * @throws IllegalArgumentException for a bad range
   */
  public static <T> Bound<T> bind(LoopbackAddress address, int desired, int attempts, Binder<T> binder) throws IOException {
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(binder, "binder");
    if (attempts < 1) {
      throw new IllegalArgumentException("attempts must be at least 1");
    }
    if (desired == 0 ? attempts != 1 : desired < 1 || (long) desired + attempts - 1 > 65535) {
      throw new IllegalArgumentException("ports " + desired + "-" + ((long) desired + attempts - 1) + " are not within 1-65535");
    }
    BindException last = null;
    for (int i = 0; i < attempts; i++) {
      InetSocketAddress where = address.withPort(desired + i);
      try {
        T resource = Objects.requireNonNull(binder.bind(where), "the binder returned null");
        return new Bound<>(resource, where);
      } catch (BindException e) {
        if (!isAddressInUse(e)) {
          throw e;
        }
        last = e;
      }
    }
    String range = attempts == 1 ? Integer.toString(desired) : desired + "-" + (desired + attempts - 1);
    BindException out = new BindException(
        "no free port on " + address + " in " + range + ": all " + attempts + " in use");
    if (last != null) {
      out.initCause(last);
    }
    throw out;
  }

  /** The JDK reports EADDRINUSE as a BindException whose message says "in use" on every platform. */
  static boolean isAddressInUse(BindException e) {
    String m = e.getMessage();
    return m != null && m.toLowerCase(Locale.ROOT).contains("in use");
  }
}
