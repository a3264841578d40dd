package dev.hostpolicy.core.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

class YamlEscaperTest {

  private static Object load(String yaml) {
    return new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
  }

  @Test
  void quotesAndBackslash() {
    assertThat(YamlEscaper.doubleQuoted("")).isEqualTo("\"\"");
    assertThat(YamlEscaper.doubleQuoted("a\"b\\c")).isEqualTo("\"a\\\"b\\\\c\"");
  }

  @Test
  void controlsAndYaml11LineBreaks() {
    assertThat(YamlEscaper.doubleQuoted("\u0000\t\n\r\u0007\u001b\u007f"))
        .isEqualTo("\"\\0\\t\\n\\r\\x07\\x1b\\x7f\"");
    assertThat(YamlEscaper.doubleQuoted("\u0085\u2028\u2029")).isEqualTo("\"\\x85\\u2028\\u2029\"");
    assertThat(YamlEscaper.doubleQuoted("\ufeff\ufffe\uffff")).isEqualTo("\"\\ufeff\\ufffe\\uffff\"");
    assertThat(YamlEscaper.doubleQuoted(new String(Character.toChars(0xE0001)))).isEqualTo("\"\\U000e0001\"");
  }

  @Test
  void printableUnicodeStaysRaw() {
    assertThat(YamlEscaper.doubleQuoted("caf\u00e9 \ud83d\ude00 \u00a0")).isEqualTo("\"caf\u00e9 \ud83d\ude00 \u00a0\"");
  }

  /**
   * YAML 1.1 implicit types (https://yaml.org/type/bool.html, int.html, float.html, null.html,
   * timestamp.html) that a plain scalar would turn into non-strings under SnakeYAML's 1.1
   * resolver; quoted, each stays the same string.
   */
  @Test
  void yaml11LookalikesStayStrings() {
    List<String> lookalikes = List.of("no", "No", "NO", "n", "off", "on", "yes", "y", "Y", "true", "False", "~", "null",
        "Null", "", "0755", "0x1F", "0b101", "1_000", "12:30:00", "190:20:30", "1e3", ".inf", "-.Inf", ".nan",
        "2001-12-14", "2001-12-14t21:59:43.10-05:00", "#x", "&x", "*x", "!x", "!!str x", "|", ">", "- a", "? a",
        "a: b", "[a]", "{a: b}", "%YAML 1.1", "---", "...", "@x", "`x", "<<", "=");
    for (String s : lookalikes) {
      assertThat(load("v: " + YamlEscaper.doubleQuoted(s))).as(s).isEqualTo(java.util.Map.of("v", s));
    }
  }

  @Test
  void loneSurrogateIsAnError() {
    assertThatThrownBy(() -> YamlEscaper.doubleQuoted("\ud800x")).isInstanceOfSatisfying(UnescapableTextException.class,
        e -> assertThat(e.reason()).isEqualTo("escape.lone-surrogate"));
  }
}
