package dev.hostpolicy.core.validate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hostpolicy.api.PolicyConfigurationException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class KeyPathGuardTest {
  private final KeyPathGuard guard = KeyPathGuard.defaults();
  private final ObjectMapper json = new ObjectMapper();

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "a|allowed",
      "settings.theme.color|allowed",
      "a.0.b|allowed",
      "__proto___x|allowed",
      "Constructor|allowed",
      "''|keypath.empty",
      "a..b|keypath.empty-segment",
      ".a|keypath.empty-segment",
      "a.|keypath.empty-segment",
      "__proto__|keypath.forbidden-segment",
      "a.__proto__.isAdmin|keypath.forbidden-segment",
      "a.constructor.prototype.x|keypath.forbidden-segment",
      "prototype|keypath.forbidden-segment"})
  void paths(String path, String reason) {
    assertThat(guard.checkPath(path).reason()).as(path).isEqualTo(reason);
  }

  @Test
  void depthBound() {
    String ok = String.join(".", java.util.Collections.nCopies(32, "a"));
    assertThat(guard.checkPath(ok).allowed()).isTrue();
    assertThat(guard.checkPath(ok + ".a").reason()).isEqualTo("keypath.too-deep");
    assertThat(guard.checkSegments(List.of()).reason()).isEqualTo("keypath.empty");
    assertThat(guard.checkSegments(List.of("a.b", "c")).allowed()).isTrue();
  }

  /** The classic payloads (e.g. CVE-2019-10744 lodash defaultsDeep, CVE-2018-3721 lodash merge). */
  @Test
  void prototypePollutionPayloadsAreRejectedWhole() throws Exception {
    assertThat(guard.checkTree(json.readTree("{\"__proto__\": {\"isAdmin\": true}}")).reason())
        .isEqualTo("keypath.forbidden-segment");
    assertThat(guard.checkTree(json.readTree("{\"a\": [{\"constructor\": {\"prototype\": {\"x\": 1}}}]}")).reason())
        .isEqualTo("keypath.forbidden-segment");
    assertThat(guard.checkTree(json.readTree("{\"\\u005f_proto__\": 1}")).reason())
        .isEqualTo("keypath.forbidden-segment");
    assertThat(guard.checkTree(json.readTree("{\"a.__proto__.b\": 1}")).reason())
        .isEqualTo("keypath.forbidden-segment");
    assertThat(guard.checkTree(json.readTree("{\"ok\": {\"\": 1}}")).reason()).isEqualTo("keypath.empty-segment");
    assertThat(guard.checkTree(json.readTree("{\"ok\": {\"name\": \"__proto__\"}}")).allowed()).isTrue();
  }

  @Test
  void treeDepthCountsArraysAndIsIterative() throws Exception {
    KeyPathGuard g = KeyPathGuard.builder().maxDepth(3).build();
    assertThat(g.checkTree(json.readTree("{\"a\":{\"b\":{\"c\":1}}}")).allowed()).isTrue();
    assertThat(g.checkTree(json.readTree("{\"a\":{\"b\":{\"c\":{\"d\":1}}}}")).reason()).isEqualTo("keypath.too-deep");
    assertThat(g.checkTree(json.readTree("[[[[1]]]]")).reason()).isEqualTo("keypath.too-deep");
    assertThat(g.checkTree(json.readTree("[[[[]]]]")).allowed()).isTrue();
    String deep = "[".repeat(900) + "]".repeat(900);
    assertThat(KeyPathGuard.builder().maxDepth(1000).build().checkTree(json.readTree(deep)).allowed()).isTrue();
    assertThat(guard.checkTree(json.readTree(deep)).reason()).isEqualTo("keypath.too-deep");
  }

  @Test
  void extraNamesAndBadConfiguration() {
    KeyPathGuard g = KeyPathGuard.builder().forbid("__defineGetter__").build();
    assertThat(g.checkPath("a.__defineGetter__").reason()).isEqualTo("keypath.forbidden-segment");
    assertThat(g.checkPath("a.__proto__").reason()).isEqualTo("keypath.forbidden-segment");
    assertThatThrownBy(() -> KeyPathGuard.builder().maxDepth(0)).isInstanceOf(PolicyConfigurationException.class);
    assertThatThrownBy(() -> KeyPathGuard.builder().forbid("")).isInstanceOf(PolicyConfigurationException.class);
  }
}
