package dev.hostpolicy.http;

import dev.hostpolicy.core.token.CorrelationId;
import java.util.Objects;

/**
 * An event that passed the endpoint, handed to the host as data: the configured state key and
 * workflow of its {@link EventRoute} (never anything the request chose) and the value — a string the
 * host stores or passes on as one argument or environment value, never as shell text or code.
 *
 * <pre>{@code
 * EventReceiver receiver = event -> {
 *   state.put(event.stateKey(), event.value());
 *   workflows.start(event.workflow(), event.correlationId());
 * };
 * }</pre>
 *
 * @param name the event name
 * @param stateKey the configured state key
 * @param workflow the configured workflow
 * @param value the value, within the cap and matching the pattern
 * @param correlationId the request's correlation id
 */
public record ReceivedEvent(String name, String stateKey, String workflow, String value, CorrelationId correlationId) {
  /** Checks the parts. */
  public ReceivedEvent {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(stateKey, "stateKey");
    Objects.requireNonNull(workflow, "workflow");
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(correlationId, "correlationId");
  }

  /** Never the value (it is data from a client). */
  @Override
  public String toString() {
    return "ReceivedEvent[" + name + " -> " + stateKey + ", " + workflow + ", " + value.length() + " chars, " + correlationId + "]";
  }
}
