package dev.hostpolicy.core.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class EscapeFormTest {

  @Test
  void cliNamesOfTheDesignContract() {
    assertThat(Arrays.stream(EscapeForm.values()).map(EscapeForm::cliName))
        .containsExactly("shell", "shell-dq", "js", "html", "attr", "yaml", "sed", "sed-regex");
    assertThat(EscapeForm.byName("shell-dq")).contains(EscapeForm.SHELL_DQ);
    assertThat(EscapeForm.byName("SHELL")).isEmpty();
    assertThat(EscapeForm.byName("nope")).isEmpty();
  }

  @Test
  void eachFormDelegatesToItsEscaper() {
    String s = "it's <$x> & \"y\"\n";
    assertThat(EscapeForm.SHELL.escape(s)).isEqualTo(ShellEscaper.word(s));
    assertThat(EscapeForm.SHELL_DQ.escape(s)).isEqualTo(ShellEscaper.insideDoubleQuotes(s));
    assertThat(EscapeForm.JS.escape(s)).isEqualTo(JsEscaper.stringContent(s));
    assertThat(EscapeForm.HTML.escape(s)).isEqualTo(HtmlEscaper.text(s));
    assertThat(EscapeForm.ATTR.escape(s)).isEqualTo(HtmlEscaper.attribute(s));
    assertThat(EscapeForm.YAML.escape(s)).isEqualTo(YamlEscaper.doubleQuoted(s));
    assertThat(EscapeForm.SED.escape(s)).isEqualTo(SedEscaper.replacement(s));
    assertThat(EscapeForm.SED_REGEX.escape(s)).isEqualTo(SedEscaper.basicRegex(s));
  }
}
