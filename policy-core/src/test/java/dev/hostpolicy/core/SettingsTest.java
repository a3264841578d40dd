package dev.hostpolicy.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hostpolicy.api.PolicyConfigurationException;
import dev.hostpolicy.api.Rate;
import dev.hostpolicy.api.spi.PolicyKeys;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsTest {

  private static Settings json(String text) {
    return Settings.fromJson(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "test.json");
  }

  @Test
  void jsonFileValuesOfEveryShape(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("settings.json");
    Files.writeString(file, "{\"LOGIN_RATE_LIMIT\": \"4/min\", \"ALLOW_INSECURE\": true, \"AUDIT_MAX_FILES\": 3,"
        + " \"MAX_RUN_COST_USD\": 1.25, \"CHILD_ENV_PASSTHROUGH\": [\"A_TOKEN\", \"B_*\"]}");
    HostPolicy p = HostPolicy.builder().profile("minimal").namespace("X").settings(Settings.fromJsonFile(file)).build();
    assertThat(p.get(PolicyKeys.LOGIN_RATE_LIMIT)).isEqualTo(Rate.perMinute(4));
    assertThat(p.get(PolicyKeys.ALLOW_INSECURE)).isTrue();
    assertThat(p.get(PolicyKeys.AUDIT_MAX_FILES)).isEqualTo(3L);
    assertThat(p.get(PolicyKeys.MAX_RUN_COST_USD)).isEqualByComparingTo("1.25");
    assertThat(p.get(PolicyKeys.CHILD_ENV_PASSTHROUGH)).containsExactly("A_TOKEN", "B_*");
    assertThat(p.source(PolicyKeys.LOGIN_RATE_LIMIT).detail()).contains("settings file");
  }

  @Test
  void unknownKeysAreRejectedByName() {
    assertThatThrownBy(() -> json("{\"LOGIN_RATE\": \"4/min\"}"))
        .isInstanceOf(PolicyConfigurationException.class)
        .hasMessageStartingWith("LOGIN_RATE: unknown setting")
        .hasMessageContaining("LOGIN_RATE_LIMIT");
  }

  @Test
  void duplicateKeysAndTrailingGarbageAreRejected() {
    assertThatThrownBy(() -> json("{\"ENV\": \"dev\", \"ENV\": \"prod\"}")).isInstanceOf(PolicyConfigurationException.class);
    assertThatThrownBy(() -> json("{\"ENV\": \"dev\"} {}")).isInstanceOf(PolicyConfigurationException.class);
    assertThatThrownBy(() -> json("[1]")).isInstanceOf(PolicyConfigurationException.class);
    assertThatThrownBy(() -> json("{\"ENV\": {\"a\": 1}}")).isInstanceOf(PolicyConfigurationException.class);
    assertThatThrownBy(() -> json("{\"CHILD_ENV_PASSTHROUGH\": [1]}")).isInstanceOf(PolicyConfigurationException.class);
  }

  /** Found by the Jazzer target SettingsFuzzTest.settingsFiles: 1e400 escaped as a NumberFormatException. */
  @Test
  void aNumberBeyondTheDoubleRangeIsAConfigurationErrorNamingTheKey() {
    assertThatThrownBy(() -> json("{\"MAX_RUN_COST_USD\": 1e400}"))
        .isInstanceOf(PolicyConfigurationException.class)
        .hasMessageStartingWith("MAX_RUN_COST_USD: number out of range");
    assertThatThrownBy(() -> json("{\"MAX_RUN_COST_USD\": -1e400}")).isInstanceOf(PolicyConfigurationException.class);
  }

  @Test
  void aMissingFileIsAConfigurationError(@TempDir Path dir) {
    assertThatThrownBy(() -> Settings.fromJsonFile(dir.resolve("absent.json")))
        .isInstanceOf(PolicyConfigurationException.class);
  }

  @Test
  void environmentOverridesAFile() {
    Settings s = json("{\"LOGIN_RATE_LIMIT\": \"4/min\"}")
        .overriddenBy(Settings.fromEnvironment(java.util.Map.of("X_LOGIN_RATE_LIMIT", "2/min")));
    HostPolicy p = HostPolicy.builder().profile("minimal").namespace("X").settings(s).build();
    assertThat(p.get(PolicyKeys.LOGIN_RATE_LIMIT)).isEqualTo(Rate.perMinute(2));
  }
}
