package dev.hostpolicy.http.headers;

import dev.hostpolicy.api.PolicyConfigurationException;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiConsumer;

/**
 * The security response headers of a host's own web UI, with a fresh CSP nonce for each response.
 *
 * <p>{@link #strict()} sends, for every response:
 *
 * <ul>
 *   <li>{@code Content-Security-Policy}: {@link ContentSecurityPolicy#strict()} with this
 *       response's nonce;
 *   <li>{@code X-Content-Type-Options: nosniff};
 *   <li>{@code X-Frame-Options: DENY} (for CSP {@code frame-ancestors 'none'}; {@code SAMEORIGIN}
 *       for {@code 'self'}; omitted for anything else, which only CSP can express);
 *   <li>{@code Referrer-Policy: no-referrer} (or {@link Builder#referrerPolicy(String) another
 *       policy}; a server that takes form posts or {@code fetch} POSTs from its own pages and checks
 *       their {@code Origin} needs {@code same-origin}, because under {@code no-referrer} browsers send
 *       {@code Origin: null} even to the page's own origin);
 *   <li>{@code Cross-Origin-Opener-Policy: same-origin} and
 *       {@code Cross-Origin-Resource-Policy: same-origin};
 *   <li>{@code Permissions-Policy}: {@value #DEFAULT_PERMISSIONS_POLICY};
 *   <li>{@code Cache-Control: no-store} when the page is {@link Audience#AUTHENTICATED};
 *   <li>{@code Strict-Transport-Security: max-age=31536000} only over {@link Transport#HTTPS} — a
 *       browser ignores it over plain HTTP, and sending it there only misleads.
 * </ul>
 *
 * <p>These must be real response headers: a {@code <meta http-equiv>} CSP cannot carry
 * {@code frame-ancestors}, and {@code <meta>} cannot set {@code X-Content-Type-Options} or
 * {@code X-Frame-Options}. Header values are checked to be printable ASCII, so no value can split
 * a header.
 *
 * <pre>{@code
 * SecurityHeaders headers = SecurityHeaders.strict();
 * SecurityHeaders.Response r = headers.forResponse(SecurityHeaders.Transport.HTTP, SecurityHeaders.Audience.AUTHENTICATED);
 * r.applyTo(exchange.getResponseHeaders()::set);              // JDK HttpServer
 * page = page.replace("{{nonce}}", r.nonce().value());        // <script nonce="{{nonce}}">
 * }</pre>
 */
public final class SecurityHeaders {
  /** The default {@code Permissions-Policy}: powerful features off for every origin. */
  public static final String DEFAULT_PERMISSIONS_POLICY = "accelerometer=(), camera=(), display-capture=(), "
      + "geolocation=(), gyroscope=(), magnetometer=(), microphone=(), payment=(), usb=()";

  private static final SecurityHeaders STRICT = builder().build();

  /** How the response travels. */
  public enum Transport {
    /** Plain HTTP (for example a loopback dev server): no HSTS. */
    HTTP,
    /** HTTPS: HSTS is sent. */
    HTTPS
  }

  /** Who the page is for. */
  public enum Audience {
    /** A page anyone may see; caching is left to the host. */
    PUBLIC,
    /** A page behind authentication: {@code Cache-Control: no-store}. */
    AUTHENTICATED
  }

  /**
   * The headers for one response and the nonce its {@code <script>} and {@code <style>} tags use.
   *
   * @param headers the header names and values, in a stable order
   * @param nonce the CSP nonce of this response
   */
  public record Response(Map<String, String> headers, CspNonce nonce) {
    /** Copies the headers, keeping their order. */
    public Response {
      headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
      Objects.requireNonNull(nonce, "nonce");
    }

    /** Sets every header through {@code setter}, for example {@code exchange.getResponseHeaders()::set}. */
    public void applyTo(BiConsumer<String, String> setter) {
      headers.forEach(setter);
    }
  }

  private final ContentSecurityPolicy csp;
  private final String permissionsPolicy;
  private final String referrerPolicy;
  private final String hsts;

  private SecurityHeaders(Builder b) {
    this.csp = b.csp;
    this.permissionsPolicy = b.permissionsPolicy;
    this.referrerPolicy = b.referrerPolicy;
    this.hsts = b.hsts;
  }

  /** The strict default set. */
  public static SecurityHeaders strict() {
    return STRICT;
  }

  /** A builder starting from the strict defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** The CSP this set sends. */
  public ContentSecurityPolicy contentSecurityPolicy() {
    return csp;
  }

