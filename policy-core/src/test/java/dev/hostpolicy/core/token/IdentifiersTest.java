package dev.hostpolicy.core.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class IdentifiersTest {

  @Test
  void triggerIdsCarryAtLeast128BitsAndAreUrlSafe() {
    TriggerId id = TriggerId.generate();
    assertThat(id.value()).hasSize(24).matches("[A-Za-z0-9_-]{24}");
    assertThat(TriggerId.RANDOM_BITS).isGreaterThanOrEqualTo(128);
    assertThat(TriggerId.parse(id.value())).isEqualTo(id);
    assertThat(id).hasToString(id.value());
  }

  @Test
  void correlationAndRunIdsHaveTheirPrefix() {
    CorrelationId cid = CorrelationId.generate();
    assertThat(cid.value()).startsWith("cid_").hasSize(20);
    assertThat(CorrelationId.RANDOM_BITS).isGreaterThanOrEqualTo(96);
    RunId run = RunId.generate();
    assertThat(run.value()).startsWith("run_").hasSize(20);
    assertThat(CorrelationId.isValid(run.value())).isFalse();
    assertThat(RunId.isValid(cid.value())).isFalse();
  }

  @Test
  void parsingIsStrict() {
    String good = "AAECAwQFBgcICQoLDA0ODxAR";
    assertThat(TriggerId.isValid(good)).isTrue();
    for (String bad : new String[] {"", good + "A", good.substring(1), " " + good.substring(1), good.replace('A', '='),
        good.replace('A', '+'), good.replace('A', '/'), good.replace('A', 'Ä'), good.substring(1) + "\n"}) {
      assertThat(TriggerId.isValid(bad)).as("[%s]", bad).isFalse();
      assertThatThrownBy(() -> TriggerId.parse(bad)).isInstanceOf(IllegalArgumentException.class).hasMessageNotContaining(good.substring(2));
    }
    for (String bad : new String[] {"CID_AAECAwQFBgcICQoL", "cid-AAECAwQFBgcICQoL", "cid_AAECAwQFBgcICQo", "cid_AAECAwQFBgcICQoL=", "AAECAwQFBgcICQoLDA0O"}) {
      assertThat(CorrelationId.isValid(bad)).as(bad).isFalse();
    }
    assertThat(CorrelationId.isValid("cid_AAECAwQFBgcICQoL")).isTrue();
    assertThat(RunId.isValid("run_AAECAwQFBgcICQoL")).isTrue();
    assertThat(RunId.isValid(null)).isFalse();
    assertThatThrownBy(() -> new RunId(null)).isInstanceOf(NullPointerException.class);
  }

  @Test
  void generatedIdsDoNotRepeat() {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 10_000; i++) {
      assertThat(seen.add(TriggerId.generate().value())).isTrue();
      assertThat(seen.add(CorrelationId.generate().value())).isTrue();
      assertThat(seen.add(RunId.generate().value())).isTrue();
    }
  }
}
