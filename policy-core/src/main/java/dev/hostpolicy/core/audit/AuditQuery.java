package dev.hostpolicy.core.audit;

import dev.hostpolicy.api.spi.AuditActor;
import dev.hostpolicy.api.spi.AuditEvents;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which audit records {@link AuditLog#query} returns: those with {@code since <= ts < until}, whose
 * event is one of {@link #events()} (exact names, or a prefix ending in {@code .*} such as
 * {@code auth.*}), whose actor and correlation id are the given ones — every part optional — in log
 * order, at most {@link #limit()} of them. The log's own records ({@code audit.*}) are left out unless
 * {@link Builder#includeSinkRecords(boolean)} or an {@code audit.} pattern asks for them.
 *
 * <pre>{@code
 * AuditQuery q = AuditQuery.builder()
 *     .since(Instant.parse("2026-01-01T00:00:00Z"))
 *     .event("auth.*").event("webhook.rejected")
 *     .actor(AuditActor.OPEN)
 *     .limit(100)
 *     .build();
 * }</pre>
 */
public final class AuditQuery {
  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9]*(?:-[a-z0-9]+)*(?:\\.[a-z0-9]+(?:-[a-z0-9]+)*)*");
  private static final AuditQuery ALL = builder().build();

  private final Optional<Instant> since;
  private final Optional<Instant> until;
  private final Set<String> events;
  private final Optional<AuditActor> actor;
  private final Optional<String> cid;
  private final OptionalLong limit;
  private final boolean includeSinkRecords;

  private AuditQuery(Builder b) {
    this.since = Optional.ofNullable(b.since);
    this.until = Optional.ofNullable(b.until);
    this.events = Collections.unmodifiableSet(new LinkedHashSet<>(b.events));
    this.actor = Optional.ofNullable(b.actor);
    this.cid = Optional.ofNullable(b.cid);
    this.limit = b.limit < 0 ? OptionalLong.empty() : OptionalLong.of(b.limit);
    this.includeSinkRecords = b.includeSinkRecords;
  }

  /** Every host record. */
  public static AuditQuery all() {
    return ALL;
  }

  /** A builder that matches everything. */
  public static Builder builder() {
    return new Builder();
  }

  /** Records at or after this time. */
  public Optional<Instant> since() {
    return since;
  }

  /** Records before this time. */
  public Optional<Instant> until() {
    return until;
  }

  /** Event names or {@code prefix.*} patterns; empty matches every event. */
  public Set<String> events() {
    return events;
  }

  /** The actor. */
  public Optional<AuditActor> actor() {
    return actor;
  }

  /** The correlation id. */
  public Optional<String> cid() {
    return cid;
  }

  /** The most records returned. */
  public OptionalLong limit() {
    return limit;
  }

  /** Whether the log's own {@code audit.*} records are included. */
  public boolean includeSinkRecords() {
    return includeSinkRecords;
  }

  /** Whether {@code r} is selected (the limit aside). */
  public boolean matches(AuditRecord r) {
    if (since.isPresent() && r.ts().isBefore(since.get())) {
      return false;
    }
    if (until.isPresent() && !r.ts().isBefore(until.get())) {
      return false;
    }
    if (actor.isPresent() && r.actor() != actor.get()) {
      return false;
    }
    if (cid.isPresent() && !r.cid().equals(cid)) {
      return false;
    }
    boolean sinkRecord = AuditEvents.isSinkRecord(r.event());
    if (events.isEmpty()) {
      return !sinkRecord || includeSinkRecords;
    }
    for (String e : events) {
      boolean hit = e.equals("*")
          || (e.endsWith(".*") ? r.event().startsWith(e.substring(0, e.length() - 1)) : r.event().equals(e));
      if (hit) {
        return !sinkRecord || includeSinkRecords || e.startsWith(AuditEvents.SINK_RECORD_PREFIX);
      }
    }
    return false;
  }

  @Override
  public String toString() {
    return "AuditQuery[since=" + since.map(Object::toString).orElse("-") + ", until=" + until.map(Object::toString).orElse("-")
        + ", events=" + events + ", actor=" + actor.map(AuditActor::wireName).orElse("-") + ", cid=" + cid.orElse("-")
        + ", limit=" + (limit.isPresent() ? Long.toString(limit.getAsLong()) : "-") + "]";
  }

  /**
   * Builds an {@link AuditQuery}; every setter validates at once.
   *
   * <pre>{@code
   * AuditQuery.builder().cid("cid_Jx0q3W-dZk1pQbfA").build();
   * }</pre>
   */
  public static final class Builder {
    private Instant since;
    private Instant until;
    private final Set<String> events = new LinkedHashSet<>();
    private AuditActor actor;
    private String cid;
    private long limit = -1;
    private boolean includeSinkRecords;

    private Builder() {}

    /** Only records at or after {@code since}. */
    public Builder since(Instant since) {
      this.since = Objects.requireNonNull(since, "since");
      return this;
    }

    /** Only records before {@code until}. */
    public Builder until(Instant until) {
      this.until = Objects.requireNonNull(until, "until");
      return this;
    }

    /** Adds an event name, or a prefix pattern like {@code auth.*} ({@code *} alone matches all). */
    public Builder event(String event) {
      Objects.requireNonNull(event, "event");
      String name = event.endsWith(".*") ? event.substring(0, event.length() - 2) : event;
      if (!event.equals("*") && (name.length() > 64 || !NAME.matcher(name).matches())) {
        throw new IllegalArgumentException("an event filter is an event name or a prefix ending in .*, like auth.*");
      }
      events.add(event);
      return this;
    }

    /** Only records of this actor. */
    public Builder actor(AuditActor actor) {
      this.actor = Objects.requireNonNull(actor, "actor");
      return this;
    }

    /** Only records with this correlation id. */
    public Builder cid(String cid) {
      this.cid = Objects.requireNonNull(cid, "cid");
      return this;
    }

    /** At most {@code limit} records (the first ones in log order); at least 1. */
    public Builder limit(long limit) {
      if (limit < 1) {
        throw new IllegalArgumentException("a query limit is at least 1");
      }
      this.limit = limit;
      return this;
    }

    /** Whether to include the log's own {@code audit.*} records (chain and file starts). */
    public Builder includeSinkRecords(boolean include) {
      this.includeSinkRecords = include;
      return this;
    }

    /** The query. */
    public AuditQuery build() {
      if (since != null && until != null && !since.isBefore(until)) {
        throw new IllegalArgumentException("since must be before until");
      }
      return new AuditQuery(this);
    }
  }
}