  /** The {@code Referrer-Policy} this set sends. */
  public String referrerPolicy() {
    return referrerPolicy;
  }

  /** The headers for one response, with a fresh nonce. */
  public Response forResponse(Transport transport, Audience audience) {
    return forResponse(transport, audience, CspNonce.generate());
  }

  /** The headers for one response, with the given nonce (make a new one per response). */
  public Response forResponse(Transport transport, Audience audience, CspNonce nonce) {
    Objects.requireNonNull(transport, "transport");
    Objects.requireNonNull(audience, "audience");
    Map<String, String> h = new LinkedHashMap<>();
    h.put("Content-Security-Policy", csp.headerValue(nonce));
    h.put("X-Content-Type-Options", "nosniff");
    List<String> ancestors = csp.sources("frame-ancestors").orElse(List.of());
    if (ancestors.equals(List.of("'none'"))) {
      h.put("X-Frame-Options", "DENY");
    } else if (ancestors.equals(List.of("'self'"))) {
      h.put("X-Frame-Options", "SAMEORIGIN");
    }
    h.put("Referrer-Policy", referrerPolicy);
    h.put("Cross-Origin-Opener-Policy", "same-origin");
    h.put("Cross-Origin-Resource-Policy", "same-origin");
    h.put("Permissions-Policy", permissionsPolicy);
    if (audience == Audience.AUTHENTICATED) {
      h.put("Cache-Control", "no-store");
    }
    if (transport == Transport.HTTPS) {
      h.put("Strict-Transport-Security", hsts);
    }
    return new Response(h, nonce);
  }

  private static String checkValue(String key, String value) {
    Objects.requireNonNull(value, key);
    if (value.isEmpty()) {
      throw new PolicyConfigurationException(key, "the header value is empty");
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c < 0x20 || c >= 0x7f) {
        throw new PolicyConfigurationException(key, String.format("header values are printable ASCII; found U+%04X", (int) c));
      }
    }
    return value;
  }

  /**
   * Changes to the strict set.
   *
   * <pre>{@code
   * SecurityHeaders h = SecurityHeaders.builder()
   *     .contentSecurityPolicy(ContentSecurityPolicy.strict().toBuilder().addSources("img-src", "https:").build())
   *     .hsts(Duration.ofDays(365), true)
   *     .build();
   * }</pre>
   */
  public static final class Builder {
    private ContentSecurityPolicy csp = ContentSecurityPolicy.strict();
    private String permissionsPolicy = DEFAULT_PERMISSIONS_POLICY;
    private String referrerPolicy = "no-referrer";
    private String hsts = "max-age=31536000";

    private Builder() {}

    /** The CSP to send (default {@link ContentSecurityPolicy#strict()}). */
    public Builder contentSecurityPolicy(ContentSecurityPolicy policy) {
      this.csp = Objects.requireNonNull(policy, "policy");
      return this;
    }

    /** The {@code Permissions-Policy} value (default {@value #DEFAULT_PERMISSIONS_POLICY}). */
    public Builder permissionsPolicy(String value) {
      this.permissionsPolicy = checkValue("headers.permissions-policy", value);
      return this;
    }

    /**
     * The {@code Referrer-Policy} (default {@code no-referrer}): one of the W3C Referrer Policy
     * values. {@code same-origin} keeps URLs from other sites and still lets the browser send the
     * page's real {@code Origin} on its own POSTs.
     *
     * @throws PolicyConfigurationException for any other value
     */
    public Builder referrerPolicy(String policy) {
      Objects.requireNonNull(policy, "policy");
      if (!java.util.Set.of("no-referrer", "no-referrer-when-downgrade", "same-origin", "origin", "strict-origin",
          "origin-when-cross-origin", "strict-origin-when-cross-origin", "unsafe-url").contains(policy)) {
        throw new PolicyConfigurationException("headers.referrer-policy", "not a Referrer-Policy value");
      }
      this.referrerPolicy = policy;
      return this;
    }

    /** HSTS {@code max-age} (at least one second) and whether it covers subdomains. */
    public Builder hsts(Duration maxAge, boolean includeSubDomains) {
      Objects.requireNonNull(maxAge, "maxAge");
      if (maxAge.getSeconds() < 1) {
        throw new PolicyConfigurationException("headers.hsts", "max-age must be at least one second");
      }
      this.hsts = "max-age=" + maxAge.getSeconds() + (includeSubDomains ? "; includeSubDomains" : "");
      return this;
    }

    /** The header set. */
    public SecurityHeaders build() {
      checkValue("headers.content-security-policy", csp.headerValue());
      return new SecurityHeaders(this);
    }
  }
}
