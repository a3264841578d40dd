package dev.hostpolicy.core.webhook;

import dev.hostpolicy.api.Decision;
import dev.hostpolicy.api.spi.WebhookSignatureScheme;

/**
 * A verification that ends in a denial, thrown from deep inside header parsing and turned into its
 * {@link Decision} at the verifier's edge. Carries no stack trace: it is an expected outcome, and a
 * flood of forged deliveries must not cost a stack walk each.
 */
final class Refusal extends Exception {
  private static final long serialVersionUID = 1L;

  private final transient Decision decision;

  private Refusal(Decision decision) {
    super(decision.reason(), null, false, false);
    this.decision = decision;
  }

  static Refusal of(Decision decision) {
    return new Refusal(decision);
  }

  static Refusal missing(String detail) {
    return new Refusal(Decision.deny(WebhookSignatureScheme.SIGNATURE_MISSING, detail));
  }

  static Refusal malformed(String detail) {
    return new Refusal(Decision.deny(WebhookSignatureScheme.SIGNATURE_MALFORMED, detail));
  }

  static Refusal mismatch(String detail) {
    return new Refusal(Decision.deny(WebhookSignatureScheme.SIGNATURE_MISMATCH, detail));
  }

  static Refusal expired(String detail) {
    return new Refusal(Decision.deny(WebhookSignatureScheme.TIMESTAMP_EXPIRED, detail));
  }

  Decision decision() {
    return decision;
  }
}
