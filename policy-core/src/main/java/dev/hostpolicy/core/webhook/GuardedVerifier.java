package dev.hostpolicy.core.webhook;

import dev.hostpolicy.api.Decision;
import dev.hostpolicy.api.WebhookHeaders;
import dev.hostpolicy.api.spi.WebhookSignatureScheme;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
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

  /**
   * The allowing decisions, one per active secret, each naming which secret matched (useful while
   * rotating keys); built once per verifier so an accepted delivery allocates no decision.
   */
  static List<Decision> acceptances(int of) {
    List<Decision> out = new ArrayList<>(of);
    for (int i = 0; i < of; i++) {
      out.add(Decision.allow(Decision.ALLOWED, "signature matches active secret " + (i + 1) + " of " + of));
    }
    return List.copyOf(out);
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
