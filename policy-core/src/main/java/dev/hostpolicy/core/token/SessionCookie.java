package dev.hostpolicy.core.token;

import dev.hostpolicy.api.ConstantTime;
import dev.hostpolicy.api.Decision;
import dev.hostpolicy.api.Secret;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The browser session of an Infinite-Loop-style host: after a login with the API token, the browser
 * holds a cookie whose value is derived from the token, never the token itself.
 *
 * <p>The value is {@code base64url(SHA-256("hostpolicy.session-cookie.v1\0" || token))} without
 * padding: 43 characters. It is stateless (no session table), rotating the token invalidates every
 * cookie, and a leaked cookie does not reveal the token (SHA-256 is one-way and the token has 256 bits
 * of entropy). It is computed once per token, when this object is created; {@link #verify} only runs a
 * constant-time comparison against it, so no hashing happens per request.
 *
 * <p>{@link #setCookieHeader} builds {@code Set-Cookie: <name>=<value>; Path=/; HttpOnly;
 * SameSite=Strict}, with {@code Max-Age=N} when given and {@code Secure} exactly when
 * {@link RequestTransport#isHttps()}; {@link #clearCookieHeader} builds the logout header.
 * {@link #check(List)} finds the cookie in {@code Cookie} headers: none → {@value #MISSING}, present
 * but wrong → {@value #INVALID_COOKIE}.
 *
 * <pre>{@code
 * SessionCookie session = SessionCookie.forToken(token);      // hash computed once
 * // POST /login with a valid bearer token:
 * exchange.getResponseHeaders().add("Set-Cookie",
 *     session.setCookieHeader(RequestTransport.direct(false), Duration.ofHours(12)));
 * // later requests:
 * Decision d = session.check(exchange.getRequestHeaders().getOrDefault("Cookie", List.of()));
 * }</pre>
 */
public final class SessionCookie {

  /** The cookie name unless the host picks another. */
  public static final String DEFAULT_NAME = "hostpolicy_session";

  /** Reason code: no session cookie in the request. */
  public static final String MISSING = "auth.missing";

  /** Reason code: a session cookie that is not the current token's. */
  public static final String INVALID_COOKIE = "auth.invalid-cookie";

  /** The context label hashed before the token, so the value is useless for anything else. */
  static final byte[] CONTEXT_LABEL = "hostpolicy.session-cookie.v1\0".getBytes(StandardCharsets.US_ASCII);

  /** Longest Max-Age browsers honour (RFC 6265bis caps it at 400 days). */
  public static final Duration MAX_AGE_LIMIT = Duration.ofDays(400);

  private static final Pattern NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]{1,64}");

  private final String name;
  private final String value;
  private final byte[] expected; // value in ASCII, compared per request without encoding the request

  private SessionCookie(String name, String value) {
    this.name = name;
    this.value = value;
    this.expected = value.getBytes(StandardCharsets.US_ASCII);
  }

  /** The session cookie {@value #DEFAULT_NAME} for {@code token}. */
  public static SessionCookie forToken(Secret token) {
    return forToken(token, DEFAULT_NAME);
  }

  /**
   * The session cookie {@code cookieName} for {@code token}.
   *
   * @throws IllegalArgumentException if {@code cookieName} is not an RFC 6265 cookie name of at most 64
   *     characters
   */
  public static SessionCookie forToken(Secret token, String cookieName) {
    Objects.requireNonNull(token, "token");
    Objects.requireNonNull(cookieName, "cookieName");
    if (!NAME.matcher(cookieName).matches()) {
      throw new IllegalArgumentException("a cookie name is 1 to 64 RFC 6265 token characters");
    }
    return new SessionCookie(cookieName, valueFor(token));
  }

  /** The cookie value for {@code token}: 43 base64url characters. */
  public static String valueFor(Secret token) {
    Objects.requireNonNull(token, "token");
    return token.withBytes(bytes -> {
      MessageDigest sha256;
      try {
        sha256 = MessageDigest.getInstance("SHA-256");
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException("SHA-256 is required by every Java platform", e);
      }
      sha256.update(CONTEXT_LABEL);
      sha256.update(bytes);
      byte[] digest = sha256.digest();
      try {
        return new String(TokenMint.encode(digest), StandardCharsets.US_ASCII);
      } finally {
        java.util.Arrays.fill(digest, (byte) 0);
      }
    });
  }

  /** The cookie name. */
  public String name() {
    return name;
  }

  /**
   * The cookie value. It is a credential (it logs a browser in): put it only into a
   * {@code Set-Cookie} header, never into a log.
   */
  public String value() {
    return value;
  }

  /** Whether {@code presented} is this cookie's value, in constant time. */
  public boolean verify(CharSequence presented) {
    return ConstantTime.equalsLatin1(expected, presented);
  }

  /**
   * Finds this cookie in the request's {@code Cookie} header values (RFC 6265 §5.4: pairs separated by
   * {@code ;}, optional double quotes around the value) and verifies every occurrence — a sibling
   * site may have added one with the same name — in constant time each. Allowed when one matches.
   */
  public Decision check(List<String> cookieHeaderValues) {
    Objects.requireNonNull(cookieHeaderValues, "cookieHeaderValues");
    boolean found = false;
    boolean matched = false;
    for (String header : cookieHeaderValues) {
      if (header == null) {
        continue;
      }
      for (String pair : header.split(";", -1)) {
        String p = strip(pair);
        int eq = p.indexOf('=');
        if (eq < 0 || !strip(p.substring(0, eq)).equals(name)) {
          continue;
        }
        String v = strip(p.substring(eq + 1));
        if (v.length() >= 2 && v.charAt(0) == '"' && v.charAt(v.length() - 1) == '"') {
          v = v.substring(1, v.length() - 1);
        }
        found = true;
        matched |= verify(v);
      }
    }
    if (!found) {
      return Decision.deny(MISSING, "no " + name + " cookie; log in first");
    }
    return matched ? Decision.allow() : Decision.deny(INVALID_COOKIE, "the session cookie is not valid (token rotated or forged)");
  }

  /** The {@code Set-Cookie} value for a session cookie (a browser session, no Max-Age). */
  public String setCookieHeader(RequestTransport transport) {
    return header(value, transport, null);
  }

  /**
   * The {@code Set-Cookie} value for a session cookie that expires after {@code maxAge} (whole
   * seconds, at least 1, at most {@link #MAX_AGE_LIMIT}).
   *
   * @throws IllegalArgumentException if {@code maxAge} is out of range
   */
  public String setCookieHeader(RequestTransport transport, Duration maxAge) {
    Objects.requireNonNull(maxAge, "maxAge");
    if (maxAge.getSeconds() < 1 || maxAge.compareTo(MAX_AGE_LIMIT) > 0) {
      throw new IllegalArgumentException("Max-Age must be from 1 second to 400 days; use clearCookieHeader to log out");
    }
    return header(value, transport, maxAge.getSeconds());
  }

  /** The {@code Set-Cookie} value that removes the cookie (logout). */
  public String clearCookieHeader(RequestTransport transport) {
    return name + "=; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT" + attributes(transport);
  }

  private String header(String v, RequestTransport transport, Long maxAge) {
    return name + "=" + v + (maxAge == null ? "" : "; Max-Age=" + maxAge) + attributes(transport);
  }

  private static String attributes(RequestTransport transport) {
    Objects.requireNonNull(transport, "transport");
    return "; Path=/" + (transport.isHttps() ? "; Secure" : "") + "; HttpOnly; SameSite=Strict";
  }

  private static String strip(String s) {
    int a = 0;
    int b = s.length();
    while (a < b && (s.charAt(a) == ' ' || s.charAt(a) == '\t')) {
      a++;
    }
    while (b > a && (s.charAt(b - 1) == ' ' || s.charAt(b - 1) == '\t')) {
      b--;
    }
    return s.substring(a, b);
  }

  /** Never the value. */
  @Override
  public String toString() {
    return "SessionCookie[name=" + name + ", value=" + Secret.REDACTED + "]";
  }
}
