package dev.hostpolicy.testkit.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hostpolicy.core.text.YamlEscaper;
import dev.hostpolicy.testkit.Samples;
import dev.hostpolicy.testkit.TextArbitraries;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Example;

/**
 * {@link YamlEscaper} against PyYAML's {@code yaml.safe_load} — the YAML 1.1 loader cloud-init
 * uses: one document, a sequence of 10^5 escaped hostile strings (plus every YAML 1.1 look-alike),
 * loaded once; every item must be a {@code str} equal to its input. Skipped only when no
 * {@code python3} with {@code yaml} exists ({@code .ci/run} installs {@code python3-yaml}).
 */
class YamlOracleIT {
  static final int COUNT = 100_000;

  static final String LOADER = "import json, sys, yaml\n"
      + "doc = yaml.safe_load(sys.stdin.buffer)\n"
      + "assert isinstance(doc, list), type(doc)\n"
      + "bad = [i for i, v in enumerate(doc) if not isinstance(v, str)]\n"
      + "assert not bad, ('not a str', bad[:5], [doc[i] for i in bad[:5]])\n"
      + "sys.stdout.write(json.dumps(doc, ensure_ascii=True))\n";

  @Example
  void everyScalarLoadsAsTheSameString() throws Exception {
    Path python = Oracles.pythonWithYaml().orElse(null);
    assumeThat(python).as("python3 with PyYAML (.ci/run installs python3-yaml)").isNotNull();
    long seed = Samples.seed();
    List<String> inputs = new ArrayList<>(Samples.draw(TextArbitraries.yaml11Lookalikes(), 200, seed));
    inputs.addAll(Samples.draw(TextArbitraries.hostileText(), COUNT, seed));
    List<String> escaped = new ArrayList<>(inputs.size());
    StringBuilder doc = new StringBuilder(inputs.size() * 40);
    for (String s : inputs) {
      String e = YamlEscaper.doubleQuoted(s);
      escaped.add(e);
      doc.append("- ").append(e).append('\n');
    }
    Oracles.Result r = Oracles.run(List.of(python.toString(), "-c", LOADER), doc.toString().getBytes(StandardCharsets.UTF_8), Map.of());
    assertThat(r.exit()).as("python exit (seed %d): %s", seed, r.stderr()).isZero();
    JsonNode back = new ObjectMapper().readTree(r.stdout());
    List<String> values = new ArrayList<>();
    back.forEach(v -> values.add(v.asText()));
    assertThat(Oracles.mismatches(inputs, values, escaped)).as("seed %d", seed).isEmpty();
    assertThat(values).hasSize(inputs.size());
  }
}
