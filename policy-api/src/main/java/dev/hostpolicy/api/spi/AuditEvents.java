package dev.hostpolicy.api.spi;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * The catalogue of audited events: one name per thing a host must be able to answer for later (which
 * workflow ran, which trigger changed, which login failed, which webhook was refused), and typed
 * factories that pre-fill the actor, the outcome and the fields each event carries, so every control
 * and every host writes the same event the same way.
 *
 * <p>The factories return an {@link AuditEvent.Builder}: add a correlation id or further fields, then
 * {@link AuditEvent.Builder#build()}. Field values are the host's <em>names</em> for things, never
 * credentials: a webhook trigger is audited by its name ({@code deploy}), not by its id, because the id
 * is the unguessable part of the hook URL and works like a password.
 *
 * <p>Names starting with {@value #SINK_RECORD_PREFIX} belong to the audit log itself (chain and file
 * starts written by the JSONL sink); a sink refuses them from callers.
 *
 * <pre>{@code
 * sink.append(AuditEvents.webhookRejected("deploy", "webhook.signature-mismatch")
 *     .correlationId(cid.value())
 *     .build());
 * sink.append(AuditEvents.runStart(runId.value()).field("workflow", "build").build());
 * }</pre>
 */
public final class AuditEvents {
  private AuditEvents() {}

  /** A run (workflow, task, child process) started; field {@code run}. */
  public static final String RUN_START = "run.start";

  /** A run reached its final state; fields {@code run}, outcome = the final state. */
  public static final String RUN_SETTLE = "run.settle";

  /** Crash recovery found a run that had not settled and recorded it; fields {@code run}, {@code state}. */
  public static final String RUN_RECONCILED = "run.reconciled";

  /** A login succeeded (a session was issued). */
  public static final String AUTH_LOGIN_SUCCESS = "auth.login.success";

  /** A login failed; field {@code reason}. */
  public static final String AUTH_LOGIN_FAILURE = "auth.login.failure";

  /** A session was ended. */
  public static final String AUTH_LOGOUT = "auth.logout";

  /** A trigger was created; field {@code trigger} (its name). */
  public static final String TRIGGER_CREATE = "trigger.create";

  /** A trigger was changed; field {@code trigger} (its name). */
  public static final String TRIGGER_UPDATE = "trigger.update";

  /** A trigger was deleted; field {@code trigger} (its name). */
  public static final String TRIGGER_DELETE = "trigger.delete";

  /** A webhook delivery was accepted; field {@code trigger} (its name). */
  public static final String WEBHOOK_ACCEPTED = "webhook.accepted";

  /** A webhook delivery was refused; fields {@code trigger} (its name) and {@code reason} (a reason code). */
  public static final String WEBHOOK_REJECTED = "webhook.rejected";

  /** An outbound connection was refused; fields {@code target} (host:port) and {@code reason}. */
  public static final String EGRESS_DENIED = "egress.denied";

  /** An outbound connection was allowed (optional; chatty); field {@code target}. */
  public static final String EGRESS_ALLOWED = "egress.allowed";

  /** A rate limit refused a request; fields {@code limiter} and {@code retry_after_s}. */
  public static final String RATELIMIT_EXCEEDED = "ratelimit.exceeded";

  /** The host bound a network address without an API token because the operator allowed it; field {@code address}. */
  public static final String BIND_INSECURE = "bind.insecure";

  /** A dev-only tool was forced to run in production; field {@code environment}. */
  public static final String PRODUCTION_FORCED = "production.forced";

  /** Prefix of the records the audit log writes about itself. */
  public static final String SINK_RECORD_PREFIX = "audit.";

  /** The log's first record: a new chain starts (field {@code reason}: {@code new-log}). */
  public static final String AUDIT_CHAIN_START = "audit.chain.start";

  /**
   * The chain continues after a repair: a torn final line (a write cut short by a crash) was removed,
   * or the last line could not be read; fields {@code reason} ({@code torn-tail}, {@code malformed-tail})
   * and, for a torn tail, {@code torn_bytes}.
   */
  public static final String AUDIT_CHAIN_RESTART = "audit.chain.restart";

  /** The first record of every file after a rotation; its {@code prev} links to the previous file. */
  public static final String AUDIT_FILE_START = "audit.file.start";

  private static final List<String> CATALOGUE = List.of(
      RUN_START, RUN_SETTLE, RUN_RECONCILED,
      AUTH_LOGIN_SUCCESS, AUTH_LOGIN_FAILURE, AUTH_LOGOUT,
      TRIGGER_CREATE, TRIGGER_UPDATE, TRIGGER_DELETE,
      WEBHOOK_ACCEPTED, WEBHOOK_REJECTED,
      EGRESS_DENIED, EGRESS_ALLOWED,
      RATELIMIT_EXCEEDED, BIND_INSECURE, PRODUCTION_FORCED);

  private static final List<String> BODY_WORDS = List.of("body", "bodies", "payload", "payloads");

  /** The host events of the catalogue, in documentation order (the sink's own records excluded). */
  public static List<String> catalogue() {
    return CATALOGUE;
  }

  /** The sink's own record names. */
  public static Set<String> sinkRecords() {
    return Set.of(AUDIT_CHAIN_START, AUDIT_CHAIN_RESTART, AUDIT_FILE_START);
  }

  /** Whether {@code event} is a catalogued host event. */
  public static boolean isCatalogued(String event) {
    return CATALOGUE.contains(event);
  }

  /** Whether {@code event} is reserved for the audit log's own records ({@value #SINK_RECORD_PREFIX}…). */
  public static boolean isSinkRecord(String event) {
    return event != null && event.startsWith(SINK_RECORD_PREFIX);
  }

  /**
   * Whether a field called {@code name} would hold a request or response body: its last name segment
   * (split at {@code _ - .} and camel-case boundaries) is {@code body} or {@code payload} (or their
   * plurals), as in {@code body}, {@code requestBody}, {@code webhook.payload}. Audit sinks refuse such
   * fields; a size or digest of a body ({@code bodyBytes}, {@code payload_sha256}) is fine.
   */
  public static boolean isBodyFieldName(String name) {
    if (name == null) {
      return false;
    }
    // the last segment, found without allocating: this runs for every field of every audited event
    int end = name.length();
    while (end > 0 && isSeparator(name.charAt(end - 1))) {
      end--;
    }
    int start = end;
    while (start > 0) {
      char c = name.charAt(start - 1);
      if (isSeparator(c)) {
        break;
      }
      start--;
      if (Character.isUpperCase(c) && start > 0 && Character.isLowerCase(name.charAt(start - 1))) {
        break;
      }
    }
    for (String word : BODY_WORDS) {
      if (end - start == word.length() && name.regionMatches(true, start, word, 0, word.length())) {
        return true;
      }
    }
    return false;
  }

  private static boolean isSeparator(char c) {
    return c == '_' || c == '-' || c == '.';
  }

  /** {@value #RUN_START}: actor {@code system}, outcome {@code ok}, field {@code run}. */
  public static AuditEvent.Builder runStart(String runId) {
    return AuditEvent.builder(RUN_START).actor(AuditActor.SYSTEM).outcome("ok").field("run", runId);
  }

  /**
   * {@value #RUN_SETTLE}: actor {@code system}, outcome = {@code finalState} (a lowercase word such as
   * {@code succeeded}, {@code failed}, {@code cancelled}, {@code budget-exceeded}), field {@code run}.
   */
  public static AuditEvent.Builder runSettle(String runId, String finalState) {
    return AuditEvent.builder(RUN_SETTLE).actor(AuditActor.SYSTEM).outcome(finalState).field("run", runId);
  }

  /**
   * {@value #RUN_RECONCILED}: crash recovery recorded a run that never settled; actor {@code system},
   * outcome {@code ok}, fields {@code run} and {@code state} (what the run is now recorded as, e.g.
   * {@code interrupted}).
   */
  public static AuditEvent.Builder runReconciled(String runId, String recordedState) {
    return AuditEvent.builder(RUN_RECONCILED).actor(AuditActor.SYSTEM).outcome("ok")
        .field("run", runId).field("state", Objects.requireNonNull(recordedState, "recordedState"));
  }

  /** {@value #AUTH_LOGIN_SUCCESS}: actor {@code open} (the caller had no session yet), outcome {@code ok}. */
  public static AuditEvent.Builder loginSuccess() {
    return AuditEvent.builder(AUTH_LOGIN_SUCCESS).actor(AuditActor.OPEN).outcome("ok");
  }

  /** {@value #AUTH_LOGIN_FAILURE}: actor {@code open}, outcome {@code denied}, field {@code reason} (a reason code). */
  public static AuditEvent.Builder loginFailure(String reason) {
    return AuditEvent.builder(AUTH_LOGIN_FAILURE).actor(AuditActor.OPEN).outcome("denied").field("reason", reason);
  }

  /** {@value #AUTH_LOGOUT}: actor {@code browser-session}, outcome {@code ok}. */
  public static AuditEvent.Builder logout() {
    return AuditEvent.builder(AUTH_LOGOUT).actor(AuditActor.BROWSER_SESSION).outcome("ok");
  }

  /** {@value #TRIGGER_CREATE}: actor {@code api-token}, outcome {@code ok}, field {@code trigger} (the name, never the id). */
  public static AuditEvent.Builder triggerCreate(String triggerName) {
    return trigger(TRIGGER_CREATE, triggerName);
  }

  /** {@value #TRIGGER_UPDATE}: actor {@code api-token}, outcome {@code ok}, field {@code trigger} (the name). */
  public static AuditEvent.Builder triggerUpdate(String triggerName) {
    return trigger(TRIGGER_UPDATE, triggerName);
  }

  /** {@value #TRIGGER_DELETE}: actor {@code api-token}, outcome {@code ok}, field {@code trigger} (the name). */
  public static AuditEvent.Builder triggerDelete(String triggerName) {
    return trigger(TRIGGER_DELETE, triggerName);
  }

  private static AuditEvent.Builder trigger(String event, String triggerName) {
    return AuditEvent.builder(event).actor(AuditActor.API_TOKEN).outcome("ok").field("trigger", triggerName);
  }

  /** {@value #WEBHOOK_ACCEPTED}: actor {@code webhook}, outcome {@code ok}, field {@code trigger} (the name). */
  public static AuditEvent.Builder webhookAccepted(String triggerName) {
    return AuditEvent.builder(WEBHOOK_ACCEPTED).actor(AuditActor.WEBHOOK).outcome("ok").field("trigger", triggerName);
  }

  /**
   * {@value #WEBHOOK_REJECTED}: actor {@code webhook}, outcome {@code denied}, fields {@code trigger}
   * (the name) and {@code reason} (the decision's reason code, e.g. {@code webhook.signature-mismatch}).
   */
  public static AuditEvent.Builder webhookRejected(String triggerName, String reason) {
    return AuditEvent.builder(WEBHOOK_REJECTED).actor(AuditActor.WEBHOOK).outcome("denied")
        .field("trigger", triggerName).field("reason", reason);
  }

  /** {@value #EGRESS_DENIED}: actor {@code system}, outcome {@code denied}, fields {@code target} (host:port) and {@code reason}. */
  public static AuditEvent.Builder egressDenied(String target, String reason) {
    return AuditEvent.builder(EGRESS_DENIED).actor(AuditActor.SYSTEM).outcome("denied").field("target", target).field("reason", reason);
  }

  /** {@value #EGRESS_ALLOWED}: actor {@code system}, outcome {@code allowed}, field {@code target} (host:port). */
  public static AuditEvent.Builder egressAllowed(String target) {
    return AuditEvent.builder(EGRESS_ALLOWED).actor(AuditActor.SYSTEM).outcome("allowed").field("target", target);
  }

  /**
   * {@value #RATELIMIT_EXCEEDED}: outcome {@code denied}, fields {@code limiter} (e.g.
   * {@code ratelimit.login}) and {@code retry_after_s}; set the actor of the refused caller.
   */
  public static AuditEvent.Builder rateLimitExceeded(String limiter, long retryAfterSeconds) {
    return AuditEvent.builder(RATELIMIT_EXCEEDED).actor(AuditActor.OPEN).outcome("denied")
        .field("limiter", limiter).field("retry_after_s", retryAfterSeconds);
  }

  /** {@value #BIND_INSECURE}: actor {@code system}, outcome {@code allowed}, field {@code address} (host:port). */
  public static AuditEvent.Builder bindInsecure(String address) {
    return AuditEvent.builder(BIND_INSECURE).actor(AuditActor.SYSTEM).outcome("allowed").field("address", address);
  }

  /** {@value #PRODUCTION_FORCED}: actor {@code system}, outcome {@code allowed}, field {@code environment} (the detected stage). */
  public static AuditEvent.Builder productionForced(String environment) {
    return AuditEvent.builder(PRODUCTION_FORCED).actor(AuditActor.SYSTEM).outcome("allowed").field("environment", environment);
  }
}
