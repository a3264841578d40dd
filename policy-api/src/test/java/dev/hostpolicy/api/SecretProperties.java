package dev.hostpolicy.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** {@link Secret#matches(CharSequence)} agrees with the JDK's strict UTF-8 encoder as the oracle. */
class SecretProperties {

  /** The JDK's encoding with REPORT on malformed input; empty for text with a lone surrogate. */
  static Optional<byte[]> strictUtf8(String text) {
    try {
      ByteBuffer b = StandardCharsets.UTF_8.newEncoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .encode(CharBuffer.wrap(text));
      byte[] out = new byte[b.remaining()];
      b.get(out);
      return Optional.of(out);
    } catch (CharacterCodingException e) {
      return Optional.empty();
    }
  }

  @Property(tries = 3000)
  void matchesIffTheStrictEncodingIsEqual(@ForAll("pairs") String[] pair) {
    Optional<byte[]> secretBytes = strictUtf8(pair[0]).filter(b -> b.length > 0);
    if (secretBytes.isEmpty()) {
      return;
    }
    Secret s = Secret.of(secretBytes.get());
    Optional<byte[]> candidate = strictUtf8(pair[1]);
    boolean expected = candidate.isPresent() && Arrays.equals(candidate.get(), secretBytes.get());
    assertThat(s.matches(pair[1])).isEqualTo(expected);
    assertThat(s.matches(new StringBuilder(pair[1]))).isEqualTo(expected);
    assertThat(s.matches(pair[0])).isTrue();
  }

  /** Texts over ASCII, 2-, 3- and 4-byte characters, lone surrogates and '?', paired with copies and near misses. */
  @Provide
  Arbitrary<String[]> pairs() {
    Arbitrary<String> unit = Arbitraries.of("a", "?", "\u0000", "\u007f", "\u0080", "é", "\u07ff", "\u0800", "€", "\uffff",
        "\ud83d\udd11", "\udbff\udfff", "\ud800", "\udc00");
    Arbitrary<String> text = unit.list().ofMaxSize(12).map(l -> String.join("", l));
    return Arbitraries.oneOf(
        Combinators.combine(text, text).as((a, b) -> new String[] {a, b}),
        text.map(a -> new String[] {a, new String(a.toCharArray())}),
        Combinators.combine(text, unit).as((a, u) -> new String[] {a, a + u}),
        Combinators.combine(text, unit).as((a, u) -> new String[] {a + u, a}),
        text.map(a -> new String[] {a.replace("?", "\ud800"), a}),
        text.map(a -> new String[] {a, a.replace("?", "\ud800")}));
  }
}
