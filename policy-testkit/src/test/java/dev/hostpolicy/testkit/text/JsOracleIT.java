package dev.hostpolicy.testkit.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hostpolicy.core.text.JsEscaper;
import dev.hostpolicy.testkit.Samples;
import dev.hostpolicy.testkit.TextArbitraries;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import net.jqwik.api.Example;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * {@link JsEscaper} against {@code node}: 10^5 generated hostile strings, each escaped once and
 * put between single quotes, double quotes and backticks in one script that prints them back as
 * JSON. Every literal must evaluate to its input; no escaped text may contain {@code </script},
 * {@code <!--} or a raw U+2028/U+2029; and the whole script embedded in an HTML {@code <script>}
 * element must come out of an HTML5 parser (jsoup) as one unbroken script.
 */
class JsOracleIT {
  static final int COUNT = 100_000;

  @Example
  void everyLiteralEvaluatesToItsInput() throws Exception {
    Path node = Oracles.which("node").orElse(null);
    assumeThat(node).as("node on the PATH (.ci/run installs it)").isNotNull();
    long seed = Samples.seed();
    List<String> inputs = new ArrayList<>(List.of("</script><script>alert(1)</script>", "<!--", "-->", "\u2028\u2029",
        "\u0000" + "1", "${x}", "`", "\\", "'\"", "\ud83d\ude00", "\ufeff\u202e\u200b"));
    inputs.addAll(Samples.draw(TextArbitraries.hostileText(), COUNT, seed));
    List<String> escaped = new ArrayList<>(inputs.size());
    StringBuilder js = new StringBuilder(inputs.size() * 80).append("const o = [];\n");
    for (String s : inputs) {
      String e = JsEscaper.stringContent(s);
      escaped.add(e);
      js.append("o.push('").append(e).append("', \"").append(e).append("\", `").append(e).append("`);\n");
    }
    js.append("process.stdout.write(JSON.stringify(o));\n");

    for (int i = 0; i < escaped.size(); i++) {
      String e = escaped.get(i);
      String lower = e.toLowerCase(Locale.ROOT);
      assertThat(lower.contains("</script") || e.contains("<!--") || e.contains("-->") || e.indexOf('\u2028') >= 0
          || e.indexOf('\u2029') >= 0).as("escaped #%d %s (seed %d)", i, Oracles.show(e), seed).isFalse();
    }

    Path file = Files.createTempFile("oracle-js", ".js");
    try {
      Files.writeString(file, js, StandardCharsets.UTF_8);
      Oracles.Result r = Oracles.run(List.of(node.toString(), file.toString()), new byte[0], Map.of());
      assertThat(r.exit()).as("node exit (seed %d): %s", seed, r.stderr()).isZero();
      JsonNode back = new ObjectMapper().readTree(r.stdout());
      assertThat(back.size()).isEqualTo(3 * inputs.size());
      List<String> single = new ArrayList<>();
      List<String> dbl = new ArrayList<>();
      List<String> tick = new ArrayList<>();
      for (int i = 0; i < back.size(); i += 3) {
        single.add(back.get(i).asText());
        dbl.add(back.get(i + 1).asText());
        tick.add(back.get(i + 2).asText());
      }
      assertThat(Oracles.mismatches(inputs, single, escaped)).as("single quotes, seed %d", seed).isEmpty();
      assertThat(Oracles.mismatches(inputs, dbl, escaped)).as("double quotes, seed %d", seed).isEmpty();
      assertThat(Oracles.mismatches(inputs, tick, escaped)).as("backticks, seed %d", seed).isEmpty();
    } finally {
      Files.delete(file);
    }

    Document page = Jsoup.parse("<!doctype html><html><head><script>" + js + "</script></head><body><p id=after>ok</p></body></html>");
    List<Element> scripts = page.select("script");
    assertThat(scripts).as("seed %d", seed).hasSize(1);
    String data = scripts.get(0).data();
    int diff = 0;
    while (diff < Math.min(data.length(), js.length()) && data.charAt(diff) == js.charAt(diff)) {
      diff++;
    }
    assertThat(diff).as("script data differs at %d: %s vs %s (seed %d)", diff,
        Oracles.show(data.substring(Math.max(0, diff - 20), Math.min(data.length(), diff + 20))),
        Oracles.show(js.substring(Math.max(0, diff - 20), Math.min(js.length(), diff + 20))), seed)
        .isEqualTo(js.length()).isEqualTo(data.length());
    assertThat(page.getElementById("after")).isNotNull();
  }
}
