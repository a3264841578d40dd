package dev.hostpolicy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HostPolicyCliTest {

  @Test
  void profilesListsMinimalWithItsJar() {
    CliRun r = CliRun.run("profiles");
    assertThat(r.exit()).isZero();
    assertThat(r.out()).startsWith("minimal\t").contains("strictest defaults");
    assertThat(r.out().split("\t")[1]).isNotEqualTo("unknown");
  }

  @Test
  void unknownProfileExitsTwoListingTheIds() {
    CliRun r = CliRun.run("profile", "describe", "nope");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.stdout()).isEmpty();
    assertThat(r.stderr()).contains("unknown profile \"nope\"").contains("minimal");
  }

  @Test
  void malformedSettingExitsTwoNamingTheKey() {
    CliRun r = CliRun.run(Map.of("INFLOOP_WEBHOOK_RATE_LIMIT", "abc"), new byte[0],
        "profile", "describe", "minimal", "--namespace", "INFLOOP");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.stderr()).contains("INFLOOP_WEBHOOK_RATE_LIMIT");
    assertThat(r.stdout()).isEmpty();
  }

  @Test
  void describePrintsJsonWithProvenanceAndNoSecret() throws Exception {
    String token = "s3cr3t-t0ken-value-xyz";
    CliRun r = CliRun.run(Map.of("INFLOOP_API_TOKEN", token, "INFLOOP_LOGIN_RATE_LIMIT", "5/min"), new byte[0],
        "profile", "describe", "minimal", "--namespace", "INFLOOP");
    assertThat(r.exit()).isZero();
    assertThat(r.out()).doesNotContain(token);
    assertThat(r.stderr()).doesNotContain(token);
    JsonNode json = new ObjectMapper().readTree(r.stdout());
    assertThat(json.at("/rules/ratelimit.login/value").asText()).isEqualTo("5/min");
    assertThat(json.at("/rules/ratelimit.login/source").asText()).isEqualTo("setting INFLOOP_LOGIN_RATE_LIMIT (environment)");
    assertThat(json.at("/rules/auth.api-token/value").asText()).isEqualTo("[redacted]");
  }

  @Test
  void describeReadsASettingsFileUnderTheEnvironment(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
    Path file = dir.resolve("s.json");
    Files.writeString(file, "{\"LOGIN_RATE_LIMIT\": \"9/min\", \"WEBHOOK_RATE_LIMIT\": \"8/min\"}");
    CliRun r = CliRun.run(Map.of("X_LOGIN_RATE_LIMIT", "3/min"), new byte[0],
        "profile", "describe", "minimal", "--namespace", "X", "--settings-file", file.toString());
    assertThat(r.exit()).isZero();
    JsonNode json = new ObjectMapper().readTree(r.stdout());
    assertThat(json.at("/rules/ratelimit.login/value").asText()).isEqualTo("3/min");
    assertThat(json.at("/rules/ratelimit.webhook/value").asText()).isEqualTo("8/min");
  }

  @Test
  void badNamespaceIsAUsageError() {
    CliRun r = CliRun.run("profile", "describe", "minimal", "--namespace", "lower");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.stderr()).contains("namespace");
  }

  @Test
  void unknownOptionsAndCommandsExitTwo() {
    assertThat(CliRun.run("profiles", "--bogus").exit()).isEqualTo(2);
    assertThat(CliRun.run("no-such-command").exit()).isEqualTo(2);
    assertThat(CliRun.run("profile").exit()).isEqualTo(2);
  }

  @Test
  void docsPrintsPagesByteForByte() throws Exception {
    CliRun r = CliRun.run("docs", "threat-model");
    assertThat(r.exit()).isZero();
    assertThat(r.stdout()).isEqualTo(Files.readAllBytes(Path.of("../docs/threat-model.md")));
    CliRun index = CliRun.run("docs");
    assertThat(index.stdout()).isEqualTo(Files.readAllBytes(Path.of("../docs/index.md")));
  }

  @Test
  void unknownDocsTopicExitsTwoListingTopics() {
    CliRun r = CliRun.run("docs", "nope");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.stderr()).contains("threat-model").contains("spi");
    assertThat(CliRun.run("docs", "../pom").exit()).isEqualTo(2);
  }

  @Test
  void versionExitsZero() {
    CliRun r = CliRun.run("--version");
    assertThat(r.exit()).isZero();
    assertThat(r.out()).startsWith("hostpolicy ");
  }
}
