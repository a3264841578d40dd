package dev.hostpolicy.http.internal.proxy;

/**
 * Short names inside the proxy for the public {@link dev.hostpolicy.http.proxy.ProxyReasons} codes.
 *
 * <pre>{@code
 * if (response.headers().firstValue("X-HostPolicy-Deny").orElse("").equals(Reasons.AMBIGUOUS_LENGTH)) { ... }
 * }</pre>
 */
public final class Reasons {
  private Reasons() {}

  /** A request line or header field the proxy cannot read unambiguously. */
  public static final String MALFORMED = dev.hostpolicy.http.proxy.ProxyReasons.MALFORMED;
  /** A header field line starting with whitespace (obsolete line folding, RFC 9112 section 5.2). */
  public static final String OBS_FOLD = dev.hostpolicy.http.proxy.ProxyReasons.OBS_FOLD;
  /** A CR not followed by LF, or an LF not preceded by CR, in the header section. */
  public static final String BARE_CR_LF = dev.hostpolicy.http.proxy.ProxyReasons.BARE_CR_LF;
  /** Content-Length and Transfer-Encoding together, several or invalid Content-Length, or a coding other than chunked. */
  public static final String AMBIGUOUS_LENGTH = dev.hostpolicy.http.proxy.ProxyReasons.AMBIGUOUS_LENGTH;
  /** The header section is longer than the limit. */
  public static final String HEADER_TOO_LARGE = dev.hostpolicy.http.proxy.ProxyReasons.HEADER_TOO_LARGE;
  /** The Host header names another authority than the absolute-form request target. */
  public static final String HOST_MISMATCH = dev.hostpolicy.http.proxy.ProxyReasons.HOST_MISMATCH;
  /** Well-formed, but not something this proxy forwards (origin-form, https absolute-form, HTTP/2, ...). */
  public static final String UNSUPPORTED = dev.hostpolicy.http.proxy.ProxyReasons.UNSUPPORTED;
  /** Proxy authentication is configured and the request carries no credentials. */
  public static final String AUTH_REQUIRED = dev.hostpolicy.http.proxy.ProxyReasons.AUTH_REQUIRED;
  /** Proxy authentication is configured and the credentials are wrong. */
  public static final String AUTH_INVALID = dev.hostpolicy.http.proxy.ProxyReasons.AUTH_INVALID;
  /** Every connection slot is taken; retry later. */
  public static final String CAPACITY = dev.hostpolicy.http.proxy.ProxyReasons.CAPACITY;
  /** The audit sink could not record an allowed decision, so the connection was not made. */
  public static final String AUDIT_FAILED = dev.hostpolicy.http.proxy.ProxyReasons.AUDIT_FAILED;
  /** No validated address accepted the connection. */
  public static final String UPSTREAM_UNREACHABLE = dev.hostpolicy.http.proxy.ProxyReasons.UPSTREAM_UNREACHABLE;
  /** No validated address answered within the connect timeout. */
  public static final String UPSTREAM_TIMEOUT = dev.hostpolicy.http.proxy.ProxyReasons.UPSTREAM_TIMEOUT;
  /** The origin's response could not be read unambiguously; nothing of it was forwarded. */
  public static final String BAD_UPSTREAM_RESPONSE = dev.hostpolicy.http.proxy.ProxyReasons.BAD_UPSTREAM_RESPONSE;
  /** An unexpected exception inside the egress check (the check denies). */
  public static final String CHECK_FAILED = dev.hostpolicy.http.proxy.ProxyReasons.CHECK_FAILED;
  /** The target is this proxy's own listen address. */
  public static final String SELF_CONNECTION = dev.hostpolicy.http.proxy.ProxyReasons.SELF_CONNECTION;
  /** Userinfo in a request target (never echoed: it may hold a password). */
  public static final String USERINFO = dev.hostpolicy.http.proxy.ProxyReasons.USERINFO;
}
