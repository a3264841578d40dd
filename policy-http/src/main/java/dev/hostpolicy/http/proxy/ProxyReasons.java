package dev.hostpolicy.http.proxy;

/**
 * The stable reason codes the egress proxy adds to those of the egress decision ({@code egress.*}):
 * they appear in the proxy's decision lines, its audit events and the {@code X-HostPolicy-Deny}
 * header of a refusal, so hosts and tests can match on them.
 *
 * <pre>{@code
 * HttpResponse<String> r = client.send(request, BodyHandlers.ofString());
 * if (r.headers().firstValue("X-HostPolicy-Deny").orElse("").equals(ProxyReasons.AMBIGUOUS_LENGTH)) {
 *   // the request was refused as a request-smuggling risk
 * }
 * }</pre>
 */
public final class ProxyReasons {
  private ProxyReasons() {}

  /** A request line or header field the proxy cannot read unambiguously. */
  public static final String MALFORMED = "proxy.malformed-request";
  /** A header field line starting with whitespace (obsolete line folding, RFC 9112 section 5.2). */
  public static final String OBS_FOLD = "proxy.obs-fold";
  /** A CR not followed by LF, or an LF not preceded by CR, in the header section. */
  public static final String BARE_CR_LF = "proxy.bare-cr-lf";
  /** Content-Length and Transfer-Encoding together, several or invalid Content-Length, or a coding other than chunked. */
  public static final String AMBIGUOUS_LENGTH = "proxy.ambiguous-length";
  /** The header section is longer than the limit. */
  public static final String HEADER_TOO_LARGE = "proxy.header-too-large";
  /** The Host header names another authority than the absolute-form request target. */
  public static final String HOST_MISMATCH = "proxy.host-mismatch";
  /** Well-formed, but not something this proxy forwards (origin-form, https absolute-form, HTTP/2, ...). */
  public static final String UNSUPPORTED = "proxy.unsupported-request";
  /** Proxy authentication is configured and the request carries no credentials. */
  public static final String AUTH_REQUIRED = "proxy.auth-required";
  /** Proxy authentication is configured and the credentials are wrong. */
  public static final String AUTH_INVALID = "proxy.auth-invalid";
  /** Every connection slot is taken; retry later. */
  public static final String CAPACITY = "proxy.capacity";
  /** The audit sink could not record an allowed decision, so the connection was not made. */
  public static final String AUDIT_FAILED = "proxy.audit-failed";
  /** No validated address accepted the connection. */
  public static final String UPSTREAM_UNREACHABLE = "proxy.upstream-unreachable";
  /** No validated address answered within the connect timeout. */
  public static final String UPSTREAM_TIMEOUT = "proxy.upstream-timeout";
  /** The origin's response could not be read unambiguously; nothing of it was forwarded. */
  public static final String BAD_UPSTREAM_RESPONSE = "proxy.bad-upstream-response";
  /** An unexpected exception inside the egress check (the check denies). */
  public static final String CHECK_FAILED = "egress.check-failed";
  /** The target is this proxy's own listen address. */
  public static final String SELF_CONNECTION = "egress.self-connection";
  /** Userinfo in a request target (never echoed: it may hold a password). */
  public static final String USERINFO = "egress.userinfo";
}
