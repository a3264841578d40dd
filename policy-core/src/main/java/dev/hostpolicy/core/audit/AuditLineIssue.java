package dev.hostpolicy.core.audit;

import java.util.Objects;

/**
 * A line the reader skipped or {@code verify} found wrong, with where it is and a stable reason code:
 * {@value AuditLog#TORN_TAIL} (the final line is incomplete — a write cut short by a crash, or one in
 * progress), {@value AuditLog#MALFORMED_LINE}, {@value AuditLog#CHAIN_BROKEN},
 * {@value AuditLog#ANCHOR_MISMATCH}.
 *
 * <pre>{@code
 * for (AuditLineIssue issue : records.issues()) {
 *   log.log(WARNING, issue.toString());   // audit.torn-tail at audit.jsonl:812: ...
 * }
 * }</pre>
 *
 * @param reason the reason code
 * @param file the file name ({@code audit.jsonl}, {@code audit.3.jsonl}); empty when not about one file
 * @param line the 1-based line number in that file; 0 when not about one line
 * @param detail what is wrong, for people (never a field value)
 */
public record AuditLineIssue(String reason, String file, long line, String detail) {

  /** Checks for nulls. */
  public AuditLineIssue {
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(detail, "detail");
  }

  /** {@code file:line}, {@code file}, or empty. */
  public String where() {
    if (file.isEmpty()) {
      return "";
    }
    return line > 0 ? file + ":" + line : file;
  }

  @Override
  public String toString() {
    String w = where();
    return reason + (w.isEmpty() ? "" : " at " + w) + ": " + detail;
  }
}
