package com.example.hosts.devloop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hostpolicy.api.PolicyConfigurationException;
import dev.hostpolicy.http.EventRoute;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The devloop-style example's security model, end to end: real loopback server, real child processes, real curl. */
class DevloopHostIT {
  private static final List<EventRoute> EVENTS = List.of(
      EventRoute.of("build-done", "build.status", "deploy").withPattern("ok|failed"),
      EventRoute.of("note", "notes.latest", "notify"));

  private final HttpClient http = HttpClient.newHttpClient();

  @TempDir Path workspace;

  @Test
  void aStepReportsAnEventWithOnlyWhatItsEnvironmentHandsIt() throws Exception {
    Map<String, String> parent = Map.of(
        "PATH", System.getenv("PATH"),
        "AWS_SECRET_ACCESS_KEY", "parent-secret",
        "DEVLOOP_TOKEN", "stale-token-from-the-parent");
    try (DevloopHost host = DevloopHost.builder().events(EVENTS).environment(parent).start()) {
      assertThat(host.address().getAddress().isLoopbackAddress()).isTrue();
      assertThat(host.address().getPort()).isPositive();               // ephemeral

      DevloopHost.StepResult step = host.runStep(workspace, List.of("sh", "-c",
          "curl -s -o /dev/null -w '%{http_code}' -H \"Authorization: Bearer $DEVLOOP_TOKEN\" "
              + "--data-binary '{\"value\":\"ok\"}' \"$DEVLOOP_EVENT_BUILD_DONE_URL\""));
      assertThat(step.stdout()).isEqualTo("204");
      assertThat(host.state()).containsEntry("build.status", "ok");
      assertThat(host.workflows()).containsExactly("deploy");

      String env = host.runStep(workspace, List.of("env")).stdout();
      assertThat(env).contains("DEVLOOP_TOKEN=" + host.runToken().revealUtf8())
          .contains("DEVLOOP_EVENTS_URL=" + host.uri() + "events/")
          .contains("DEVLOOP_EVENT_NOTE_URL=")
          .doesNotContain("parent-secret").doesNotContain("stale-token-from-the-parent");
    }
  }

  @Test
  void theEventServerNeedsThisRunsTokenAndTreatsValuesAsData() throws Exception {
    try (DevloopHost host = DevloopHost.builder().events(EVENTS).environment(Map.of()).start();
        DevloopHost other = DevloopHost.builder().events(EVENTS).environment(Map.of()).start()) {
      URI note = host.uri().resolve("events/note");
      assertThat(post(note, null, "{\"value\":\"x\"}").statusCode()).isEqualTo(401);
      assertThat(post(note, other.runToken().revealUtf8(), "{\"value\":\"x\"}").statusCode()).isEqualTo(401);
      String token = host.runToken().revealUtf8();
      assertThat(post(host.uri().resolve("events/nope"), token, "{\"value\":\"x\"}").statusCode()).isEqualTo(404);
      assertThat(post(host.uri().resolve("events/build-done"), token, "{\"value\":\"okay\"}").statusCode()).isEqualTo(422);

      String hostile = "$(touch pwned); `touch pwned2` \"'\n";
      String json = "{\"value\":\"$(touch pwned); `touch pwned2` \\\"'\\n\"}";
      assertThat(post(note, token, json).statusCode()).isEqualTo(204);
      assertThat(host.state()).containsEntry("notes.latest", hostile);       // stored verbatim
      try (var files = Files.list(workspace)) {
        assertThat(files).isEmpty();                                        // and never run
      }
    }
  }

  @Test
  void twoEventsThatWouldShareAVariableAreRefusedAtStartup() {
    List<EventRoute> clash = List.of(EventRoute.of("build-done", "a", "w"), EventRoute.of("build.done", "b", "w"));
    assertThatThrownBy(() -> DevloopHost.builder().events(clash).environment(Map.of()).start())
        .isInstanceOf(PolicyConfigurationException.class)
        .hasMessageContaining("DEVLOOP_EVENT_BUILD_DONE_URL");
  }

  private HttpResponse<String> post(URI uri, String token, String body) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.ofString(body));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }
}
