package dev.hostpolicy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The host-style profiles through the shaded jar, as a script sees them. */
class ProfilesCliIT {

  @Test
  void theJarListsAndDescribesTheHostStyleProfiles() throws Exception {
    CliIT.Result list = CliIT.jar(Map.of(), "profiles");
    assertThat(list.exit()).isZero();
    assertThat(list.out().lines().map(l -> l.split("\t")[0]))
        .containsExactly("minimal", "devloop", "infinite-loop", "devbox", "devtools");

    CliIT.Result d = CliIT.jar(Map.of("INFLOOP_WEBHOOK_RATE_LIMIT", "30/min"), "profile", "describe", "infinite-loop", "--namespace", "INFLOOP");
    assertThat(d.exit()).as(d.err()).isZero();
    JsonNode rules = new ObjectMapper().readTree(d.out()).path("rules");
    assertThat(rules.path("ratelimit.webhook").path("value").asText()).isEqualTo("30/min");
    assertThat(rules.path("ratelimit.webhook").path("source").asText()).contains("INFLOOP_WEBHOOK_RATE_LIMIT");
    assertThat(rules.path("ratelimit.login").path("source").asText()).isEqualTo("profile infinite-loop");
    assertThat(rules.path("agent.dangerous-args").path("value").asBoolean(true)).isFalse();

    CliIT.Result bad = CliIT.jar(Map.of("INFLOOP_LOGIN_RATE_LIMIT", "lots"), "profile", "describe", "infinite-loop", "--namespace", "INFLOOP");
    assertThat(bad.exit()).isEqualTo(2);
    assertThat(bad.err()).contains("INFLOOP_LOGIN_RATE_LIMIT");
  }
}
