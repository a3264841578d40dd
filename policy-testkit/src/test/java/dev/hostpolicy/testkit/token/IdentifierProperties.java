package dev.hostpolicy.testkit.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hostpolicy.core.token.CorrelationId;
import dev.hostpolicy.core.token.RunId;
import dev.hostpolicy.core.token.TriggerId;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class IdentifierProperties {

  /** The property: generated ids round-trip through parse. */
  @Example
  void generatedIdsRoundTrip() {
    for (int i = 0; i < 2000; i++) {
      TriggerId t = TriggerId.generate();
      CorrelationId c = CorrelationId.generate();
      RunId r = RunId.generate();
      assertThat(TriggerId.parse(t.toString())).isEqualTo(t);
      assertThat(CorrelationId.parse(c.toString())).isEqualTo(c);
      assertThat(RunId.parse(r.toString())).isEqualTo(r);
    }
  }

  /** Any text of the grammar parses back to itself; isValid agrees with parse on any text. */
  @Property(tries = 1000)
  void parseAndIsValidAgree(@ForAll("candidates") String text) {
    check(text, TriggerId::isValid, TriggerId::parse, "[A-Za-z0-9_-]{24}");
    check(text, CorrelationId::isValid, CorrelationId::parse, "cid_[A-Za-z0-9_-]{16}");
    check(text, RunId::isValid, RunId::parse, "run_[A-Za-z0-9_-]{16}");
  }

  private static void check(String text, java.util.function.Predicate<String> isValid,
      java.util.function.Function<String, Object> parse, String grammar) {
    boolean valid = text.matches(grammar);
    assertThat(isValid.test(text)).as("%s ~ %s", text, grammar).isEqualTo(valid);
    if (valid) {
      assertThat(parse.apply(text).toString()).isEqualTo(text);
    } else {
      assertThatThrownBy(() -> parse.apply(text)).isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Provide
  Arbitrary<String> candidates() {
    Arbitrary<String> body16 = Arbitraries.strings().withChars("ABCxyz019-_").ofLength(16);
    Arbitrary<String> body24 = Arbitraries.strings().withChars("ABCxyz019-_").ofLength(24);
    Arbitrary<String> noisy = Arbitraries.strings().withChars("ABCxyz019-_+/= .\n\u00e9cidrun").ofMinLength(15).ofMaxLength(25);
    return Arbitraries.oneOf(body24, body16.map(b -> "cid_" + b), body16.map(b -> "run_" + b), noisy,
        noisy.map(n -> "cid_" + n), noisy.map(n -> "run_" + n), body16.map(b -> "CID_" + b));
  }
}
