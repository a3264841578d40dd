package dev.hostpolicy.testkit.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.hostpolicy.core.HostPolicy;
import dev.hostpolicy.core.Settings;
import dev.hostpolicy.testkit.PolicyArbitraries;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Properties;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** A secret setting never appears in describe(), toString() or an error, whichever source it came from. */
class SecretsNeverLeakProperties {

  @Property(tries = 300)
  void describeNeverContainsTheToken(@ForAll("tokens") String token, @ForAll("sources") String source) {
    HostPolicy p = HostPolicy.builder().profile("minimal").namespace("INFLOOP").settings(settings(source, token)).build();
    assertThat(p.apiToken()).hasValueSatisfying(s -> assertThat(s.matches(token)).isTrue());
    assertThat(p.describe()).doesNotContain(token).contains("[redacted]");
    assertThat(p.toString()).doesNotContain(token);
    assertThat(p.discovery().toString()).doesNotContain(token);
  }

  @Property(tries = 300)
  void aRejectedTokenIsNeverEchoed(@ForAll("badTokens") String token, @ForAll("sources") String source) {
    Throwable t = catchThrowable(
        () -> HostPolicy.builder().profile("minimal").namespace("INFLOOP").settings(settings(source, token)).build());
    assertThat(t).isNotNull();
    for (Throwable c = t; c != null; c = c.getCause()) {
      assertThat(String.valueOf(c.getMessage())).doesNotContain(token);
      assertThat(c.toString()).doesNotContain(token);
    }
  }

  private static Settings settings(String source, String token) {
    switch (source) {
      case "env":
        return Settings.fromEnvironment(Map.of("INFLOOP_API_TOKEN", token));
      case "properties":
        Properties props = new Properties();
        props.setProperty("infloop.api_token", token);
        return Settings.fromProperties(props);
      default:
        String json = "{\"API_TOKEN\": \"" + token.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}";
        return Settings.fromJson(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "settings.json");
    }
  }

  @Provide
  Arbitrary<String> tokens() {
    return PolicyArbitraries.apiTokens();
  }

  /** Too short, or with a character outside the bearer alphabet — but long enough to be searchable. */
  @Provide
  Arbitrary<String> badTokens() {
    return Arbitraries.oneOf(
        PolicyArbitraries.apiTokens().map(t -> t.substring(0, 8 + t.length() % 7)),
        PolicyArbitraries.apiTokens().map(t -> t.substring(0, 8) + " " + t.substring(8)),
        PolicyArbitraries.apiTokens().map(t -> t + "\u00e9"));
  }

  @Provide
  Arbitrary<String> sources() {
    return Arbitraries.of("env", "properties", "json");
  }
}
