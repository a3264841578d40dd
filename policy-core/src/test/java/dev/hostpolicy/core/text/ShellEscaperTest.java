package dev.hostpolicy.core.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ShellEscaperTest {

  @Test
  void safeWordsStayBare() {
    assertThat(ShellEscaper.word("release-1.2/notes.txt")).isEqualTo("release-1.2/notes.txt");
    assertThat(ShellEscaper.word("user@host:/srv,a+b%c_d")).isEqualTo("user@host:/srv,a+b%c_d");
  }

  @Test
  void everythingElseIsSingleQuoted() {
    assertThat(ShellEscaper.word("")).isEqualTo("''");
    assertThat(ShellEscaper.word("a b")).isEqualTo("'a b'");
    assertThat(ShellEscaper.word("it's")).isEqualTo("'it'\\''s'");
    assertThat(ShellEscaper.word("'")).isEqualTo("''\\'''");
    assertThat(ShellEscaper.word("''")).isEqualTo("''\\'''\\'''");
    assertThat(ShellEscaper.word("a\nb")).isEqualTo("'a\nb'");
  }

  @Test
  void assignmentsTildesAndGlobsAreQuoted() {
    assertThat(ShellEscaper.word("A=1")).isEqualTo("'A=1'");
    assertThat(ShellEscaper.word("~root")).isEqualTo("'~root'");
    assertThat(ShellEscaper.word("*")).isEqualTo("'*'");
    assertThat(ShellEscaper.word("{a,b}")).isEqualTo("'{a,b}'");
    assertThat(ShellEscaper.word("caf\u00e9")).isEqualTo("'caf\u00e9'");
  }

  /** The attack corpus of the issue: each comes out as one inert word. */
  @Test
  void attackCorpus() {
    assertThat(ShellEscaper.word("$(whoami)")).isEqualTo("'$(whoami)'");
    assertThat(ShellEscaper.word("`id`")).isEqualTo("'`id`'");
    assertThat(ShellEscaper.word("x; rm -rf /")).isEqualTo("'x; rm -rf /'");
    assertThat(ShellEscaper.word("\"$(whoami)\"")).isEqualTo("'\"$(whoami)\"'");
    assertThat(ShellEscaper.word("!event")).isEqualTo("'!event'");
    assertThat(ShellEscaper.word("\ufeffbom")).isEqualTo("'\ufeffbom'");
    assertThat(ShellEscaper.word("\u202eevil")).isEqualTo("'\u202eevil'");
    assertThat(ShellEscaper.word("zero\u200bwidth")).isEqualTo("'zero\u200bwidth'");
  }

  @Test
  void doubleQuotedContextEscapesExactlyFourCharacters() {
    assertThat(ShellEscaper.insideDoubleQuotes("a\\b\"c$d`e")).isEqualTo("a\\\\b\\\"c\\$d\\`e");
    assertThat(ShellEscaper.insideDoubleQuotes("!event 'x' \n\r\t~*?")).isEqualTo("!event 'x' \n\r\t~*?");
    assertThat(ShellEscaper.insideDoubleQuotes("\"$(whoami)\"")).isEqualTo("\\\"\\$(whoami)\\\"");
    assertThat(ShellEscaper.insideDoubleQuotes("plain")).isSameAs("plain");
  }

  @Test
  void newlinesAreKeptNeverDeletedOrContinued() {
    assertThat(ShellEscaper.insideDoubleQuotes("line1\nline2\n")).isEqualTo("line1\nline2\n");
    assertThat(ShellEscaper.insideDoubleQuotes("ends with backslash\\\n")).isEqualTo("ends with backslash\\\\\n");
  }

  @Test
  void nulIsAnErrorWithItsIndex() {
    assertThatThrownBy(() -> ShellEscaper.word("a\u0000b"))
        .isInstanceOfSatisfying(UnescapableTextException.class, e -> {
          assertThat(e.reason()).isEqualTo("escape.nul");
          assertThat(e.index()).isEqualTo(1);
          assertThat(e.form()).isEqualTo(EscapeForm.SHELL);
        });
    assertThatThrownBy(() -> ShellEscaper.insideDoubleQuotes("\u0000"))
        .isInstanceOfSatisfying(UnescapableTextException.class, e -> assertThat(e.reason()).isEqualTo("escape.nul"));
  }

  @Test
  void loneSurrogatesAreErrorsButPairsAreText() {
    assertThat(ShellEscaper.word("\ud83d\ude00")).isEqualTo("'\ud83d\ude00'");
    for (String bad : new String[] {"\ud83d", "\ude00", "a\ud83db", "\ude00\ud83d", "x\ud83d"}) {
      assertThatThrownBy(() -> ShellEscaper.word(bad)).isInstanceOfSatisfying(UnescapableTextException.class,
          e -> assertThat(e.reason()).isEqualTo("escape.lone-surrogate"));
      assertThatThrownBy(() -> ShellEscaper.insideDoubleQuotes(bad)).isInstanceOf(UnescapableTextException.class);
    }
  }

  @Test
  void theMessageNeverEchoesTheText() {
    assertThatThrownBy(() -> ShellEscaper.word("secret-value\u0000"))
        .hasMessageNotContaining("secret-value")
        .hasMessageContaining("index 12");
  }
}
