package dev.hostpolicy.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RunMaxDurationTest {

  @Test
  void acceptsAUnitSuffixOrIso8601() {
    assertThat(RunCommand.parseDuration("500ms")).isEqualTo(Duration.ofMillis(500));
    assertThat(RunCommand.parseDuration("30s")).isEqualTo(Duration.ofSeconds(30));
    assertThat(RunCommand.parseDuration("5m")).isEqualTo(Duration.ofMinutes(5));
    assertThat(RunCommand.parseDuration("1h")).isEqualTo(Duration.ofHours(1));
    assertThat(RunCommand.parseDuration("2d")).isEqualTo(Duration.ofDays(2));
    assertThat(RunCommand.parseDuration("PT1M30S")).isEqualTo(Duration.ofSeconds(90));
    assertThat(RunCommand.parseDuration("PT0.25S")).isEqualTo(Duration.ofMillis(250));
    assertThat(RunCommand.parseDuration("P1D")).isEqualTo(Duration.ofDays(1));
    assertThat(RunCommand.parseDuration("0")).isZero();
  }

  @Test
  void refusesEverythingElse() {
    for (String bad : List.of("", "30", "-5s", "5x", "5 s", " 5s", "5S", "1.5s", "PT-1S", "-PT1S", "P", "PT", "abc", "5sec",
        "9999999999999d", "1e3s", "\u0665s", "PT1S\n")) {
      assertThatThrownBy(() -> RunCommand.parseDuration(bad)).as("[%s]", bad).isInstanceOf(UsageException.class)
          .hasMessageContaining("--max-duration");
    }
  }

  @Test
  void aBadValueIsAUsageErrorBeforeAnythingRuns() {
    for (String bad : List.of("abc", "-1s", "10", "PT-5S", "999999999999d", "9223372036854775807s")) {
      CliRun r = CliRun.run(Map.of("PATH", "/usr/bin:/bin"), new byte[0], "run", "--max-duration", bad, "--", "true");
      assertThat(r.exit()).as(bad).isEqualTo(2);
      assertThat(r.stderr()).contains("--max-duration");
      assertThat(r.stdout()).isEmpty();
    }
  }
}
