package dev.hostpolicy.core.token;

import dev.hostpolicy.api.Decision;
import dev.hostpolicy.api.Secret;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Checks {@code Authorization: Bearer <token>} credentials (RFC 6750 §2.1, RFC 7235 §2.1) against the
 * host's token, refusing tokens in URLs.
 *
 * <p>The rule, in the order it is applied (the first failing step decides):
 *
 * <ol>
 *   <li>With a request target: a token parameter or the token itself in the URL →
 *       {@value UrlTokenGuard#TOKEN_IN_URL} (see {@link UrlTokenGuard}), even if the header is right.
 *   <li>No {@code Authorization} header → {@value #MISSING}.
 *   <li>More than one {@code Authorization} header, or one value that joins several credentials with
 *       a comma → {@value #MULTIPLE_HEADERS}.
 *   <li>A scheme other than {@code Bearer} → {@value #UNSUPPORTED_SCHEME}. The scheme is matched
 *       case-insensitively (ASCII only), as RFC 7235 §2.1 requires: {@code bearer} and {@code BEARER}
 *       are accepted.
 *   <li>Anything but exactly {@code Bearer}, one space, and a non-empty {@code b64token}
 *       ({@code [A-Za-z0-9-._~+/]+=*}) with nothing before or after → {@value #MALFORMED}. This is
 *       stricter than RFC 6750's {@code 1*SP}: leading, trailing or repeated whitespace, a tab, an empty
 *       token and values over {@value #MAX_HEADER_CHARS} characters are refused, so a padded or
 *       truncated token never reaches the comparison.
 *   <li>The token does not match the configured {@link TokenFormat} → {@value TokenFormat#MALFORMED}
 *       or {@value TokenFormat#CHECKSUM_MISMATCH} — before any comparison with the secret.
 *   <li>The token differs from the secret → {@value #INVALID_TOKEN}, decided by a constant-time
 *       comparison ({@link Secret#matches(byte[])}).
 * </ol>
 *
 * <p>No detail or {@code toString} ever contains the presented or the expected token. Thread-safe.
 *
 * <pre>{@code
 * BearerAuthenticator auth = BearerAuthenticator.of(token, TokenFormat.prefixed("hp"));
 * Decision d = auth.check(exchange.getRequestHeaders().getOrDefault("Authorization", List.of()),
 *     exchange.getRequestURI().toString());
 * if (d.denied()) {
 *   exchange.getResponseHeaders().add("WWW-Authenticate", "Bearer");
 *   respond(401, d.reason());  // e.g. "auth.invalid-token"
 * }
 * }</pre>
 */
public final class BearerAuthenticator {

  /** Reason code: no {@code Authorization} header. */
  public static final String MISSING = "auth.missing";

  /** Reason code: more than one {@code Authorization} header (or credentials joined by a comma). */
  public static final String MULTIPLE_HEADERS = "auth.multiple-headers";

  /** Reason code: a scheme other than {@code Bearer}. */
  public static final String UNSUPPORTED_SCHEME = "auth.unsupported-scheme";

  /** Reason code: not exactly {@code Bearer SP b64token}. */
  public static final String MALFORMED = "auth.malformed";

  /** Reason code: a well-formed token that is not the host's token. */
  public static final String INVALID_TOKEN = "auth.invalid-token";

  /** Longest {@code Authorization} value examined; longer ones are {@value #MALFORMED}. */
  public static final int MAX_HEADER_CHARS = 8192;

  private static final String SCHEME = "bearer";

  private final Secret expected;
  private final TokenFormat format;
  private final UrlTokenGuard urlGuard;

  private BearerAuthenticator(Secret expected, TokenFormat format) {
    this.expected = expected;
    this.format = format;
    this.urlGuard = UrlTokenGuard.forSecret(expected);
  }

  /**
   * An authenticator for {@code expected}, accepting any {@link TokenFormat#bearer() b64token} of 16
   * to 4096 characters (an operator-supplied {@code <NS>_API_TOKEN}).
   *
   * @throws IllegalArgumentException if {@code expected} is not such a token (the message holds no
   *     part of it)
   */
  public static BearerAuthenticator of(Secret expected) {
    return of(expected, TokenFormat.bearer());
  }

  /**
   * An authenticator for {@code expected} whose presented tokens must match {@code format} before they
   * are compared.
   *
   * @throws IllegalArgumentException if {@code expected} itself does not match {@code format}
   */
  public static BearerAuthenticator of(Secret expected, TokenFormat format) {
    Objects.requireNonNull(expected, "expected");
    Objects.requireNonNull(format, "format");
    boolean fits = expected.withBytes(b -> format.isValid(new AsciiView(b)));
    if (!fits) {
      throw new IllegalArgumentException("the expected token does not match the token format " + format);
    }
    return new BearerAuthenticator(expected, format);
  }

  /** The format presented tokens must match. */
  public TokenFormat format() {
    return format;
  }

  /**
   * Checks the values of the request's {@code Authorization} headers (all of them, as the server
   * received them; an empty list when there was none).
   */
  public Decision check(List<String> authorizationValues) {
    Objects.requireNonNull(authorizationValues, "authorizationValues");
    if (authorizationValues.isEmpty()) {
      return Decision.deny(MISSING, "no Authorization header; send Authorization: Bearer <token>");
    }
    if (authorizationValues.size() > 1) {
      return Decision.deny(MULTIPLE_HEADERS, authorizationValues.size() + " Authorization headers; send exactly one");
    }
    String value = authorizationValues.get(0);
    if (value == null || value.isEmpty()) {
      return Decision.deny(MALFORMED, "empty Authorization header; send Authorization: Bearer <token>");
    }
    if (value.length() > MAX_HEADER_CHARS) {
      return Decision.deny(MALFORMED, "Authorization header longer than " + MAX_HEADER_CHARS + " characters");
    }
    if (joinsCredentials(value)) {
      return Decision.deny(MULTIPLE_HEADERS, "one Authorization header holds several comma-separated credentials");
    }
    if (isWhitespace(value.charAt(0))) {
      return Decision.deny(MALFORMED, "whitespace before the scheme");
    }
    int space = 0;
    while (space < value.length() && !isWhitespace(value.charAt(space))) {
      space++;
    }
    if (!isScheme(value, space)) {
      return Decision.deny(UNSUPPORTED_SCHEME, "only the Bearer scheme is accepted");
    }
    if (space == value.length()) {
      return Decision.deny(MALFORMED, "empty token; send Authorization: Bearer <token>");
    }
    if (value.charAt(space) != ' ') {
      return Decision.deny(MALFORMED, "the scheme must be followed by exactly one space");
    }
    int start = space + 1;
    if (start == value.length()) {
      return Decision.deny(MALFORMED, "empty token");
    }
    if (isWhitespace(value.charAt(start)) || isWhitespace(value.charAt(value.length() - 1))) {
      return Decision.deny(MALFORMED, "whitespace around the token");
    }
    String token = value.substring(start);
    if (!TokenFormat.isB64TokenSyntax(token)) {
      return Decision.deny(MALFORMED, "the token has characters outside [A-Za-z0-9-._~+/] (and trailing '=')");
    }
    Decision shape = format.check(token);
    if (shape.denied()) {
      return shape;
    }
    byte[] bytes = new byte[token.length()];
    for (int i = 0; i < bytes.length; i++) {
      bytes[i] = (byte) token.charAt(i);
    }
    try {
      return expected.matches(bytes)
          ? Decision.allow()
          : Decision.deny(INVALID_TOKEN, "the bearer token does not match");
    } finally {
      Arrays.fill(bytes, (byte) 0);
    }
  }

  /**
   * Checks the request target first ({@value UrlTokenGuard#TOKEN_IN_URL}), then the
   * {@code Authorization} headers as {@link #check(List)} does.
   */
  public Decision check(List<String> authorizationValues, CharSequence requestTarget) {
    Decision url = urlGuard.check(requestTarget);
    return url.denied() ? url : check(authorizationValues);
  }

  /** Checks a URL or request target only; see {@link UrlTokenGuard}. */
  public Decision checkUrl(CharSequence url) {
    return urlGuard.check(url);
  }

  private static boolean isWhitespace(char c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\u000b' || c == '\u000c' || Character.isWhitespace(c)
        || Character.isSpaceChar(c);
  }

  /** ASCII case-insensitive "bearer" in {@code value[0, end)}. */
  private static boolean isScheme(String value, int end) {
    if (end != SCHEME.length()) {
      return false;
    }
    for (int i = 0; i < end; i++) {
      char c = value.charAt(i);
      char lower = c >= 'A' && c <= 'Z' ? (char) (c + 32) : c;
      if (lower != SCHEME.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  /** A comma followed by optional whitespace and a scheme-like word and a space: "Bearer a, Bearer b". */
  private static boolean joinsCredentials(String value) {
    int comma = value.indexOf(',');
    while (comma >= 0) {
      int i = comma + 1;
      while (i < value.length() && (value.charAt(i) == ' ' || value.charAt(i) == '\t')) {
        i++;
      }
      int word = i;
      while (i < value.length() && isTokenChar(value.charAt(i))) {
        i++;
      }
      if (i > word && i < value.length() && value.charAt(i) == ' ') {
        return true;
      }
      comma = value.indexOf(',', comma + 1);
    }
    return false;
  }

  private static boolean isTokenChar(char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
  }

  /** Never a token. */
  @Override
  public String toString() {
    return "BearerAuthenticator[format=" + format + ", token=" + Secret.REDACTED + "]";
  }
}
