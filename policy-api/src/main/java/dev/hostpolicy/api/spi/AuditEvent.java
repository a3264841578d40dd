package dev.hostpolicy.api.spi;

import dev.hostpolicy.api.Secret;
import java.math.BigDecimal;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One audited event, before a sink stamps it with time and sequence: the event name from the
 * catalogue ({@code run.start}, {@code webhook.rejected}, {@code egress.denied}, ...), the actor, the
 * outcome, an optional correlation id and typed fields.
 *
 * <p>An audit record must never hold a secret, so the builder refuses, with
 * {@link IllegalArgumentException}: a {@link Secret} value; a field whose name carries a credential —
 * any name segment (split at {@code _ - .} and lower-to-upper camel-case boundaries) equal to
 * {@code token}, {@code secret}, {@code password}, {@code passwd}, {@code authorization},
 * {@code cookie}, {@code signature}, {@code key} or their plurals; and values other than strings,
 * whole numbers, decimals, booleans and lists of strings (no request bodies, no arbitrary objects).
 * String values are capped at {@value #MAX_VALUE_CHARS} characters.
 *
 * <pre>{@code
 * AuditEvent e = AuditEvent.builder("webhook.rejected")
 *     .actor(AuditActor.WEBHOOK)
 *     .outcome("denied")
 *     .correlationId(cid)
 *     .field("trigger", triggerId)
 *     .field("reason", "webhook.signature-mismatch")
 *     .build();
 * sink.append(e);
 * }</pre>
 */
public final class AuditEvent {

  /** Longest string field value kept. */
  public static final int MAX_VALUE_CHARS = 2048;

  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9]*(?:-[a-z0-9]+)*(?:\\.[a-z0-9]+(?:-[a-z0-9]+)*)*");
  private static final Pattern FIELD = Pattern.compile("[A-Za-z][A-Za-z0-9_.-]{0,63}");
  private static final Pattern CID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
  private static final List<String> CREDENTIAL_WORDS =
      List.of("token", "secret", "password", "passwd", "authorization", "cookie", "signature", "key");
  private static final List<String> RESERVED = List.of("ts", "seq", "event", "actor", "outcome", "cid", "prev");

  private final String event;
  private final AuditActor actor;
  private final String outcome;
  private final Optional<String> correlationId;
  private final Map<String, Object> fields;

  private AuditEvent(Builder b) {
    this.event = b.event;
    this.actor = Objects.requireNonNull(b.actor, "actor");
    this.outcome = Objects.requireNonNull(b.outcome, "outcome");
    this.correlationId = Optional.ofNullable(b.correlationId);
    this.fields = Collections.unmodifiableMap(new LinkedHashMap<>(b.fields));
  }

  /** Starts an event called {@code event} (lowercase dotted, like {@code auth.login.failure}). */
  public static Builder builder(String event) {
    return new Builder(event);
  }

  /** The event name. */
  public String event() {
    return event;
  }

  /** Who caused it. */
  public AuditActor actor() {
    return actor;
  }

  /** The outcome, e.g. {@code ok}, {@code allowed}, {@code denied}, {@code failed}. */
  public String outcome() {
    return outcome;
  }

  /** The correlation id tying this event to a request or run. */
  public Optional<String> correlationId() {
    return correlationId;
  }

  /** The typed fields, in insertion order; values are String, Long, BigDecimal, Boolean or List&lt;String&gt;. */
  public Map<String, Object> fields() {
    return fields;
  }

  /** Whether {@code name} is a field name the builder would refuse as credential-bearing. */
  public static boolean isCredentialName(String name) {
    for (String segment : segments(name)) {
      for (String word : CREDENTIAL_WORDS) {
        if (segment.equals(word) || segment.equals(word + "s")) {
          return true;
        }
      }
    }
    return false;
  }

  private static List<String> segments(String name) {
    List<String> out = new java.util.ArrayList<>();
    StringBuilder cur = new StringBuilder();
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      boolean boundary = c == '_' || c == '-' || c == '.';
      boolean camel = Character.isUpperCase(c) && i > 0 && Character.isLowerCase(name.charAt(i - 1));
      if (boundary || camel) {
        if (cur.length() > 0) {
          out.add(cur.toString().toLowerCase(Locale.ROOT));
        }
        cur.setLength(0);
        if (boundary) {
          continue;
        }
      }
      cur.append(c);
    }
    if (cur.length() > 0) {
      out.add(cur.toString().toLowerCase(Locale.ROOT));
    }
    return out;
  }

  @Override
  public String toString() {
    return "AuditEvent[" + event + ", " + actor.wireName() + ", " + outcome + ", fields=" + fields.keySet() + "]";
  }

  /**
   * Builds an {@link AuditEvent}; every setter validates at once and throws
   * {@link IllegalArgumentException} naming the problem (never quoting a refused value).
   *
   * <pre>{@code
   * AuditEvent.builder("run.start").actor(AuditActor.SYSTEM).outcome("ok").field("run", runId).build();
   * }</pre>
   */
  public static final class Builder {
    private final String event;
    private AuditActor actor = AuditActor.SYSTEM;
    private String outcome = "ok";
    private String correlationId;
    private final Map<String, Object> fields = new LinkedHashMap<>();

    private Builder(String event) {
      if (event == null || event.length() > 64 || !NAME.matcher(event).matches()) {
        throw new IllegalArgumentException("audit event names are lowercase dotted words, like run.start");
      }
      this.event = event;
    }

    /** Who caused the event; {@link AuditActor#SYSTEM} by default. */
    public Builder actor(AuditActor actor) {
      this.actor = Objects.requireNonNull(actor, "actor");
      return this;
    }

    /** The outcome ({@code [a-z][a-z0-9-]*}); {@code ok} by default. */
    public Builder outcome(String outcome) {
      if (outcome == null || outcome.length() > 32 || !outcome.matches("[a-z][a-z0-9-]*")) {
        throw new IllegalArgumentException("an audit outcome is a lowercase word, like ok or denied");
      }
      this.outcome = outcome;
      return this;
    }

    /** The correlation id ({@code [A-Za-z0-9_-]}, at most 64 characters). */
    public Builder correlationId(String correlationId) {
      if (correlationId == null || !CID.matcher(correlationId).matches()) {
        throw new IllegalArgumentException("a correlation id is 1-64 characters of [A-Za-z0-9_-]");
      }
      this.correlationId = correlationId;
      return this;
    }

    /** A text field (capped at {@value AuditEvent#MAX_VALUE_CHARS} characters). */
    public Builder field(String name, String value) {
      Objects.requireNonNull(value, "value");
      return put(name, value.length() > MAX_VALUE_CHARS ? value.substring(0, MAX_VALUE_CHARS) : value);
    }

    /** A whole-number field. */
    public Builder field(String name, long value) {
      return put(name, value);
    }

    /** A decimal field (money, ratios). */
    public Builder field(String name, BigDecimal value) {
      return put(name, Objects.requireNonNull(value, "value"));
    }

    /** A boolean field. */
    public Builder field(String name, boolean value) {
      return put(name, value);
    }

    /** A list-of-strings field (e.g. removed environment variable names). */
    public Builder field(String name, List<String> values) {
      List<String> copy = List.copyOf(values);
      for (String v : copy) {
        if (v.length() > MAX_VALUE_CHARS) {
          throw new IllegalArgumentException("field " + name + ": list entries are capped at " + MAX_VALUE_CHARS + " characters");
        }
      }
      return put(name, copy);
    }

    /**
     * Refuses secrets outright: this overload exists so that passing a {@link Secret} fails at once
     * instead of being stringified.
     *
     * @throws IllegalArgumentException always
     */
    public Builder field(String name, Secret value) {
      throw new IllegalArgumentException("field " + name + ": a Secret can never be audited");
    }

    private Builder put(String name, Object value) {
      if (name == null || !FIELD.matcher(name).matches()) {
        throw new IllegalArgumentException("audit field names are 1-64 characters of [A-Za-z0-9_.-], starting with a letter");
      }
      if (RESERVED.contains(name)) {
        throw new IllegalArgumentException("field " + name + " is reserved for the audit record itself");
      }
      if (isCredentialName(name)) {
        throw new IllegalArgumentException("field " + name + " names a credential and can never be audited");
      }
      fields.put(name, value);
      return this;
    }

    /** The event. */
    public AuditEvent build() {
      return new AuditEvent(this);
    }
  }
}
