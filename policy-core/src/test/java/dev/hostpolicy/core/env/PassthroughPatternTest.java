package dev.hostpolicy.core.env;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PassthroughPatternTest {

  @Test
  void exactNamesMatchOnlyThemselves() {
    PassthroughPattern p = PassthroughPattern.parse("GITHUB_TOKEN");
    assertThat(p.matches("GITHUB_TOKEN")).isTrue();
    assertThat(p.matches("GITHUB_TOKEN2")).isFalse();
    assertThat(p.matches("github_token")).isFalse();
  }

  @Test
  void prefixesMatchTheirFamily() {
    PassthroughPattern p = PassthroughPattern.parse("AWS_*");
    assertThat(p.matches("AWS_REGION")).isTrue();
    assertThat(p.matches("AWS_")).isTrue();
    assertThat(p.matches("AWS")).isFalse();
    assertThat(p).hasToString("AWS_*");
  }

  @Test
  void rejectsEverythingThatCouldMeanAll() {
    for (String bad : new String[] {"*", "", "**", "A**", "*A", "A*B", "A.B", "A-B", "1A", " A", "A\u0000"}) {
      assertThatThrownBy(() -> PassthroughPattern.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
    }
  }
}
