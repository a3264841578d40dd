package dev.hostpolicy.http;

/**
 * The host's handler for accepted events. It runs on the request thread after the event was
 * audited; the client gets {@code 204} when it returns, {@code 500} when it throws.
 *
 * <pre>{@code
 * EventReceiver receiver = event -> state.put(event.stateKey(), event.value());
 * }</pre>
 */
@FunctionalInterface
public interface EventReceiver {
  /** Takes one accepted event. */
  void accept(ReceivedEvent event);
}
