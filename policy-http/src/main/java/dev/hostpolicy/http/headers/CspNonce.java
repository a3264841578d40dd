package dev.hostpolicy.http.headers;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A Content-Security-Policy nonce: 128 bits from {@link SecureRandom}, base64url without padding
 * (22 characters, a valid CSP {@code base64-value} that needs no escaping in an HTML attribute).
 * Make a new one for every response; a nonce that repeats is a bypass.
 *
 * <pre>{@code
 * CspNonce nonce = CspNonce.generate();
 * String header = ContentSecurityPolicy.strict().headerValue(nonce);
 * String tag = "<script nonce=\"" + nonce.value() + "\" src=\"/app.js\"></script>";
 * }</pre>
 *
 * @param value the nonce as it appears in the header and the {@code nonce} attribute
 */
public record CspNonce(String value) {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Pattern BASE64_VALUE = Pattern.compile("[A-Za-z0-9+/_-]{16,}={0,2}");

  /**
   * Validates the value: a CSP base64-value of at least 16 characters.
   *
   * @throws IllegalArgumentException otherwise
   */
  public CspNonce {
    Objects.requireNonNull(value, "value");
    if (!BASE64_VALUE.matcher(value).matches()) {
      throw new IllegalArgumentException("a CSP nonce is a base64 value of at least 16 characters");
    }
  }

  /** A fresh nonce from the shared {@link SecureRandom}. */
  public static CspNonce generate() {
    return generate(RANDOM);
  }

  /** A fresh nonce from {@code random}. */
  public static CspNonce generate(SecureRandom random) {
    byte[] bytes = new byte[16];
    random.nextBytes(bytes);
    return new CspNonce(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
  }

  /** The CSP source expression {@code 'nonce-…'}. */
  public String sourceExpression() {
    return "'nonce-" + value + "'";
  }
}
