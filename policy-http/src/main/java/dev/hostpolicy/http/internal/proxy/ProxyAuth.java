package dev.hostpolicy.http.internal.proxy;

import dev.hostpolicy.api.Secret;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;

/**
 * Checks {@code Proxy-Authorization} against the per-run token: {@code Basic} with any user name and
 * the token as password (what {@code http://user:TOKEN@127.0.0.1:PORT} in {@code HTTP_PROXY} makes
 * clients send), or {@code Bearer TOKEN}. Compared in constant time; the presented bytes are zeroed.
 */
final class ProxyAuth {
  private ProxyAuth() {}

  /** The realm in the challenges. */
  static final String REALM = "hostpolicy-egress";

  /** The challenges of a 407: both schemes, Basic first (the one most clients can answer). */
  static final String[] CHALLENGES = {
    "Proxy-Authenticate: Basic realm=\"" + REALM + "\", charset=\"UTF-8\"",
    "Proxy-Authenticate: Bearer realm=\"" + REALM + "\""
  };

  /** Empty when the request may pass, else {@link Reasons#AUTH_REQUIRED} or {@link Reasons#AUTH_INVALID}. */
  static Optional<String> check(Optional<Secret> token, Optional<String> header) {
    if (token.isEmpty()) {
      return Optional.empty();
    }
    if (header.isEmpty()) {
      return Optional.of(Reasons.AUTH_REQUIRED);
    }
    return matches(token.get(), header.get()) ? Optional.empty() : Optional.of(Reasons.AUTH_INVALID);
  }

  private static boolean matches(Secret token, String header) {
    int sp = header.indexOf(' ');
    if (sp <= 0) {
      return false;
    }
    String scheme = header.substring(0, sp);
    String credentials = header.substring(sp + 1).strip();
    byte[] presented = null;
    try {
      if (scheme.equalsIgnoreCase("Basic")) {
        byte[] decoded;
        try {
          decoded = Base64.getDecoder().decode(credentials);
        } catch (IllegalArgumentException e) {
          return false;
        }
        int colon = -1;
        for (int i = 0; i < decoded.length; i++) {
          if (decoded[i] == ':') {
            colon = i;
            break;
          }
        }
        presented = colon < 0 ? new byte[0] : Arrays.copyOfRange(decoded, colon + 1, decoded.length);
        Arrays.fill(decoded, (byte) 0);
      } else if (scheme.equalsIgnoreCase("Bearer")) {
        presented = credentials.getBytes(StandardCharsets.ISO_8859_1);
      } else {
        return false;
      }
      return presented.length > 0 && token.matches(presented);
    } finally {
      if (presented != null) {
        Arrays.fill(presented, (byte) 0);
      }
    }
  }
}
