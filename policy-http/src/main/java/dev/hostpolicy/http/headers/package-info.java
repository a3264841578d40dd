/**
 * HTTP response security headers: a Content-Security-Policy builder with a strict default and
 * per-response nonces ({@link dev.hostpolicy.http.headers.ContentSecurityPolicy},
 * {@link dev.hostpolicy.http.headers.CspNonce}) and the full header set
 * ({@link dev.hostpolicy.http.headers.SecurityHeaders}). Send them as response headers: a
 * {@code <meta>} CSP cannot carry {@code frame-ancestors}, and no {@code <meta>} can set
 * {@code X-Content-Type-Options}.
 *
 * <pre>{@code
 * SecurityHeaders.Response r = SecurityHeaders.strict()
 *     .forResponse(SecurityHeaders.Transport.HTTPS, SecurityHeaders.Audience.AUTHENTICATED);
 * r.applyTo(exchange.getResponseHeaders()::set);
 * String script = "<script nonce=\"" + r.nonce().value() + "\">…</script>";
 * }</pre>
 */
package dev.hostpolicy.http.headers;
