package dev.hostpolicy.http.internal.proxy;

/** A message the proxy refuses to interpret; carries a {@link Reasons} code and a secret-free detail. */
final class BadMessage extends Exception {
  private static final long serialVersionUID = 1L;

  private final String reason;

  BadMessage(String reason, String detail) {
    super(detail, null, false, false);
    this.reason = reason;
  }

  String reason() {
    return reason;
  }

  String detail() {
    return getMessage();
  }
}
