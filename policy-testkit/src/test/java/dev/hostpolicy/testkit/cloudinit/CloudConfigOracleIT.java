package dev.hostpolicy.testkit.cloudinit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hostpolicy.testkit.Samples;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import net.jqwik.api.Example;

/**
 * Generated cloud-config documents through PyYAML's {@code yaml.safe_load}, the loader cloud-init
 * uses: 5000 documents in one {@code python3} run, each loaded on its own; each must give exactly
 * the tree its parts describe, with every scalar a {@code str} except {@code defer: True}.
 */
class CloudConfigOracleIT {
  static final int COUNT = 5000;

  static final String LOADER = "import json, sys, yaml\n"
      + "docs = json.load(sys.stdin)\n"
      + "out = []\n"
      + "for d in docs:\n"
      + "    assert d.startswith('#cloud-config\\n')\n"
      + "    out.append(yaml.safe_load(d))\n"
      + "sys.stdout.write(json.dumps(out, ensure_ascii=True))\n";

  private static Path python() throws IOException, InterruptedException {
    for (String candidate : List.of("python3", "/usr/bin/python3")) {
      try {
        Process p = new ProcessBuilder(candidate, "-c", "import yaml").redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        if (p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0) {
          return Path.of(candidate);
        }
      } catch (IOException e) {
        // next candidate
      }
    }
    return null;
  }

  @Example
  void pyyamlReadsEveryDocumentAsItsTree() throws Exception {
    Path python = python();
    assumeThat(python).as("python3 with PyYAML (.ci/run installs python3-yaml)").isNotNull();
    long seed = Samples.seed();
    List<CloudConfigSpec> specs = Samples.draw(CloudConfigSpec.specs(), COUNT, seed);
    ObjectMapper json = new ObjectMapper();
    List<String> docs = new ArrayList<>();
    specs.forEach(s -> docs.add(s.build().toYaml()));
    Path in = Files.createTempFile("cloud", ".json");
    Path out = Files.createTempFile("cloud", ".out");
    Path err = Files.createTempFile("cloud", ".err");
    try {
      json.writeValue(in.toFile(), docs);
      Process p = new ProcessBuilder(python.toString(), "-c", LOADER)
          .redirectInput(in.toFile()).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
      assertThat(p.waitFor(300, TimeUnit.SECONDS)).isTrue();
      assertThat(p.exitValue()).as("python (seed %d): %s", seed, Files.readString(err)).isZero();
      JsonNode back = json.readTree(out.toFile());
      assertThat(back.size()).isEqualTo(COUNT);
      for (int i = 0; i < COUNT; i++) {
        Map<String, Object> expected = specs.get(i).expected();
        JsonNode want = json.valueToTree(expected);
        assertThat(back.get(i)).as("document #%d (seed %d):\n%s", i, seed, docs.get(i)).isEqualTo(want);
      }
    } finally {
      Files.delete(in);
      Files.delete(out);
      Files.delete(err);
    }
  }
}
