package dev.hostpolicy.testkit.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.hostpolicy.core.text.ShellEscaper;
import dev.hostpolicy.testkit.Samples;
import dev.hostpolicy.testkit.TextArbitraries;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import net.jqwik.api.Example;

/**
 * The shell escapers against the real shells: 10^5 generated hostile strings (plus the attack
 * corpus) are written into one script per form, each line {@code printf '%s\0' <escaped>} (or an
 * assignment of the word and a {@code printf} of the variable), and the
 * script runs once under {@code sh}, {@code dash}, {@code bash} (UTF-8 and C locale) and
 * {@code bash --posix}. The NUL-separated output must be the inputs, exactly.
 */
class ShellOracleIT {
  static final int COUNT = 100_000;
  static long seed;
  static List<String> inputs;

  /** Draws once (inside a jqwik example, where generators run), shared by the examples. */
  static synchronized void draw() {
    if (inputs != null) {
      return;
    }
    seed = Samples.seed();
    inputs = new ArrayList<>();
    for (String attack : List.of("$(whoami)", "`id`", "; rm -rf /", "\"$(whoami)\"", "!event", "!!", "\ufeffbom",
        "\u202eevil", "zero\u200bwidth", "it's", "'", "''", "\\", "\\\n", "a\nb", "a\r\nb", "", " ", "-n", "-e", "--",
        "~", "~root", "A=1", "*", "?", "[a]", "{a,b}", "$'x'", "$\"x\"", "%1", "#x", "a#b", "\u00e9", "\ud83d\ude00")) {
      inputs.add(attack);
    }
    inputs.addAll(Samples.draw(TextArbitraries.hostileTextWithoutNul(), COUNT, seed));
  }

  static List<List<String>> shells() {
    List<List<String>> out = new ArrayList<>();
    for (String sh : List.of("sh", "dash", "bash")) {
      Path p = Oracles.which(sh).orElse(null);
      if (p != null) {
        out.add(List.of(p.toString()));
      }
    }
    Oracles.which("bash").ifPresent(b -> out.add(List.of(b.toString(), "--posix")));
    return out;
  }

  private void runEverywhere(String name, UnaryOperator<String> line) throws Exception {
    draw();
    assertThat(Oracles.which("sh")).as("sh on the PATH").isPresent();
    assertThat(Oracles.which("bash")).as("bash on the PATH").isPresent();
    assumeThat(Oracles.which("dash")).as("dash on the PATH (.ci/run installs it)").isPresent();
    List<String> escaped = new ArrayList<>(inputs.size());
    StringBuilder script = new StringBuilder(inputs.size() * 40);
    for (String s : inputs) {
      String l = line.apply(s);
      escaped.add(l);
      script.append(l).append('\n');
    }
    Path file = Files.createTempFile("oracle-" + name, ".sh");
    Files.writeString(file, script, StandardCharsets.UTF_8);
    try {
      runScript(file, escaped);
    } finally {
      Files.delete(file);
    }
  }

  private void runScript(Path file, List<String> escaped) throws Exception {
    for (List<String> shell : shells()) {
      for (String locale : List.of("C.UTF-8", "C")) {
        List<String> cmd = new ArrayList<>(shell);
        cmd.add(file.toString());
        Oracles.Result r = Oracles.run(cmd, new byte[0], Map.of("LC_ALL", locale));
        assertThat(r.exit()).as("%s exit (seed %d): %s", cmd, seed, r.stderr()).isZero();
        List<String> back = Oracles.nulRecords(r.stdout());
        assertThat(Oracles.mismatches(inputs, back, escaped)).as("%s %s seed %d", cmd, locale, seed).isEmpty();
        assertThat(back).as("%s %s seed %d", cmd, locale, seed).hasSize(inputs.size());
      }
    }
  }

  @Example
  void wordsComeBackExactly() throws Exception {
    runEverywhere("word", s -> "printf '%s\\0' " + ShellEscaper.word(s));
  }

  @Example
  void doubleQuotedTextComesBackExactly() throws Exception {
    runEverywhere("dq", s -> "printf '%s\\0' \"" + ShellEscaper.insideDoubleQuotes(s) + "\"");
  }

  @Example
  void wordsAreAlsoExactAsAssignmentValues() throws Exception {
    runEverywhere("assign", s -> "x=" + ShellEscaper.word(s) + "; printf '%s\\0' \"$x\"");
  }
}
