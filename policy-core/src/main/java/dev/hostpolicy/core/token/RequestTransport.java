package dev.hostpolicy.core.token;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * How a request reached the host, as far as cookie security is concerned: over TLS directly, or
 * through a reverse proxy that the host declares trusted and that reports the client's protocol in
 * {@code X-Forwarded-Proto}.
 *
 * <p>{@link #isHttps()} is true when the connection itself is TLS, or when the peer is a trusted proxy
 * and it sent at least one {@code X-Forwarded-Proto} value and every value (comma-separated entries
 * of every header, trimmed) is {@code https}, case-insensitively. The header of a peer that is not a
 * trusted proxy is ignored: anyone can send it.
 *
 * <pre>{@code
 * boolean trusted = trustedProxies.contains(exchange.getRemoteAddress().getAddress());
 * RequestTransport transport = RequestTransport.of(exchange instanceof HttpsExchange, trusted,
 *     exchange.getRequestHeaders().getOrDefault("X-Forwarded-Proto", List.of()));
 * String setCookie = session.setCookieHeader(transport);   // "...; Secure; ..." only when HTTPS
 * }</pre>
 *
 * @param directTls whether the connection to the host is TLS
 * @param fromTrustedProxy whether the peer is a proxy the host declared trusted
 * @param forwardedProto the request's {@code X-Forwarded-Proto} header values, as received
 */
public record RequestTransport(boolean directTls, boolean fromTrustedProxy, List<String> forwardedProto) {

  /** Copies the header values. */
  public RequestTransport {
    forwardedProto = List.copyOf(Objects.requireNonNull(forwardedProto, "forwardedProto"));
  }

  /** A request straight from the client, over TLS or not, with no proxy involved. */
  public static RequestTransport direct(boolean tls) {
    return new RequestTransport(tls, false, List.of());
  }

  /** A request as the host's server saw it. */
  public static RequestTransport of(boolean directTls, boolean fromTrustedProxy, List<String> forwardedProto) {
    return new RequestTransport(directTls, fromTrustedProxy, forwardedProto);
  }

  /** Whether the client reached the host over HTTPS; see the class documentation. */
  public boolean isHttps() {
    if (directTls) {
      return true;
    }
    if (!fromTrustedProxy || forwardedProto.isEmpty()) {
      return false;
    }
    boolean any = false;
    for (String header : forwardedProto) {
      if (header == null) {
        return false;
      }
      for (String entry : header.split(",", -1)) {
        if (!entry.strip().toLowerCase(Locale.ROOT).equals("https")) {
          return false;
        }
        any = true;
      }
    }
    return any;
  }
}
