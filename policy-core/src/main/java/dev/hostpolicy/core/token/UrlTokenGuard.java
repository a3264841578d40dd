package dev.hostpolicy.core.token;

import dev.hostpolicy.api.Decision;
import dev.hostpolicy.api.Secret;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Refuses URLs that carry a token: tokens travel in the {@code Authorization} header only, because a
 * URL ends up in browser history, proxy and server logs, {@code Referer} headers and shell history.
 *
 * <p>A URL is denied with {@value #TOKEN_IN_URL} when
 *
 * <ul>
 *   <li>a parameter named {@code token} or {@code access_token} (RFC 6750 §2.3) appears in the query,
 *       the fragment or as a {@code ;name=} path parameter — names compared case-insensitively after
 *       percent-decoding, {@code +} as space, surrounding spaces and a {@code [...]} suffix removed —
 *       whatever its value, even empty; or
 *   <li>the secret itself appears anywhere in the URL: raw, or after one, two or three rounds of
 *       percent-decoding (so {@code %41} for {@code A} and {@code %2541} do not hide it).
 * </ul>
 *
 * <p>The search for the secret takes time independent of the secret's content: it is a Rabin–Karp
 * scan with a random base modulo the prime 2<sup>61</sup>−1, so a URL that shares a prefix with the
 * secret is not slower to scan than one that does not; only a window whose hash equals the secret's
 * is compared, in constant time. The detail of a denial never contains the URL.
 *
 * <pre>{@code
 * UrlTokenGuard guard = UrlTokenGuard.forSecret(token);
 * Decision d = guard.check(exchange.getRequestURI().getRawPath() + "?" + exchange.getRequestURI().getRawQuery());
 * if (d.denied()) {
 *   return respond(400, d.reason());   // "token.in-url"
 * }
 * }</pre>
 */
public final class UrlTokenGuard {

  /** Reason code of a URL that carries a token. */
  public static final String TOKEN_IN_URL = "token.in-url";

  /** Parameter names that always count as a token in the URL (lower case). */
  public static final Set<String> TOKEN_PARAMETERS = Set.of("token", "access_token");

  private static final int DECODE_ROUNDS = 3;
  private static final long P = (1L << 61) - 1;
  private static final SecureRandom SEED = new SecureRandom();

  private final Optional<Secret> secret;
  private final int length;
  private final long base;
  private final long secretHash;
  private final long topPower;

  private UrlTokenGuard(Optional<Secret> secret) {
    this.secret = secret;
    this.base = 256 + Math.floorMod(SEED.nextLong(), P - 512);
    if (secret.isPresent()) {
      byte[] bytes = secret.get().reveal();
      try {
        this.length = bytes.length;
        this.secretHash = hash(bytes, 0, bytes.length, base);
        long pw = 1;
        for (int i = 1; i < bytes.length; i++) {
          pw = mulmod(pw, base);
        }
        this.topPower = pw;
      } finally {
        Arrays.fill(bytes, (byte) 0);
      }
    } else {
      this.length = 0;
      this.secretHash = 0;
      this.topPower = 0;
    }
  }

  /** A guard that refuses token parameters and any URL containing {@code secret}. */
  public static UrlTokenGuard forSecret(Secret secret) {
    return new UrlTokenGuard(Optional.of(Objects.requireNonNull(secret, "secret")));
  }

  /** A guard that refuses token parameters only (when no secret is at hand). */
  public static UrlTokenGuard parametersOnly() {
    return new UrlTokenGuard(Optional.empty());
  }

  /**
   * Checks a URL or request target ({@code /path?query}) as received, before any decoding.
   *
   * @return allowed, or denied with {@value #TOKEN_IN_URL}
   */
  public Decision check(CharSequence url) {
    if (url == null || url.length() == 0) {
      return Decision.allow();
    }
    String text = url.toString();
    Optional<String> parameter = tokenParameter(text);
    if (parameter.isPresent()) {
      return Decision.deny(TOKEN_IN_URL, "the URL has a " + parameter.get()
          + " parameter; send the token in the Authorization header, never in a URL");
    }
    if (secret.isPresent() && containsSecret(text.getBytes(StandardCharsets.UTF_8))) {
      return Decision.deny(TOKEN_IN_URL, "the URL contains the token; send it in the Authorization header, never in a URL");
    }
    return Decision.allow();
  }

  /** The first parameter of the URL whose normalised name is a token parameter. */
  static Optional<String> tokenParameter(String url) {
    int start = -1;
    for (int i = 0; i <= url.length(); i++) {
      char c = i < url.length() ? url.charAt(i) : '&';
      if (c == '?' || c == '&' || c == ';' || c == '#') {
        if (start >= 0) {
          String segment = url.substring(start, i);
          int eq = segment.indexOf('=');
          String name = normaliseName(eq < 0 ? segment : segment.substring(0, eq));
          if (TOKEN_PARAMETERS.contains(name)) {
            return Optional.of(name);
          }
        }
        start = i + 1;
      }
    }
    return Optional.empty();
  }

  private static String normaliseName(String raw) {
    String name = raw.replace('+', ' ');
    for (int round = 0; round < DECODE_ROUNDS; round++) {
      byte[] bytes = name.getBytes(StandardCharsets.UTF_8);
      byte[] decoded = percentDecode(bytes);
      if (decoded == bytes) {
        break;
      }
      name = new String(decoded, StandardCharsets.UTF_8).replace('+', ' ');
    }
    int bracket = name.indexOf('[');
    if (bracket >= 0) {
      name = name.substring(0, bracket);
    }
    return name.strip().toLowerCase(Locale.ROOT);
  }

  private boolean containsSecret(byte[] raw) {
    byte[] stage = raw;
    for (int round = 0; round <= DECODE_ROUNDS; round++) {
      if (find(stage)) {
        return true;
      }
      byte[] next = percentDecode(stage);
      if (next == stage) {
        return false;
      }
      stage = next;
    }
    return false;
  }

  /** Rabin–Karp: every window's hash is computed whatever the secret holds. */
  private boolean find(byte[] text) {
    int m = length;
    if (m == 0 || text.length < m) {
      return false;
    }
    long h = hash(text, 0, m, base);
    boolean found = false;
    for (int i = 0; ; i++) {
      if (h == secretHash && windowEquals(text, i)) {
        found = true;
      }
      if (i + m >= text.length) {
        break;
      }
      long out = mulmod(text[i] & 0xff, topPower);
      h = addmod(mulmod(addmod(h, P - out), base), text[i + m] & 0xff);
    }
    return found;
  }

  private boolean windowEquals(byte[] text, int from) {
    byte[] window = Arrays.copyOfRange(text, from, from + length);
    try {
      return secret.orElseThrow().matches(window);
    } finally {
      Arrays.fill(window, (byte) 0);
    }
  }

  private static long hash(byte[] bytes, int from, int to, long base) {
    long h = 0;
    for (int i = from; i < to; i++) {
      h = addmod(mulmod(h, base), bytes[i] & 0xff);
    }
    return h;
  }

  private static long addmod(long a, long b) {
    long r = a + b; // both < 2^61, no overflow
    return r >= P ? r - P : r;
  }

  /** {@code a * b mod 2^61-1} for {@code a, b < 2^61}. */
  private static long mulmod(long a, long b) {
    long lo = a * b;
    long hi = Math.multiplyHigh(a, b);
    long r = (lo & P) + ((lo >>> 61) | (hi << 3));
    r = (r & P) + (r >>> 61);
    return r >= P ? r - P : r;
  }

  /** Decodes every {@code %XX}; returns {@code bytes} itself when there was none. */
  static byte[] percentDecode(byte[] bytes) {
    byte[] out = null;
    int j = 0;
    for (int i = 0; i < bytes.length; i++) {
      int hi;
      int lo;
      if (bytes[i] == '%' && i + 2 < bytes.length && (hi = hex(bytes[i + 1])) >= 0 && (lo = hex(bytes[i + 2])) >= 0) {
        if (out == null) {
          out = new byte[bytes.length];
          System.arraycopy(bytes, 0, out, 0, i);
          j = i;
        }
        out[j++] = (byte) (hi << 4 | lo);
        i += 2;
      } else if (out != null) {
        out[j++] = bytes[i];
      }
    }
    return out == null ? bytes : Arrays.copyOf(out, j);
  }

  private static int hex(byte b) {
    if (b >= '0' && b <= '9') {
      return b - '0';
    }
    if (b >= 'a' && b <= 'f') {
      return b - 'a' + 10;
    }
    if (b >= 'A' && b <= 'F') {
      return b - 'A' + 10;
    }
    return -1;
  }

  /** Never the secret. */
  @Override
  public String toString() {
    return "UrlTokenGuard[" + (secret.isPresent() ? "secret=" + Secret.REDACTED + ", " : "") + "parameters=" + TOKEN_PARAMETERS + "]";
  }
}
