package dev.hostpolicy.testkit.fuzz;

import static dev.hostpolicy.testkit.fuzz.Fuzz.typed;
import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.hostpolicy.api.PolicyConfigurationException;
import dev.hostpolicy.core.OperatorSetting;
import dev.hostpolicy.core.OperatorSettings;
import dev.hostpolicy.core.Settings;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Operator settings: every setting's text form, and settings files. A value parses or is refused
 * with {@link IllegalArgumentException} (which never quotes a secret); a settings file is read or
 * refused with {@link PolicyConfigurationException}.
 */
class SettingsFuzzTest {
  private static final List<OperatorSetting<?>> ALL = OperatorSettings.all();

  /** The first byte picks the setting, the rest (UTF-8) is its value. */
  @FuzzTest(maxDuration = "2m")
  void settingValues(byte[] data) {
    if (data.length == 0) {
      return;
    }
    OperatorSetting<?> setting = ALL.get((data[0] & 0xff) % ALL.size());
    String value = new String(data, 1, data.length - 1, StandardCharsets.UTF_8);
    try {
      Object parsed = setting.parse(value);
      assertThat(parsed).isNotNull();
    } catch (IllegalArgumentException e) {
      // the message states the expected form and nothing else: never the (possibly secret) value
      assertThat(e.getMessage()).isEqualTo("expected " + setting.expectedForm());
    }
  }

  /** A settings file: read, or refused with a configuration error naming a key. */
  @FuzzTest(maxDuration = "2m")
  void settingsFiles(byte[] data) {
    try {
      Settings s = Settings.fromJson(new ByteArrayInputStream(data), "fuzz.json");
      assertThat(s.toString()).isNotNull();
    } catch (PolicyConfigurationException e) {
      typed(e);
    }
  }
}
