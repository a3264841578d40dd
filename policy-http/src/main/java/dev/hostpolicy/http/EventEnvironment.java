package dev.hostpolicy.http;

import dev.hostpolicy.api.PolicyConfigurationException;
import dev.hostpolicy.api.SafeText;
import dev.hostpolicy.api.Secret;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The variables a devloop-style host injects into a child so it can report events: the event
 * server's URL, the per-run bearer token and one URL per event. For the prefix {@code DEVLOOP}:
 *
 * <ul>
 *   <li>{@code DEVLOOP_EVENTS_URL} = {@code http://127.0.0.1:PORT/events/}
 *   <li>{@code DEVLOOP_TOKEN} = the run's token
 *   <li>{@code DEVLOOP_EVENT_<NAME>_URL} = {@code http://127.0.0.1:PORT/events/<name>}, where
 *       {@code <NAME>} is the event name upper-cased with {@code -} and {@code .} turned into
 *       {@code _} ({@code build-done} → {@code DEVLOOP_EVENT_BUILD_DONE_URL}).
 * </ul>
 *
 * <p>Names are unambiguous: two distinct events whose variable names would coincide (for example
 * {@code build-done} and {@code build.done}, or {@code Build} and {@code build} — environment names
 * are case-insensitive on Windows) are a {@link PolicyConfigurationException} naming both, never one
 * URL silently replacing the other. The event variables can never coincide with
 * {@code _EVENTS_URL} or {@code _TOKEN}.
 *
 * <pre>{@code
 * Map<String, String> inject = EventEnvironment.forChildren("DEVLOOP", server.uri(), runToken, routes);
 * LaunchSpec.builder().argv(step).environment(policy.environmentScrubber()).inject(inject);
 * }</pre>
 */
public final class EventEnvironment {
  private static final Pattern PREFIX = Pattern.compile("[A-Z][A-Z0-9_]{0,31}");

  private EventEnvironment() {}

  /**
   * The variables to inject, in a stable order (URL, token, then one per route in the given order).
   *
   * @param prefix upper-case letters, digits and {@code _}, starting with a letter, at most 32 chars
   * @param baseUri the event server's base URI ({@code http://127.0.0.1:PORT/})
   * @param token the run's bearer token
   * @param routes the events the server accepts
   * @throws PolicyConfigurationException for a malformed prefix or two events sharing a variable name
   */
  public static Map<String, String> forChildren(String prefix, URI baseUri, Secret token, List<EventRoute> routes) {
    Objects.requireNonNull(token, "token");
    Objects.requireNonNull(baseUri, "baseUri");
    checkPrefix(prefix);
    URI events = baseUri.resolve("/events/");
    Map<String, String> env = new LinkedHashMap<>();
    env.put(prefix + "_EVENTS_URL", events.toString());
    env.put(prefix + "_TOKEN", token.revealUtf8());
    Map<String, String> owners = new LinkedHashMap<>();
    for (EventRoute route : routes) {
      String name = variableFor(prefix, route.name());
      String previous = owners.putIfAbsent(name.toUpperCase(Locale.ROOT), route.name());
      if (previous != null) {
        throw new PolicyConfigurationException("events." + route.name(),
            "events \"" + previous + "\" and \"" + route.name() + "\" would both be handed to children as " + name
                + "; rename one of them");
      }
      env.put(name, events.resolve(route.name()).toString());
    }
    return env;
  }

  /**
   * The variable that carries the URL of event {@code eventName}: {@code <PREFIX>_EVENT_<NAME>_URL}.
   *
   * @throws PolicyConfigurationException for a malformed prefix
   * @throws PolicyConfigurationException also for a name {@link EventRoute} refuses
   */
  public static String variableFor(String prefix, String eventName) {
    checkPrefix(prefix);
    EventRoute.of(eventName, "state", "workflow");   // the event-name grammar, in one place
    StringBuilder sb = new StringBuilder(prefix).append("_EVENT_");
    for (int i = 0; i < eventName.length(); i++) {
      char c = eventName.charAt(i);
      sb.append(c == '-' || c == '.' ? '_' : Character.toUpperCase(c));
    }
    return sb.append("_URL").toString();
  }

  private static void checkPrefix(String prefix) {
    Objects.requireNonNull(prefix, "prefix");
    if (!PREFIX.matcher(prefix).matches()) {
      throw new PolicyConfigurationException("devloop.env-prefix",
          "the prefix of children's event variables must be 1-32 of A-Z 0-9 _ starting with a letter, not \""
              + SafeText.clean(prefix, 40) + "\"");
    }
  }
}
