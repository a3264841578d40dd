package dev.hostpolicy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EscapeCommandTest {

  private static CliRun stdin(String text, String... args) {
    return CliRun.run(Map.of(), text.getBytes(StandardCharsets.UTF_8), args);
  }

  @Test
  void everyFormPrintsExactBytesWithoutNewline() {
    String t = "it's \"$HOME\" <b>&</b> `x`\n";
    assertThat(CliRun.run("escape", "shell", t).out()).isEqualTo("'it'\\''s \"$HOME\" <b>&</b> `x`\n'");
    assertThat(CliRun.run("escape", "shell-dq", t).out()).isEqualTo("it's \\\"\\$HOME\\\" <b>&</b> \\`x\\`\n");
    assertThat(CliRun.run("escape", "js", t).out())
        .isEqualTo("it\\x27s \\x22\\x24HOME\\x22 \\x3cb\\x3e\\x26\\x3c/b\\x3e \\x60x\\x60\\n");
    assertThat(CliRun.run("escape", "html", t).out()).isEqualTo("it&#39;s &#34;$HOME&#34; &lt;b&gt;&amp;&lt;/b&gt; `x`\n");
    assertThat(CliRun.run("escape", "attr", t).out()).isEqualTo("it&#39;s &#34;$HOME&#34; &lt;b&gt;&amp;&lt;/b&gt; `x`&#10;");
    assertThat(CliRun.run("escape", "yaml", t).out()).isEqualTo("\"it's \\\"$HOME\\\" <b>&</b> `x`\\n\"");
    assertThat(CliRun.run("escape", "sed", t).out()).isEqualTo("it's \"$HOME\" <b>\\&<\\/b> `x`\\\n");
    assertThat(CliRun.run("escape", "sed-regex", "a.b*").out()).isEqualTo("a\\.b\\*");
    for (String form : new String[] {"shell", "shell-dq", "js", "html", "attr", "yaml", "sed"}) {
      assertThat(CliRun.run("escape", form, t).exit()).isZero();
    }
  }

  @Test
  void emptyTextAndSafeWords() {
    assertThat(CliRun.run("escape", "shell", "").out()).isEqualTo("''");
    assertThat(CliRun.run("escape", "shell", "plain-word").out()).isEqualTo("plain-word");
    assertThat(CliRun.run("escape", "yaml", "").out()).isEqualTo("\"\"");
    assertThat(CliRun.run("escape", "js", "").stdout()).isEmpty();
  }

  @Test
  void stdinIsReadByteForByteWhenTextIsAbsent() {
    CliRun r = stdin("line1\r\nline2\n\n", "escape", "shell");
    assertThat(r.exit()).isZero();
    assertThat(r.out()).isEqualTo("'line1\r\nline2\n\n'");
    assertThat(stdin("\ufeffbom", "escape", "yaml").out()).isEqualTo("\"\\ufeffbom\"");
    assertThat(stdin("", "escape", "shell").out()).isEqualTo("''");
  }

  @Test
  void textThatLooksLikeAnOptionIsText() {
    assertThat(CliRun.run("escape", "shell", "-rf").out()).isEqualTo("-rf");
    assertThat(CliRun.run("escape", "shell", "--upload-pack=x y").out()).isEqualTo("'--upload-pack=x y'");
    assertThat(CliRun.run("escape", "shell", "--", "--").out()).isEqualTo("--");
    assertThat(CliRun.run("escape", "html", "-h").out()).isEqualTo("-h");
    assertThat(CliRun.run("escape", "shell", "@/etc/hostname").out()).isEqualTo("@/etc/hostname");
  }

  @Test
  void invalidUtf8OnStdinExitsTwoPrintingNothing() {
    for (byte[] bad : new byte[][] {{(byte) 0xff}, {'a', (byte) 0xc3}, {(byte) 0xed, (byte) 0xa0, (byte) 0x80},
        {(byte) 0xc0, (byte) 0xaf}, {(byte) 0xf4, (byte) 0x90, (byte) 0x80, (byte) 0x80}}) {
      CliRun r = CliRun.run(Map.of(), bad, "escape", "js");
      assertThat(r.exit()).isEqualTo(2);
      assertThat(r.stdout()).isEmpty();
      assertThat(r.stderr()).contains("not valid UTF-8");
    }
  }

  @Test
  void nulAndLoneSurrogatesExitTwoNamingTheReason() {
    CliRun nul = stdin("a\u0000b", "escape", "shell");
    assertThat(nul.exit()).isEqualTo(2);
    assertThat(nul.stdout()).isEmpty();
    assertThat(nul.stderr()).contains("escape.nul").contains("index 1");
    assertThat(stdin("a\u0000b", "escape", "shell-dq").exit()).isEqualTo(2);
    assertThat(stdin("a\u0000b", "escape", "sed").exit()).isEqualTo(2);
    assertThat(stdin("a\u0000b", "escape", "html").exit()).isEqualTo(2);
    assertThat(stdin("a\u0000b", "escape", "js").out()).isEqualTo("a\\x00b");
    assertThat(stdin("a\u0000b", "escape", "yaml").out()).isEqualTo("\"a\\0b\"");
    CliRun lone = CliRun.run("escape", "js", "x\ud800");
    assertThat(lone.exit()).isEqualTo(2);
    assertThat(lone.stderr()).contains("escape.lone-surrogate");
  }

  @Test
  void helpInPlaceOfTheFormButNeverInPlaceOfTheText() {
    CliRun help = CliRun.run("escape", "--help");
    assertThat(help.exit()).isZero();
    assertThat(help.out()).contains("Usage: hostpolicy escape FORM [TEXT]");
    assertThat(CliRun.run("escape", "shell", "--help").out()).isEqualTo("--help");
    assertThat(CliRun.run("validate", "git-url", "--help").exit()).isEqualTo(3);
  }

  @Test
  void usageErrors() {
    CliRun unknown = CliRun.run("escape", "bash", "x");
    assertThat(unknown.exit()).isEqualTo(2);
    assertThat(unknown.stderr()).contains("shell-dq").contains("sed");
    assertThat(CliRun.run("escape").exit()).isEqualTo(2);
    assertThat(CliRun.run("escape", "shell", "a", "b").exit()).isEqualTo(2);
  }
}
