package dev.hostpolicy.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class ConstantTimeProperties {

  @Property
  void bytesEqualIffArraysEqual(@ForAll("pairs") byte[][] pair) {
    assertThat(ConstantTime.equals(pair[0], pair[1])).isEqualTo(Arrays.equals(pair[0], pair[1]));
  }

  @Property
  void charsEqualIffStringsEqual(@ForAll("stringPairs") String[] pair) {
    assertThat(ConstantTime.equals(pair[0], pair[1])).isEqualTo(pair[0].equals(pair[1]));
  }

  @Property
  void latin1BytesEqualTextIffSameChars(@ForAll("stringPairs") String[] pair) {
    String a = pair[0].chars().mapToObj(c -> String.valueOf((char) (c & 0xff))).reduce("", String::concat);
    byte[] bytes = a.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    assertThat(ConstantTime.equalsLatin1(bytes, pair[1])).isEqualTo(a.equals(pair[1]));
    assertThat(ConstantTime.equalsLatin1(bytes, a)).isTrue();
    assertThat(ConstantTime.equalsLatin1(bytes, new StringBuilder(a))).isTrue();
  }

  @Example
  void latin1DoesNotFoldWideChars() {
    // U+0141 and U+0041 share the low byte; only the exact char matches
    assertThat(ConstantTime.equalsLatin1(new byte[] {0x41}, "\u0141")).isFalse();
    assertThat(ConstantTime.equalsLatin1(new byte[] {(byte) 0xe9}, "\u00e9")).isTrue();
    assertThat(ConstantTime.equalsLatin1(new byte[] {1}, null)).isFalse();
    assertThat(ConstantTime.equalsLatin1(new byte[0], null)).isTrue();
    assertThat(ConstantTime.equalsLatin1(new byte[] {0}, "\u0000\u0000")).isFalse();
  }

  @Example
  void nullCandidateIsEmpty() {
    assertThat(ConstantTime.equals(new byte[] {1}, null)).isFalse();
    assertThat(ConstantTime.equals(new byte[0], null)).isTrue();
    assertThat(ConstantTime.equals("a", null)).isFalse();
    assertThatThrownBy(() -> ConstantTime.equals((byte[]) null, new byte[0])).isInstanceOf(NullPointerException.class);
  }

  @Example
  void candidateThatIsAPrefixOrExtensionDiffers() {
    byte[] expected = {1, 2, 3, 4};
    assertThat(ConstantTime.equals(expected, new byte[] {1, 2, 3})).isFalse();
    assertThat(ConstantTime.equals(expected, new byte[] {1, 2, 3, 4, 0})).isFalse();
    // a candidate whose extra bytes would cancel the length difference must still fail
    assertThat(ConstantTime.equals(new byte[] {0}, new byte[] {0, 0})).isFalse();
    assertThat(ConstantTime.equals(new byte[] {0, 0}, new byte[] {0})).isFalse();
  }

  /** Pairs with equal prefixes, different lengths, empties, and exact copies. */
  @Provide
  Arbitrary<byte[][]> pairs() {
    Arbitrary<byte[]> bytes = Arbitraries.bytes().array(byte[].class).ofMaxSize(48);
    Arbitrary<byte[][]> random = Combinators.combine(bytes, bytes).as((a, b) -> new byte[][] {a, b});
    Arbitrary<byte[][]> copies = bytes.map(a -> new byte[][] {a, a.clone()});
    Arbitrary<byte[][]> oneFlip =
        Combinators.combine(bytes.filter(a -> a.length > 0), Arbitraries.integers().between(0, 47), Arbitraries.integers().between(0, 7))
            .as((a, i, bit) -> {
              byte[] b = a.clone();
              b[i % b.length] ^= (byte) (1 << bit);
              return new byte[][] {a, b};
            });
    Arbitrary<byte[][]> prefix =
        Combinators.combine(bytes, Arbitraries.integers().between(0, 48))
            .as((a, n) -> new byte[][] {a, Arrays.copyOf(a, Math.min(n, a.length + 3))});
    return Arbitraries.oneOf(random, copies, oneFlip, prefix);
  }

  @Provide
  Arbitrary<String[]> stringPairs() {
    Arbitrary<String> s = Arbitraries.strings().ofMaxLength(40);
    return Arbitraries.oneOf(
        Combinators.combine(s, s).as((a, b) -> new String[] {a, b}),
        s.map(a -> new String[] {a, new String(a.toCharArray())}),
        Combinators.combine(s, Arbitraries.strings().ofMaxLength(3)).as((a, b) -> new String[] {a, a + b}));
  }
}
