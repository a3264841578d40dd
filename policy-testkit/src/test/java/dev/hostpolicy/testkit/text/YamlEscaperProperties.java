package dev.hostpolicy.testkit.text;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hostpolicy.core.text.YamlEscaper;
import dev.hostpolicy.testkit.Samples;
import dev.hostpolicy.testkit.TextArbitraries;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Example;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * {@link YamlEscaper} through SnakeYAML with its YAML 1.1 resolver and {@code SafeConstructor}:
 * every escaped string loads as the same {@code String}, whatever YAML 1.1 would make of it
 * plain. A property that shrinks, and a batch of 10^5 scalars in one document. PyYAML is the
 * oracle of {@code YamlOracleIT}.
 */
class YamlEscaperProperties {

  private static Yaml yaml() {
    LoaderOptions options = new LoaderOptions();
    options.setCodePointLimit(Integer.MAX_VALUE);
    return new Yaml(new SafeConstructor(options));
  }

  @Provide
  Arbitrary<String> text() {
    return net.jqwik.api.Arbitraries.oneOf(TextArbitraries.hostileText(), TextArbitraries.yaml11Lookalikes());
  }

  @Property(tries = 3000)
  void loadsAsTheSameString(@ForAll("text") String s) {
    String e = YamlEscaper.doubleQuoted(s);
    assertThat(e).startsWith("\"").endsWith("\"").doesNotContain("\n", "\r", "\u0085", "\u2028", "\u2029", "\ufeff");
    assertThat(yaml().<Object>load("v: " + e)).isEqualTo(Map.of("v", s));
    assertThat(yaml().<Object>load("[" + e + "]")).isEqualTo(List.of(s));
  }

  @Example
  void aBatchOfOneHundredThousand() {
    long seed = Samples.seed();
    List<String> inputs = new ArrayList<>(Samples.draw(text(), 100_000, seed));
    StringBuilder doc = new StringBuilder();
    List<String> escaped = new ArrayList<>();
    for (String s : inputs) {
      String e = YamlEscaper.doubleQuoted(s);
      escaped.add(e);
      doc.append("- ").append(e).append('\n');
    }
    List<Object> back = yaml().load(doc.toString());
    List<String> strings = new ArrayList<>();
    for (Object o : back) {
      assertThat(o).as("seed %d", seed).isInstanceOf(String.class);
      strings.add((String) o);
    }
    assertThat(Oracles.mismatches(inputs, strings, escaped)).as("seed %d", seed).isEmpty();
    assertThat(strings).hasSize(inputs.size());
  }
}
