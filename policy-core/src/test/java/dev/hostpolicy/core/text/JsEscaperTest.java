package dev.hostpolicy.core.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class JsEscaperTest {

  @Test
  void plainTextIsReturnedAsIs() {
    String s = "Hello, world — caf\u00e9 \ud83d\ude00 1+1=2 a/b";
    assertThat(JsEscaper.stringContent(s)).isSameAs(s);
  }

  @Test
  void quotesBackslashAndHtmlSignificantCharacters() {
    assertThat(JsEscaper.stringContent("\\'\"`$<>&"))
        .isEqualTo("\\\\\\x27\\x22\\x60\\x24\\x3c\\x3e\\x26");
  }

  @Test
  void scriptBreakoutsCannotAppear() {
    String out = JsEscaper.stringContent("</script><script>alert(1)</script><!-- -->]]>");
    assertThat(out).doesNotContain("</script").doesNotContain("<!--").doesNotContain("-->").doesNotContain("]]>")
        .doesNotContain("<").doesNotContain(">");
    assertThat(out).isEqualTo("\\x3c/script\\x3e\\x3cscript\\x3ealert(1)\\x3c/script\\x3e\\x3c!-- --\\x3e]]\\x3e");
  }

  @Test
  void controlsAndLineTerminators() {
    assertThat(JsEscaper.stringContent("\n\r\t")).isEqualTo("\\n\\r\\t");
    assertThat(JsEscaper.stringContent("\u0000" + "1")).isEqualTo("\\x001");
    assertThat(JsEscaper.stringContent("\u0001\u001f\u007f")).isEqualTo("\\x01\\x1f\\x7f");
    assertThat(JsEscaper.stringContent("\u0080\u0085\u009f")).isEqualTo("\\x80\\x85\\x9f");
    assertThat(JsEscaper.stringContent("a\u2028b\u2029c")).isEqualTo("a\\u2028b\\u2029c");
  }

  @Test
  void invisibleAndBidiCharactersBecomeVisibleEscapes() {
    assertThat(JsEscaper.stringContent("\ufeff\u202e\u200b\u2066")).isEqualTo("\\ufeff\\u202e\\u200b\\u2066");
    // U+E0041 TAG LATIN CAPITAL LETTER A (ASCII smuggling), as its surrogate pair
    assertThat(JsEscaper.stringContent(new String(Character.toChars(0xE0041)))).isEqualTo("\\udb40\\udc41");
  }

  @Test
  void noncharactersAreEscaped() {
    assertThat(JsEscaper.stringContent("\uffff\ufffe\ufdd0\ud83f\udfff")).isEqualTo("\\uffff\\ufffe\\ufdd0\\ud83f\\udfff");
  }

  @Test
  void loneSurrogateIsAnError() {
    assertThatThrownBy(() -> JsEscaper.stringContent("ok\ud800"))
        .isInstanceOfSatisfying(UnescapableTextException.class, e -> {
          assertThat(e.reason()).isEqualTo("escape.lone-surrogate");
          assertThat(e.index()).isEqualTo(2);
        });
    assertThatThrownBy(() -> JsEscaper.stringContent("<\udc00")).isInstanceOf(UnescapableTextException.class);
  }
}
