package dev.hostpolicy.api;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The outcome of a policy check: allowed, or denied with a stable reason code and a human-readable
 * detail.
 *
 * <p>Reason codes are lowercase, dotted and stable across releases ({@code egress.private-address},
 * {@code webhook.signature-mismatch}); hosts branch on them. A denial's code always has at least two
 * segments. An allowing decision normally has the code {@value #ALLOWED}; a few checks allow with a
 * notable code (for example {@code webhook.unsigned-accepted}) so the host can log a warning.
 *
 * <p>The detail is for people. It never carries a secret; whatever it is given has control
 * characters escaped and is capped at {@value #MAX_DETAIL_CHARS} characters, so a hostile host name
 * or header value cannot forge log lines through it.
 *
 * <pre>{@code
 * Decision d = Decision.deny("egress.private-address", "10.0.0.7 is private-use (RFC 1918)");
 * if (d.denied()) {
 *   log.log(WARNING, d.reason() + ": " + d.detail());
 * }
 * d.requireAllowed(); // throws PolicyViolationException carrying the same decision
 * }</pre>
 *
 * @param allowed whether the action may proceed
 * @param reason the stable reason code
 * @param detail a human-readable explanation; never contains a secret
 */
public record Decision(boolean allowed, String reason, String detail) {

  /** The reason code of a plain allowing decision. */
  public static final String ALLOWED = "allowed";

  /** Longest detail kept; longer text is cut with an ellipsis. */
  public static final int MAX_DETAIL_CHARS = 512;

  private static final Pattern REASON =
      Pattern.compile("[a-z][a-z0-9]*(?:-[a-z0-9]+)*(?:\\.[a-z0-9]+(?:-[a-z0-9]+)*)*");

  private static final Decision PLAIN_ALLOW = new Decision(true, ALLOWED, "");

  /**
   * Validates the reason code and cleans the detail.
   *
   * @throws IllegalArgumentException if the reason code is malformed, or a denial's code is not
   *     dotted
   */
  public Decision {
    Objects.requireNonNull(reason, "reason");
    if (!isValidReasonCode(reason)) {
      throw new IllegalArgumentException("malformed reason code: " + SafeText.clean(reason, 80));
    }
    if (!allowed && reason.indexOf('.') < 0) {
      throw new IllegalArgumentException("a denial needs a dotted reason code: " + reason);
    }
    detail = SafeText.clean(detail == null ? "" : detail, MAX_DETAIL_CHARS);
  }

  /** A plain allowing decision with the reason code {@value #ALLOWED}. */
  public static Decision allow() {
    return PLAIN_ALLOW;
  }

  /** An allowing decision with a notable reason code (for example {@code webhook.unsigned-accepted}). */
  public static Decision allow(String reason, String detail) {
    return new Decision(true, reason, detail);
  }

  /** A denial with a stable, dotted reason code and a human detail that holds no secret. */
  public static Decision deny(String reason, String detail) {
    return new Decision(false, reason, detail);
  }

  /** Whether {@code code} matches the reason-code grammar: lowercase dotted segments of {@code [a-z0-9-]}. */
  public static boolean isValidReasonCode(String code) {
    return code != null && code.length() <= 64 && REASON.matcher(code).matches();
  }

  /** The negation of {@link #allowed()}. */
  public boolean denied() {
    return !allowed;
  }

  /**
   * Returns this decision if it allows, otherwise throws a {@link PolicyViolationException}
   * carrying it.
   */
  public Decision requireAllowed() {
    if (!allowed) {
      throw new PolicyViolationException(this);
    }
    return this;
  }

  @Override
  public String toString() {
    return (allowed ? "allowed " : "denied ") + reason + (detail.isEmpty() ? "" : ": " + detail);
  }
}
