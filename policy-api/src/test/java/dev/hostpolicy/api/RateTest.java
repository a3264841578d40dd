package dev.hostpolicy.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RateTest {

  @Test
  void parsesEveryForm() {
    assertThat(Rate.parse("120")).isEqualTo(Rate.perMinute(120));
    assertThat(Rate.parse("120/min")).isEqualTo(Rate.perMinute(120));
    assertThat(Rate.parse("5/s")).isEqualTo(Rate.of(5, Duration.ofSeconds(1)));
    assertThat(Rate.parse("100/h")).isEqualTo(Rate.of(100, Duration.ofHours(1)));
    assertThat(Rate.parse("0").isOff()).isTrue();
    assertThat(Rate.parse("0/h")).isEqualTo(Rate.off());
  }

  @Test
  void rejectsEverythingElse() {
    for (String bad : new String[] {"", " 1", "1 ", "-1", "+1", "1/", "/min", "1/m", "1/MIN", "1/d", "１２", "1e3", "1_0",
        "1234567890123456789", "1\n", "1/min/"}) {
      assertThatThrownBy(() -> Rate.parse(bad)).as("%s", bad).isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("expected N");
    }
  }

  @Test
  void looserMeansMorePermitsPerTime() {
    assertThat(Rate.perMinute(120).isLooserThan(Rate.perMinute(20))).isTrue();
    assertThat(Rate.perMinute(20).isLooserThan(Rate.perMinute(120))).isFalse();
    assertThat(Rate.parse("3/s").isLooserThan(Rate.parse("120/min"))).isTrue();
    assertThat(Rate.parse("2/s").isLooserThan(Rate.parse("120/min"))).isFalse();
    assertThat(Rate.off().isLooserThan(Rate.parse("1000000/s"))).isTrue();
    assertThat(Rate.parse("1/s").isLooserThan(Rate.off())).isFalse();
    assertThat(Rate.off().isLooserThan(Rate.off())).isFalse();
  }

  @Test
  void printsItsTextForm() {
    assertThat(Rate.parse("20/min")).hasToString("20/min");
    assertThat(Rate.parse("7/s")).hasToString("7/s");
    assertThat(Rate.off()).hasToString("0");
  }
}
