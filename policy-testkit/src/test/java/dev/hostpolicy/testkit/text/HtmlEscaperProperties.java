package dev.hostpolicy.testkit.text;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hostpolicy.core.text.HtmlEscaper;
import dev.hostpolicy.testkit.Samples;
import dev.hostpolicy.testkit.TextArbitraries;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * {@link HtmlEscaper} through a real HTML5 parser (jsoup): element text and attribute values in
 * double and single quotes come back exactly, and the escaped text never opens an element. A
 * property that shrinks, and a batch of 10^5 strings in one document.
 */
class HtmlEscaperProperties {

  @Provide
  Arbitrary<String> text() {
    return TextArbitraries.hostileText().map(s -> s.replace("\0", ""));
  }

  private static String page(List<String> inputs) {
    StringBuilder html = new StringBuilder("<!doctype html><html><body>");
    for (int i = 0; i < inputs.size(); i++) {
      String s = inputs.get(i);
      html.append("<p id=t").append(i).append('>').append(HtmlEscaper.text(s)).append("</p><p id=a").append(i)
          .append(" title=\"").append(HtmlEscaper.attribute(s)).append("\" data-x='").append(HtmlEscaper.attribute(s))
          .append("'>x</p>");
    }
    return html.append("</body></html>").toString();
  }

  private static void check(Document d, List<String> inputs, long seed) {
    org.jsoup.select.Elements children = d.body().children();
    assertThat(children).as("seed %d", seed).hasSize(2 * inputs.size());
    for (int i = 0; i < inputs.size(); i++) {
      String s = inputs.get(i);
      Element t = children.get(2 * i);
      Element a = children.get(2 * i + 1);
      assertThat(t.id()).isEqualTo("t" + i);
      assertThat(a.id()).isEqualTo("a" + i);
      assertThat(t.wholeText()).as("text #%d %s seed %d", i, Oracles.show(s), seed).isEqualTo(s);
      assertThat(t.children()).isEmpty();
      assertThat(a.attr("title")).as("attr #%d %s seed %d", i, Oracles.show(s), seed).isEqualTo(s);
      assertThat(a.attr("data-x")).as("attr' #%d %s seed %d", i, Oracles.show(s), seed).isEqualTo(s);
      assertThat(a.attributes().size()).isEqualTo(3);
    }
  }

  @Property(tries = 3000)
  void roundTripsThroughAnHtml5Parser(@ForAll("text") String s) {
    List<String> one = List.of(s);
    check(Jsoup.parse(page(one)), one, 0);
  }

  @Example
  void aBatchOfOneHundredThousand() {
    long seed = Samples.seed();
    List<String> inputs = new ArrayList<>(Samples.draw(text(), 100_000, seed));
    check(Jsoup.parse(page(inputs)), inputs, seed);
  }
}
