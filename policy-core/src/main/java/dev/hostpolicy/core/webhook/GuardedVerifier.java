package dev.hostpolicy.core.webhook;

import dev.hostpolicy.api.Decision;
import dev.hostpolicy.api.WebhookHeaders;
import dev.hostpolicy.api.spi.WebhookSignatureScheme;
import java.lang.System.Logger.Level;
import java.util.Objects;

/**
 * The edge every built-in verifier shares: a {@link Refusal} becomes its decision, and anything else
 * thrown becomes a denial ({@value WebhookSignatureScheme#VERIFIER_ERROR}) — fail closed, never an
 * exception to the host.
 */
abstract class GuardedVerifier implements WebhookSignatureScheme.Verifier {
  private static final System.Logger LOG = System.getLogger(GuardedVerifier.class.getName());

  private final String schemeId;

  GuardedVerifier(String schemeId) {
    this.schemeId = schemeId;
  }

  @Override
  public final Decision verify(byte[] body, WebhookHeaders headers, WebhookSignatureScheme.Context context) {
    Objects.requireNonNull(body, "body");
    Objects.requireNonNull(headers, "headers");
    Objects.requireNonNull(context, "context");
    try {
      return check(body, headers, context);
    } catch (Refusal r) {
      return r.decision();
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, () -> schemeId + " verifier failed: " + e.getClass().getName());
      return Decision.deny(WebhookSignatureScheme.VERIFIER_ERROR,
          schemeId + " verifier failed (" + e.getClass().getName() + "); delivery refused");
    }
  }

  /** The decision, or a {@link Refusal} carrying the denial. */
  abstract Decision check(byte[] body, WebhookHeaders headers, WebhookSignatureScheme.Context context)
      throws Refusal;

  /** The allowing decision, naming which active secret matched (useful while rotating keys). */
  static Decision accepted(int index, int of) {
    return Decision.allow(Decision.ALLOWED, "signature matches active secret " + (index + 1) + " of " + of);
  }

  /** Registers an authenticated key with the replay guard; a denial becomes a refusal. */
  static void remember(WebhookSignatureScheme.Context context, String key, java.time.Instant expiresAt)
      throws Refusal {
    Decision d = context.replay().remember(key, expiresAt);
    if (d == null || d.denied()) {
      throw Refusal.of(d == null
          ? Decision.deny(WebhookSignatureScheme.VERIFIER_ERROR, "the replay guard gave no answer")
          : d);
    }
  }
}
