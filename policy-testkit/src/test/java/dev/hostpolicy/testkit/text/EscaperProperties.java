package dev.hostpolicy.testkit.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hostpolicy.core.text.EscapeForm;
import dev.hostpolicy.core.text.JsEscaper;
import dev.hostpolicy.core.text.ShellEscaper;
import dev.hostpolicy.core.text.UnescapableTextException;
import dev.hostpolicy.testkit.TextArbitraries;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * In-process properties of every escaper: total over valid Unicode (only NUL may be refused, and
 * only where the context cannot carry it), a lone surrogate is always refused, and the outputs
 * have the shape each context needs. The real interpreters are the oracles of the *OracleIT
 * tests; these properties shrink a failure to a small example.
 */
class EscaperProperties {
  private static final Set<EscapeForm> REFUSE_NUL =
      EnumSet.of(EscapeForm.SHELL, EscapeForm.SHELL_DQ, EscapeForm.HTML, EscapeForm.ATTR, EscapeForm.SED, EscapeForm.SED_REGEX);

  @Provide
  Arbitrary<String> text() {
    return TextArbitraries.hostileText();
  }

  @Provide
  Arbitrary<String> lone() {
    return TextArbitraries.textWithLoneSurrogate();
  }

  @Property(tries = 3000)
  void totalOverValidUnicode(@ForAll("text") String s, @ForAll EscapeForm form) {
    int nul = s.indexOf('\0');
    if (nul >= 0 && REFUSE_NUL.contains(form)) {
      assertThatThrownBy(() -> form.escape(s)).isInstanceOfSatisfying(UnescapableTextException.class, e -> {
        assertThat(e.reason()).isEqualTo(UnescapableTextException.NUL);
        assertThat(e.index()).isEqualTo(nul);
        assertThat(e.form()).isEqualTo(form);
      });
    } else {
      String out = form.escape(s);
      assertThat(out.codePoints().noneMatch(cp -> cp >= 0xd800 && cp <= 0xdfff)).isTrue();
    }
  }

  @Property(tries = 2000)
  void aLoneSurrogateIsAlwaysRefused(@ForAll("lone") String s, @ForAll EscapeForm form) {
    int nul = s.indexOf('\0');
    assertThatThrownBy(() -> form.escape(s)).isInstanceOfSatisfying(UnescapableTextException.class, e -> {
      assertThat(e.reason()).isIn(UnescapableTextException.LONE_SURROGATE, UnescapableTextException.NUL);
      if (e.reason().equals(UnescapableTextException.NUL)) {
        assertThat(REFUSE_NUL).contains(form);
        assertThat(e.index()).isEqualTo(nul);
      } else {
        char c = s.charAt(e.index());
        assertThat(Character.isSurrogate(c)).isTrue();
      }
    });
  }

  @Property(tries = 3000)
  void jsOutputHasNoBreakoutAndOnlyKnownEscapes(@ForAll("text") String s) {
    String out = JsEscaper.stringContent(s);
    String lower = out.toLowerCase(Locale.ROOT);
    assertThat(lower).doesNotContain("</script").doesNotContain("<!--").doesNotContain("-->").doesNotContain("]]>");
    assertThat(out).doesNotContain("'", "\"", "`", "$", "<", ">", "&", "\u2028", "\u2029", "\n", "\r");
    assertThat(out.chars().noneMatch(c -> c < 0x20 || (c >= 0x7f && c <= 0x9f))).isTrue();
    assertThat(JsStringDecoder.decode(out)).isEqualTo(s);
  }

  @Property(tries = 3000)
  void shellWordsParseBackAndDoubleQuotedTextHasNoActiveCharacter(@ForAll("text") String raw) {
    String s = raw.replace("\0", "");
    String word = ShellEscaper.word(s);
    assertThat(PosixWord.parse(word)).isEqualTo(s);
    String dq = ShellEscaper.insideDoubleQuotes(s);
    assertThat(PosixWord.parse("\"" + dq + "\"")).isEqualTo(s);
  }
}
