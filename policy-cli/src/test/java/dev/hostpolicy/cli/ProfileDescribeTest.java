package dev.hostpolicy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** {@code hostpolicy profiles} and {@code profile describe ID} for the four host-style profiles. */
class ProfileDescribeTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void profilesListsTheFourHostStylesAfterMinimal() {
    CliRun r = CliRun.run("profiles");
    assertThat(r.exit()).isZero();
    assertThat(r.out().lines().map(l -> l.split("\t")[0]))
        .containsExactly("minimal", "devloop", "infinite-loop", "devbox", "devtools");
  }

  @ParameterizedTest
  @CsvSource({
    "devloop, devloop.env-prefix, DEVLOOP",
    "infinite-loop, agent.dangerous-args, false",
    "devbox, devbox.max-key-depth, 32",
    "devtools, devtools.default-port, 7337"
  })
  void describeShowsTheProfileOwnRulesWithProvenance(String id, String rule, String value) throws Exception {
    CliRun r = CliRun.run("profile", "describe", id);
    assertThat(r.exit()).isZero();
    JsonNode d = JSON.readTree(r.out());
    assertThat(d.path("profile").toString()).contains(id);
    JsonNode rules = d.path("rules");
    assertThat(rules.toString()).contains(rule);
    JsonNode entry = find(rules, rule);
    assertThat(entry.path("value").asText()).isEqualTo(value);
    assertThat(entry.path("source").asText()).isEqualTo("profile " + id);
    assertThat(find(rules, "ratelimit.login").path("source").asText()).isEqualTo("profile " + id);
  }

  @Test
  void operatorSettingsOverrideTheInfiniteLoopProfileAndTheTokenIsRedacted() throws Exception {
    String token = "tok_Zm9vYmFyYmF6cXV4cXV1eDEyMzQ1Njc4OTA";
    CliRun r = CliRun.run(Map.of("INFLOOP_LOGIN_RATE_LIMIT", "5/min", "INFLOOP_API_TOKEN", token), new byte[0],
        "profile", "describe", "infinite-loop", "--namespace", "INFLOOP");
    assertThat(r.exit()).isZero();
    assertThat(r.out()).doesNotContain(token);
    JsonNode rules = JSON.readTree(r.out()).path("rules");
    assertThat(find(rules, "ratelimit.login").path("source").asText()).contains("INFLOOP_LOGIN_RATE_LIMIT");
    assertThat(find(rules, "ratelimit.webhook").path("source").asText()).isEqualTo("profile infinite-loop");
    assertThat(find(rules, "egress.deny").toString()).contains("metadata.google.internal");
  }

  private static JsonNode find(JsonNode rules, String id) {
    if (rules.isObject()) {
      return rules.path(id);
    }
    for (JsonNode n : rules) {
      if (id.equals(n.path("id").asText()) || id.equals(n.path("key").asText())) {
        return n;
      }
    }
    throw new AssertionError("no rule " + id + " in " + rules);
  }
}
