package dev.hostpolicy.testkit.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.hostpolicy.core.text.SedEscaper;
import dev.hostpolicy.testkit.Samples;
import dev.hostpolicy.testkit.TextArbitraries;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Example;

/**
 * {@link SedEscaper} against GNU sed, in a UTF-8 and the C locale. One script per batch of 10^5
 * generated strings: with {@code -z} every input record is one NUL-terminated string, and the
 * script is {@code s/…/…/} commands separated by {@code n} (print, read the next record), so
 * record {@code i} meets command {@code i} and sed's work stays linear.
 *
 * <ul>
 *   <li>replacement: record {@code x}, command {@code s/x/<replacement(t)>/}: the output must be
 *       {@code t};
 *   <li>basic regex: record {@code a t b t c}, command {@code s/<basicRegex(t)>/X/g}: the output
 *       must be what a literal, non-overlapping, left-to-right replacement gives
 *       ({@link String#replace}).
 * </ul>
 */
class SedOracleIT {
  static final int COUNT = 100_000;

  private static Path gnuSed() throws Exception {
    Path sed = Oracles.which("sed").orElse(null);
    assertThat(sed).as("sed on the PATH").isNotNull();
    Oracles.Result v = Oracles.run(List.of(sed.toString(), "--version"), new byte[0], Map.of());
    assumeThat(v.out()).as("GNU sed").contains("GNU sed");
    return sed;
  }

  private static Oracles.Result runSed(Path sed, StringBuilder script, List<String> records, String locale) throws Exception {
    ByteArrayOutputStream in = new ByteArrayOutputStream();
    for (String r : records) {
      in.writeBytes(r.getBytes(StandardCharsets.UTF_8));
      in.write(0);
    }
    Path file = Files.createTempFile("oracle-sed", ".sed");
    try {
      Files.writeString(file, script, StandardCharsets.UTF_8);
      return Oracles.run(List.of(sed.toString(), "-z", "-f", file.toString()), in.toByteArray(), Map.of("LC_ALL", locale));
    } finally {
      Files.delete(file);
    }
  }

  private static StringBuilder script(List<String> commands) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < commands.size(); i++) {
      sb.append(commands.get(i)).append('\n');
      if (i + 1 < commands.size()) {
        sb.append("n\n");
      }
    }
    return sb;
  }

  @Example
  void replacementsInsertTheTextExactly() throws Exception {
    Path sed = gnuSed();
    long seed = Samples.seed();
    List<String> inputs = new ArrayList<>(List.of("&", "\\", "/", "\\1", "\\n", "a\nb", "\\\n", "\\U", "", "x"));
    inputs.addAll(Samples.draw(TextArbitraries.hostileTextWithoutNul(), COUNT, seed));
    List<String> escaped = inputs.stream().map(SedEscaper::replacement).toList();
    List<String> commands = escaped.stream().map(e -> "s/x/" + e + "/").toList();
    List<String> records = inputs.stream().map(s -> "x").toList();
    for (String locale : List.of("C.UTF-8", "C")) {
      Oracles.Result r = runSed(sed, script(commands), records, locale);
      assertThat(r.exit()).as("sed exit (%s, seed %d): %s", locale, seed, r.stderr()).isZero();
      List<String> back = Oracles.nulRecords(r.stdout());
      assertThat(Oracles.mismatches(inputs, back, escaped)).as("%s seed %d", locale, seed).isEmpty();
      assertThat(back).hasSize(inputs.size());
    }
  }

  @Example
  void basicRegexesMatchTheTextLiterally() throws Exception {
    Path sed = gnuSed();
    long seed = Samples.seed();
    List<String> inputs = new ArrayList<>(List.of(".", "*", "^", "$", "[", "]", "\\", "/", "a.*b", "^x$", "[^]]", "\\(", "\n",
        "\\n", "+?|{}()", "a", "aa", "&"));
    inputs.addAll(Samples.draw(TextArbitraries.hostileTextWithoutNul(), COUNT, seed));
    for (String locale : List.of("C.UTF-8", "C")) {
      // in the C locale an empty regex matches between bytes, not characters; only UTF-8 checks it
      List<String> texts = locale.equals("C") ? inputs.stream().filter(s -> !s.isEmpty()).toList() : inputs;
      List<String> escaped = texts.stream().map(SedEscaper::basicRegex).toList();
      List<String> commands = escaped.stream().map(e -> "s/" + e + "/X/g").toList();
      List<String> records = texts.stream().map(t -> "a" + t + "b" + t + "c").toList();
      List<String> expected = texts.stream().map(t -> ("a" + t + "b" + t + "c").replace(t, "X")).toList();
      Oracles.Result r = runSed(sed, script(commands), records, locale);
      assertThat(r.exit()).as("sed exit (%s, seed %d): %s", locale, seed, r.stderr()).isZero();
      List<String> back = Oracles.nulRecords(r.stdout());
      assertThat(Oracles.mismatches(expected, back, escaped)).as("%s seed %d", locale, seed).isEmpty();
      assertThat(back).hasSize(texts.size());
    }
  }
}
