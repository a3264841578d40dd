package dev.hostpolicy.core.validate;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.Objects;

/**
 * Tells an {@link OnDemandTlsGuard} whether something listens on a port, so a certificate is only
 * issued for a port that serves. Plug in your own (a registry of running dev servers) or use
 * {@link #loopbackTcp(Duration)}.
 *
 * <p>A probe that throws makes the guard deny with {@code tls.probe-failed}: an error never
 * allows.
 *
 * <pre>{@code
 * ListeningProbe tcp = ListeningProbe.loopbackTcp(Duration.ofMillis(250));
 * ListeningProbe registry = port -> runningServers.containsKey(port);
 * }</pre>
 */
@FunctionalInterface
public interface ListeningProbe {

  /**
   * Whether a server listens on {@code port} (1–65535).
   *
   * @throws IOException if the answer cannot be determined (the guard then denies)
   */
  boolean isListening(int port) throws IOException;

  /**
   * A probe that opens a TCP connection to {@code 127.0.0.1:port} and closes it at once: listening
   * if the connection is accepted within {@code timeout}; refused, unreachable or timed out is "not
   * listening".
   */
  static ListeningProbe loopbackTcp(Duration timeout) {
    Objects.requireNonNull(timeout, "timeout");
    if (timeout.isNegative() || timeout.isZero() || timeout.toMillis() > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("timeout must be positive");
    }
    int millis = (int) Math.max(1, timeout.toMillis());
    return port -> {
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}), port), millis);
        return true;
      } catch (IOException e) {
        return false;
      }
    };
  }
}
