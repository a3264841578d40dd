package dev.hostpolicy.core.audit;

import dev.hostpolicy.api.spi.AuditActor;
import dev.hostpolicy.api.spi.AuditEvents;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One line of the audit log, as written: the time and sequence number the sink stamped, the event,
 * its actor, outcome, optional correlation id and typed fields, the hash of the previous line
 * ({@code prev}), the SHA-256 of this line, and the line itself.
 *
 * <p>Field values are {@link String}, {@link Long} (whole numbers), {@link java.math.BigDecimal}
 * (other numbers), {@link Boolean} or a {@code List<String>}. A whole-number {@code BigDecimal}
 * written by a host reads back as a {@code Long}.
 *
 * <pre>{@code
 * for (AuditRecord r : log.tail(20)) {
 *   out.println(r.ts() + " " + r.event() + " " + r.actor().wireName() + " " + r.fields());
 * }
 * }</pre>
 *
 * @param ts when the sink wrote it (millisecond precision, UTC)
 * @param seq the position in the log, 1 for the first line ever, one more for every line
 * @param event the event name
 * @param actor who caused it
 * @param outcome the outcome word
 * @param cid the correlation id, if any
 * @param fields the typed fields, in written order
 * @param prev the lowercase hex SHA-256 of the previous line (64 zeros for the first line ever)
 * @param sha256 the lowercase hex SHA-256 of this line's bytes (without the line break)
 * @param json the line exactly as stored (7-bit ASCII, without the line break)
 */
public record AuditRecord(
    Instant ts,
    long seq,
    String event,
    AuditActor actor,
    String outcome,
    Optional<String> cid,
    Map<String, Object> fields,
    String prev,
    String sha256,
    String json) {

  /** Copies the fields and checks for nulls. */
  public AuditRecord {
    Objects.requireNonNull(ts, "ts");
    Objects.requireNonNull(event, "event");
    Objects.requireNonNull(actor, "actor");
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(cid, "cid");
    fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    Objects.requireNonNull(prev, "prev");
    Objects.requireNonNull(sha256, "sha256");
    Objects.requireNonNull(json, "json");
  }

  /** Whether this is one of the log's own records ({@code audit.chain.start}, {@code audit.file.start}, ...). */
  public boolean isSinkRecord() {
    return AuditEvents.isSinkRecord(event);
  }

  /** The anchor of this line: its sequence number and hash, to keep elsewhere and check later. */
  public AuditAnchor anchor() {
    return new AuditAnchor(seq, sha256);
  }

  /** A short description without field values. */
  @Override
  public String toString() {
    return "AuditRecord[" + seq + ", " + ts + ", " + event + ", " + actor.wireName() + ", " + outcome + ", fields=" + fields.keySet() + "]";
  }
}
