package dev.hostpolicy.http;

import dev.hostpolicy.http.headers.CspNonce;
import dev.hostpolicy.http.headers.SecurityHeaders;
import java.io.IOException;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Puts the {@link SecurityHeaders} on every response: the chain's own answers and the application's
 * responses alike. A response that already carries one of the headers keeps its own (the login page
 * sets its CSP with the nonce its {@code <style>} uses).
 *
 * <ul>
 *   <li>A forwarded request gets the full set with a fresh CSP nonce, which the application reads
 *       from the request attribute {@value HttpGuards#CSP_NONCE_ATTRIBUTE} for its
 *       {@code <script nonce>} tags.
 *   <li>The chain's JSON and empty answers carry the CSP without a nonce: they hold no script, and
 *       two answers to the same request are then byte-identical apart from the correlation id.
 *   <li>{@code Cache-Control: no-store} on everything (the answers concern authentication);
 *       {@code Strict-Transport-Security} only when the request arrived over HTTPS.
 * </ul>
 *
 * <pre>{@code
 * HttpGuard headers = SecurityHeadersGuard.of(SecurityHeaders.strict());
 * }</pre>
 */
public final class SecurityHeadersGuard implements HttpGuard {
  private final SecurityHeaders headers;
  private final Map<String, String> plainHttp;
  private final Map<String, String> plainHttps;
  private final List<GuardResponse.Header> restHttp; // every header but the CSP, for forwards
  private final List<GuardResponse.Header> restHttps;
  private final SecureRandom nonces = nonceSource();

  private SecurityHeadersGuard(SecurityHeaders headers) {
    this.headers = headers;
    this.plainHttp = withoutNonce(headers, SecurityHeaders.Transport.HTTP);
    this.plainHttps = withoutNonce(headers, SecurityHeaders.Transport.HTTPS);
    this.restHttp = rest(plainHttp);
    this.restHttps = rest(plainHttps);
  }

  private static List<GuardResponse.Header> rest(Map<String, String> all) {
    List<GuardResponse.Header> out = new ArrayList<>();
    all.forEach((k, v) -> {
      if (!k.equals("Content-Security-Policy")) {
        out.add(new GuardResponse.Header(k, v));
      }
    });
    return List.copyOf(out);
  }

  /** A DRBG of our own: nonces are drawn per response, and a shared native generator serialises on its lock. */
  private static SecureRandom nonceSource() {
    try {
      return SecureRandom.getInstance("DRBG");
    } catch (NoSuchAlgorithmException e) {
      return new SecureRandom();
    }
  }

  /** A guard that sends {@code headers}. */
  public static SecurityHeadersGuard of(SecurityHeaders headers) {
    return new SecurityHeadersGuard(Objects.requireNonNull(headers, "headers"));
  }

  /** The header set sent. */
  public SecurityHeaders headers() {
    return headers;
  }

  private static Map<String, String> withoutNonce(SecurityHeaders headers, SecurityHeaders.Transport transport) {
    Map<String, String> h = new LinkedHashMap<>(
        headers.forResponse(transport, SecurityHeaders.Audience.AUTHENTICATED, new CspNonce("AAAAAAAAAAAAAAAAAAAAAA")).headers());
    h.put("Content-Security-Policy", headers.contentSecurityPolicy().headerValue());
    return java.util.Collections.unmodifiableMap(h);
  }

  @Override
  public Outcome handle(GuardRequest request, GuardChain chain) throws IOException {
    Outcome outcome = chain.proceed(request);
    return decorate(request, outcome);
  }

  /** Adds the headers to an outcome (also used by the pipeline for the answers it makes itself). */
  Outcome decorate(GuardRequest request, Outcome outcome) {
    boolean https = request.transport().isHttps();
    if (outcome instanceof Outcome.Respond r) {
      return Outcome.respond(r.response().withDefaults(https ? plainHttps : plainHttp));
    }
    Outcome.Forward f = (Outcome.Forward) outcome;
    CspNonce nonce = CspNonce.generate(nonces);
    List<GuardResponse.Header> rest = https ? restHttps : restHttp;
    List<GuardResponse.Header> h = new ArrayList<>(f.responseHeaders().size() + rest.size() + 1);
    h.addAll(f.responseHeaders());
    h.add(new GuardResponse.Header("Content-Security-Policy", headers.contentSecurityPolicy().headerValue(nonce)));
    h.addAll(rest);
    Map<String, String> attributes = new LinkedHashMap<>(f.attributes());
    attributes.put(HttpGuards.CSP_NONCE_ATTRIBUTE, nonce.value());
    return new Outcome.Forward(f.request(), h, attributes);
  }

  /** The headers of a page rendered by a guard itself, with the nonce its tags use. */
  SecurityHeaders.Response forPage(GuardRequest request) {
    return headers.forResponse(request.transport().isHttps() ? SecurityHeaders.Transport.HTTPS : SecurityHeaders.Transport.HTTP,
        SecurityHeaders.Audience.AUTHENTICATED);
  }

  @Override
  public String toString() {
    return "SecurityHeadersGuard[" + headers.contentSecurityPolicy() + "]";
  }
}
