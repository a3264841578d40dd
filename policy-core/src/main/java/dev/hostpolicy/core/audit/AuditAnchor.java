package dev.hostpolicy.core.audit;

import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A line of the audit log identified by its sequence number and SHA-256: what a host keeps outside
 * the log (in another system, a ticket, a print-out) so that {@link AuditLog#verify(AuditAnchor)} can
 * later prove that the log still holds that line unchanged. The hash chain alone cannot show that the
 * newest lines were removed or rewritten; an anchor kept elsewhere can.
 *
 * <pre>{@code
 * AuditAnchor head = log.verify().head().orElseThrow();   // e.g. 1234:9f86d081...
 * remote.store(head.toString());
 * // later
 * AuditVerification v = log.verify(AuditAnchor.parse(remote.load()));
 * }</pre>
 *
 * @param seq the line's sequence number (at least 1)
 * @param sha256 the lowercase hex SHA-256 of the line
 */
public record AuditAnchor(long seq, String sha256) {
  private static final Pattern HEX = Pattern.compile("[0-9a-f]{64}");
  private static final Pattern TEXT = Pattern.compile("([1-9][0-9]{0,18}):([0-9a-f]{64})");

  /** Validates the parts. */
  public AuditAnchor {
    Objects.requireNonNull(sha256, "sha256");
    if (seq < 1) {
      throw new IllegalArgumentException("an anchor's seq is at least 1");
    }
    if (!HEX.matcher(sha256).matches()) {
      throw new IllegalArgumentException("an anchor's hash is 64 lowercase hex digits");
    }
  }

  /**
   * Parses {@code SEQ:SHA256}, the form {@link #toString()} prints.
   *
   * @throws IllegalArgumentException if malformed
   */
  public static AuditAnchor parse(String text) {
    Matcher m = TEXT.matcher(Objects.requireNonNull(text, "text"));
    if (!m.matches()) {
      throw new IllegalArgumentException("an audit anchor is SEQ:SHA256 (a positive number, a colon, 64 lowercase hex digits)");
    }
    return new AuditAnchor(Long.parseLong(m.group(1)), m.group(2));
  }

  /** {@code SEQ:SHA256}. */
  @Override
  public String toString() {
    return seq + ":" + sha256;
  }
}
