package dev.hostpolicy.http;

import dev.hostpolicy.core.token.TriggerId;
import dev.hostpolicy.core.webhook.WebhookTrigger;
import java.util.Objects;

/**
 * One row of the host's webhook table: the unguessable id in {@code POST /hooks/<id>}, the
 * {@link WebhookTrigger} that verifies deliveries (its scheme, secrets and {@code verifyOptional} —
 * a signing trigger without a secret and without {@code verifyOptional} already failed when it was
 * built), and whether the trigger is enabled. A disabled trigger answers exactly like an unknown one.
 *
 * <pre>{@code
 * WebhookRoute route = WebhookRoute.enabled(TriggerId.parse(row.id()),
 *     WebhookTrigger.builder(row.name()).scheme("github").secret(secret).build());
 * }</pre>
 *
 * @param id the trigger id in the URL
 * @param trigger the verifier
 * @param enabled whether deliveries are accepted
 */
public record WebhookRoute(TriggerId id, WebhookTrigger trigger, boolean enabled) {
  /** Checks the parts. */
  public WebhookRoute {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(trigger, "trigger");
  }

  /** An enabled route. */
  public static WebhookRoute enabled(TriggerId id, WebhookTrigger trigger) {
    return new WebhookRoute(id, trigger, true);
  }

  /** A disabled route: deliveries get the same 404 as an unknown id. */
  public static WebhookRoute disabled(TriggerId id, WebhookTrigger trigger) {
    return new WebhookRoute(id, trigger, false);
  }
}
