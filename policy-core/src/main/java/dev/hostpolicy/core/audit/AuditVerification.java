package dev.hostpolicy.core.audit;

import dev.hostpolicy.api.Decision;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@link AuditLog#verify()} found. {@link #decision()} allows an intact log — with the notable
 * codes {@value AuditLog#TORN_TAIL} (the final line is incomplete and was ignored),
 * {@value AuditLog#EMPTY} and {@value AuditLog#ANCHOR_ROTATED} — and denies with
 * {@value AuditLog#CHAIN_BROKEN}, {@value AuditLog#MALFORMED_LINE} or {@value AuditLog#ANCHOR_MISMATCH},
 * naming the file and line in {@link #problem()}.
 *
 * <pre>{@code
 * AuditVerification v = AuditLog.at(dataDir).verify();
 * if (v.decision().denied()) {
 *   alert(v.decision().reason() + " at " + v.problem().map(AuditLineIssue::where).orElse(""));
 * }
 * keepElsewhere(v.head());   // the newest line's seq and hash: a later verify(anchor) proves nothing after it was cut
 * }</pre>
 *
 * @param decision allowed (intact) or denied (tampered or corrupt), with a reason code
 * @param records the records read (host events and the log's own records)
 * @param files the files read
 * @param first the oldest retained record (its predecessors were rotated away, unless its seq is 1)
 * @param head the newest record
 * @param problem where the first problem is, when denied
 * @param warnings notable but acceptable findings (a torn final line)
 */
public record AuditVerification(
    Decision decision,
    long records,
    int files,
    Optional<AuditAnchor> first,
    Optional<AuditAnchor> head,
    Optional<AuditLineIssue> problem,
    List<AuditLineIssue> warnings) {

  /** Copies the lists and checks for nulls. */
  public AuditVerification {
    Objects.requireNonNull(decision, "decision");
    Objects.requireNonNull(first, "first");
    Objects.requireNonNull(head, "head");
    Objects.requireNonNull(problem, "problem");
    warnings = List.copyOf(warnings);
  }

  /** Whether the retained log is intact (the decision allows). */
  public boolean intact() {
    return decision.allowed();
  }
}
