package dev.hostpolicy.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DecisionTest {

  @Test
  void plainAllowHasTheAllowedCode() {
    Decision d = Decision.allow();
    assertThat(d.allowed()).isTrue();
    assertThat(d.denied()).isFalse();
    assertThat(d.reason()).isEqualTo("allowed");
    assertThat(d.detail()).isEmpty();
    assertThat(d.requireAllowed()).isSameAs(d);
  }

  @Test
  void denialCarriesItsCodeIntoTheException() {
    Decision d = Decision.deny("egress.private-address", "10.0.0.7 is private-use");
    assertThatThrownBy(d::requireAllowed)
        .isInstanceOf(PolicyViolationException.class)
        .hasMessage("egress.private-address: 10.0.0.7 is private-use")
        .satisfies(e -> assertThat(((PolicyViolationException) e).decision()).isEqualTo(d));
  }

  @Test
  void aDenialNeedsADottedCode() {
    assertThatThrownBy(() -> Decision.deny("denied", "x")).isInstanceOf(IllegalArgumentException.class);
    assertThat(Decision.allow("webhook.unsigned-accepted", "no secret").allowed()).isTrue();
  }

  @Test
  void malformedCodesAreRejected() {
    for (String bad : new String[] {"", "Egress.x", "egress..x", "egress.", ".x", "egress.x_y", "egress x", "egress.\n", "e".repeat(65)}) {
      assertThat(Decision.isValidReasonCode(bad)).as(bad).isFalse();
      assertThatThrownBy(() -> Decision.deny(bad, "d")).as(bad).isInstanceOf(IllegalArgumentException.class);
    }
    assertThat(Decision.isValidReasonCode("path.outside-workspace")).isTrue();
    assertThat(Decision.isValidReasonCode("egress.ambiguous-ip-literal")).isTrue();
  }

  @Test
  void detailCannotForgeLogLines() {
    Decision d = Decision.deny("egress.denied-host", "evil.example\r\nX-Injected: yes\u2028\u0000");
    assertThat(d.detail()).doesNotContain("\r", "\n", "\u2028", "\u0000").contains("\\u000d\\u000a");
  }

  @Test
  void detailIsCapped() {
    Decision d = Decision.deny("a.b", "x".repeat(10_000));
    assertThat(d.detail()).hasSizeLessThanOrEqualTo(Decision.MAX_DETAIL_CHARS + 1);
  }

  @Test
  void violationRefusesAnAllowingDecision() {
    assertThatThrownBy(() -> new PolicyViolationException(Decision.allow()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void configurationExceptionNamesTheKey() {
    PolicyConfigurationException e = new PolicyConfigurationException("INFLOOP_X", "bad\nvalue");
    assertThat(e.key()).contains("INFLOOP_X");
    assertThat(e.getMessage()).isEqualTo("INFLOOP_X: bad\\u000avalue");
    assertThat(new PolicyConfigurationException("no key").key()).isEmpty();
  }
}
