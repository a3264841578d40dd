package dev.hostpolicy.http;

import dev.hostpolicy.core.token.TriggerId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds the webhook route of a trigger id: a fixed table ({@link #of(List)}) or the host's own
 * lookup (a database of triggers that change at run time). Called for every delivery whose id is
 * well-formed; an exception fails the delivery closed (500, the same for every id).
 *
 * <pre>{@code
 * WebhookRoutes fixed = WebhookRoutes.of(List.of(route));
 * WebhookRoutes live = id -> triggerStore.find(id).map(Row::toRoute);
 * }</pre>
 */
@FunctionalInterface
public interface WebhookRoutes {

  /** The route of {@code id}, if the host has one (enabled or not). */
  Optional<WebhookRoute> find(TriggerId id);

  /**
   * A fixed table.
   *
   * @throws IllegalArgumentException if two routes share an id
   */
  static WebhookRoutes of(List<WebhookRoute> routes) {
    Map<TriggerId, WebhookRoute> table = new LinkedHashMap<>();
    for (WebhookRoute r : routes) {
      if (table.put(r.id(), r) != null) {
        throw new IllegalArgumentException("two webhook routes share one trigger id");
      }
    }
    Map<TriggerId, WebhookRoute> frozen = Map.copyOf(table);
    return id -> Optional.ofNullable(frozen.get(id));
  }
}
