package dev.hostpolicy.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hostpolicy.api.PolicyConfigurationException;
import dev.hostpolicy.api.Secret;
import dev.hostpolicy.testkit.PolicyArbitraries;
import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Event URLs handed to children: one unambiguous, portable variable per event, or a configuration error. */
class EventEnvironmentProperties {
  private static final URI BASE = URI.create("http://127.0.0.1:4711/");
  private static final Secret TOKEN = Secret.fromUtf8("run-token-0123456789abcdef");

  @Property(tries = 300)
  void distinctEventsGetDistinctVariablesOrTheBuildFails(@ForAll("eventNameLists") List<String> names) {
    List<EventRoute> routes = names.stream().map(n -> EventRoute.of(n, "state.key", "workflow")).toList();
    // oracle: two names collide exactly when they agree after upper-casing and mapping - and . to _
    Map<String, String> seen = new HashMap<>();
    boolean collides = false;
    for (String n : names) {
      collides |= seen.put(n.toUpperCase(Locale.ROOT).replace('-', '_').replace('.', '_'), n) != null;
    }
    if (collides) {
      assertThatThrownBy(() -> EventEnvironment.forChildren("DEVLOOP", BASE, TOKEN, routes))
          .isInstanceOf(PolicyConfigurationException.class)
          .hasMessageContaining("would both be handed to children");
      return;
    }
    Map<String, String> env = EventEnvironment.forChildren("DEVLOOP", BASE, TOKEN, routes);
    assertThat(env).hasSize(names.size() + 2);
    assertThat(env).containsEntry("DEVLOOP_EVENTS_URL", "http://127.0.0.1:4711/events/")
        .containsEntry("DEVLOOP_TOKEN", TOKEN.revealUtf8());
    for (String n : names) {
      String var = EventEnvironment.variableFor("DEVLOOP", n);
      assertThat(var).matches("[A-Z_][A-Z0-9_]*");                       // a portable shell name
      assertThat(env).containsEntry(var, "http://127.0.0.1:4711/events/" + n);
    }
    assertThat(env.keySet().stream().map(k -> k.toUpperCase(Locale.ROOT)).distinct().count()).isEqualTo(env.size());
  }

  @Example
  void aMalformedPrefixIsAConfigurationError() {
    for (String bad : List.of("", "devloop", "1X", "A-B", "A".repeat(33), "A\nB")) {
      assertThatThrownBy(() -> EventEnvironment.variableFor(bad, "x"))
          .as(bad).isInstanceOf(PolicyConfigurationException.class);
    }
  }

  @Example
  void readableNamesForTheUsualCase() {
    assertThat(EventEnvironment.variableFor("DEVLOOP", "build-done")).isEqualTo("DEVLOOP_EVENT_BUILD_DONE_URL");
  }

  @Provide
  Arbitrary<List<String>> eventNameLists() {
    return PolicyArbitraries.eventNames().list().uniqueElements().ofMaxSize(6);
  }
}
