package dev.hostpolicy.api.spi;

/**
 * Who caused an audited event.
 *
 * <pre>{@code
 * AuditEvent.builder("auth.login.failure").actor(AuditActor.BROWSER_SESSION).outcome("denied").build();
 * }</pre>
 */
public enum AuditActor {
  /** A client that presented the API token. */
  API_TOKEN("api-token"),
  /** A browser holding the login session cookie. */
  BROWSER_SESSION("browser-session"),
  /** A webhook sender (authenticated by the trigger id and, where the scheme signs, a signature). */
  WEBHOOK("webhook"),
  /** The host itself: scheduled work, recovery, startup. */
  SYSTEM("system"),
  /** An unauthenticated caller of an open endpoint (for example a failed login). */
  OPEN("open");

  private final String wireName;

  AuditActor(String wireName) {
    this.wireName = wireName;
  }

  /** The name written to the audit log, e.g. {@code api-token}. */
  public String wireName() {
    return wireName;
  }
}
