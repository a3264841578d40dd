package dev.hostpolicy.testkit.cloudinit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Whole cloud-config documents with hostile values through SnakeYAML's YAML 1.1 resolver and
 * {@code SafeConstructor}: the document starts with {@code #cloud-config}, is printable ASCII,
 * loads as exactly the tree its parts describe, and every scalar is a string except
 * {@code defer: true}. PyYAML is the oracle of {@code CloudConfigOracleIT}.
 */
class CloudConfigProperties {

  @Provide
  Arbitrary<CloudConfigSpec> specs() {
    return CloudConfigSpec.specs();
  }

  @Property(tries = 1500)
  void loadsAsTheTreeItDescribes(@ForAll("specs") CloudConfigSpec spec) {
    String doc = spec.build().toYaml();
    assertThat(doc).startsWith("#cloud-config\n");
    assertThat(doc.chars().allMatch(c -> c == '\n' || (c >= 0x20 && c < 0x7f))).as(doc).isTrue();
    Object loaded = new Yaml(new SafeConstructor(new LoaderOptions())).load(doc);
    Map<String, Object> expected = spec.expected();
    assertThat(loaded).isEqualTo(expected);
    assertOnlyStrings(loaded, "");
  }

  static void assertOnlyStrings(Object node, String key) {
    if (node instanceof Map<?, ?> m) {
      m.forEach((k, v) -> {
        assertThat(k).isInstanceOf(String.class);
        assertOnlyStrings(v, (String) k);
      });
    } else if (node instanceof List<?> l) {
      l.forEach(v -> assertOnlyStrings(v, key));
    } else if (key.equals("defer")) {
      assertThat(node).isEqualTo(Boolean.TRUE);
    } else {
      assertThat(node).as("value of %s", key).isInstanceOf(String.class);
    }
  }
}
