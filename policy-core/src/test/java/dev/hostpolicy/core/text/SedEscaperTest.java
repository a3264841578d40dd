package dev.hostpolicy.core.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SedEscaperTest {

  @Test
  void replacementEscapesBackslashAmpersandDelimiterAndNewline() {
    assertThat(SedEscaper.replacement("a\\b&c/d\ne")).isEqualTo("a\\\\b\\&c\\/d\\\ne");
    assertThat(SedEscaper.replacement("\\1 \\n \\U")).isEqualTo("\\\\1 \\\\n \\\\U");
    assertThat(SedEscaper.replacement("plain.text*[x]^$")).isEqualTo("plain.text*[x]^$");
  }

  @Test
  void basicRegexMatchesLiterally() {
    assertThat(SedEscaper.basicRegex("1.2.*[x]^$/\\")).isEqualTo("1\\.2\\.\\*\\[x]\\^\\$\\/\\\\");
    assertThat(SedEscaper.basicRegex("a\nb")).isEqualTo("a\\nb");
    assertThat(SedEscaper.basicRegex("+?|{}()")).isEqualTo("+?|{}()");
  }

  @Test
  void emptyRegexIsAnEmptyGroupNotTheLastRegex() {
    assertThat(SedEscaper.basicRegex("")).isEqualTo("\\(\\)");
  }

  @Test
  void nulAndLoneSurrogatesAreErrors() {
    assertThatThrownBy(() -> SedEscaper.replacement("\u0000")).isInstanceOfSatisfying(UnescapableTextException.class,
        e -> assertThat(e.reason()).isEqualTo("escape.nul"));
    assertThatThrownBy(() -> SedEscaper.basicRegex("x\u0000")).isInstanceOfSatisfying(UnescapableTextException.class,
        e -> assertThat(e.form()).isEqualTo(EscapeForm.SED_REGEX));
    assertThatThrownBy(() -> SedEscaper.replacement("\udc00")).isInstanceOf(UnescapableTextException.class);
  }
}
