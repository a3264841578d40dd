package dev.hostpolicy.core.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

class HtmlEscaperTest {

  @Test
  void theFiveSignificantCharacters() {
    assertThat(HtmlEscaper.text("<a href=\"x\">Tom & 'Jerry'</a>"))
        .isEqualTo("&lt;a href=&#34;x&#34;&gt;Tom &amp; &#39;Jerry&#39;&lt;/a&gt;");
    assertThat(HtmlEscaper.attribute("\" onmouseover='alert(1)'"))
        .isEqualTo("&#34; onmouseover=&#39;alert(1)&#39;");
  }

  @Test
  void plainTextIsReturnedAsIs() {
    String s = "caf\u00e9 \ud83d\ude00 a/b = c";
    assertThat(HtmlEscaper.text(s)).isSameAs(s);
  }

  @Test
  void carriageReturnIsAReferenceBecauseTheParserWouldNormaliseIt() {
    assertThat(HtmlEscaper.text("a\r\nb")).isEqualTo("a&#13;\nb");
    assertThat(HtmlEscaper.attribute("a\r\n\tb")).isEqualTo("a&#13;&#10;&#9;b");
  }

  @Test
  void c0ControlsAreReferencesButC1StayRawBecauseReferencesRemapThem() {
    assertThat(HtmlEscaper.text("\u0001\u001b\u007f")).isEqualTo("&#1;&#27;&#127;");
    assertThat(HtmlEscaper.text("\u0080\u0085\u009f")).isEqualTo("\u0080\u0085\u009f");
    // WHATWG HTML "numeric character reference end state": &#x80; is the euro sign
    assertThat(Jsoup.parse("<p>&#x80;</p>").selectFirst("p").text()).isEqualTo("\u20ac");
  }

  @Test
  void noncharactersBecomeHexReferences() {
    assertThat(HtmlEscaper.text("a\uffffb\ufffe\ufdd0")).isEqualTo("a&#xffff;b&#xfffe;&#xfdd0;");
    assertThat(HtmlEscaper.attribute("\ud83f\udfff")).isEqualTo("&#x1ffff;");
    assertThat(Jsoup.parse("<p>a&#xffff;b</p>").selectFirst("p").text()).isEqualTo("a\uffffb");
  }

  @Test
  void nulCannotBeExpressed() {
    assertThatThrownBy(() -> HtmlEscaper.text("a\u0000"))
        .isInstanceOfSatisfying(UnescapableTextException.class, e -> {
          assertThat(e.reason()).isEqualTo("escape.nul");
          assertThat(e.form()).isEqualTo(EscapeForm.HTML);
        });
    assertThatThrownBy(() -> HtmlEscaper.attribute("\u0000")).isInstanceOf(UnescapableTextException.class);
  }

  @Test
  void loneSurrogateIsAnError() {
    assertThatThrownBy(() -> HtmlEscaper.text("\udfff")).isInstanceOfSatisfying(UnescapableTextException.class,
        e -> assertThat(e.reason()).isEqualTo("escape.lone-surrogate"));
  }

  @Test
  void attackCorpusRoundTripsThroughAnHtml5Parser() {
    String[] corpus = {"<script>alert(1)</script>", "<!-- x -->", "\"><img src=x onerror=alert(1)>",
        "' autofocus onfocus='alert(1)", "&lt;already&gt;", "&amp;", "\ufeffbom", "\u202eevil", "zero\u200bwidth",
        "$(whoami) `id` ; rm -rf / !event", "a\r\nb", "\u0085\u2028"};
    for (String s : corpus) {
      Document d = Jsoup.parse("<p id=t>" + HtmlEscaper.text(s) + "</p><p id=a title=\"" + HtmlEscaper.attribute(s)
          + "\" data-x='" + HtmlEscaper.attribute(s) + "'>x</p>");
      assertThat(d.getElementById("t").wholeText()).isEqualTo(s);
      assertThat(d.getElementById("a").attr("title")).isEqualTo(s);
      assertThat(d.getElementById("a").attr("data-x")).isEqualTo(s);
      assertThat(d.getElementById("t").children()).isEmpty();
    }
  }
}
