package dev.hostpolicy.core.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/**
 * Boundaries that mutation testing (docs/assurance.md) showed no test pinned down: the growth of the
 * HTML escaper's output buffer, the exact ends of the noncharacter block, and the messages of
 * {@link UnescapableTextException}.
 */
class EscaperBoundaryTest {

  /** Every character expands (up to 9x): the output buffer must grow, at any length. */
  @Test
  void textThatIsAllEscapesGrowsTheBufferCorrectly() {
    for (int n : new int[] {1, 2, 17, 100, 4097}) {
      assertThat(HtmlEscaper.text("&".repeat(n))).isEqualTo("&amp;".repeat(n));
      assertThat(HtmlEscaper.text("x" + "<".repeat(n))).isEqualTo("x" + "&lt;".repeat(n));
      assertThat(HtmlEscaper.attribute("\"\n".repeat(n))).isEqualTo("&#34;&#10;".repeat(n));
      assertThat(HtmlEscaper.text("a\uffff".repeat(n))).isEqualTo("a&#xffff;".repeat(n));
      assertThat(HtmlEscaper.text("\ud83f\udfff".repeat(n))).isEqualTo("&#x1ffff;".repeat(n));
    }
  }

  /** Noncharacters are exactly U+FDD0..U+FDEF and the last two code points of each plane (Unicode 15, 23.7). */
  @Test
  void theNoncharacterBlockEndsExactly() {
    assertThat(HtmlEscaper.text("\ufdcf")).isEqualTo("\ufdcf");
    assertThat(HtmlEscaper.text("\ufdd0")).isEqualTo("&#xfdd0;");
    assertThat(HtmlEscaper.text("\ufdef")).isEqualTo("&#xfdef;");
    assertThat(HtmlEscaper.text("\ufdf0")).isEqualTo("\ufdf0");
    assertThat(HtmlEscaper.text("\ufffd")).isEqualTo("\ufffd");
    assertThat(HtmlEscaper.text("\ud83f\udffe")).isEqualTo("&#x1fffe;");
    assertThat(HtmlEscaper.text("\ud83f\udffd")).isEqualTo("\ud83f\udffd");
    assertThat(Unicode.isNoncharacter(0x10ffff)).isTrue();
    assertThat(Unicode.isNoncharacter(0x10fffd)).isFalse();
  }

  /** The message names the character, its index and the context, and never echoes the text. */
  @Test
  void unescapableTextNamesWhatAndWhere() {
    assertThatThrownBy(() -> HtmlEscaper.text("ab\u0000"))
        .isInstanceOfSatisfying(UnescapableTextException.class, e -> {
          assertThat(e.index()).isEqualTo(2);
          assertThat(e.form()).isEqualTo(EscapeForm.HTML);
          assertThat(e.getMessage()).contains("U+0000 (NUL)", "index 2", EscapeForm.HTML.description());
        });
    assertThatThrownBy(() -> HtmlEscaper.attribute("a\ud800"))
        .isInstanceOfSatisfying(UnescapableTextException.class, e -> {
          assertThat(e.index()).isEqualTo(1);
          assertThat(e.getMessage()).contains("a lone surrogate", "index 1").doesNotContain("U+0000");
        });
    assertThat(EscapeForm.HTML.description()).isNotBlank();
  }
}
