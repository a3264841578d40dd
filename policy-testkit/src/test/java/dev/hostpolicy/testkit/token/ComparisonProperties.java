package dev.hostpolicy.testkit.token;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hostpolicy.api.ConstantTime;
import dev.hostpolicy.api.Secret;
import dev.hostpolicy.testkit.TokenArbitraries;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * {@link ConstantTime} and {@link Secret#matches} are true exactly when the bytes are equal, with
 * {@link Arrays#equals} and {@link MessageDigest#isEqual} as oracles, over pairs with equal prefixes,
 * different lengths, single flipped bits and empties.
 */
class ComparisonProperties {

  @Property(tries = 2000)
  void bytesCompareEqualIffEqual(@ForAll("pairs") byte[][] pair) {
    boolean equal = Arrays.equals(pair[0], pair[1]);
    assertThat(ConstantTime.equals(pair[0], pair[1])).isEqualTo(equal);
    assertThat(ConstantTime.equals(pair[0], pair[1])).isEqualTo(MessageDigest.isEqual(pair[0], pair[1]));
    if (pair[0].length > 0) {
      assertThat(Secret.of(pair[0]).matches(pair[1])).isEqualTo(equal);
    }
  }

  @Property(tries = 2000)
  void charsCompareEqualIffEqual(@ForAll("pairs") byte[][] pair) {
    String a = new String(pair[0], StandardCharsets.ISO_8859_1);
    String b = new String(pair[1], StandardCharsets.ISO_8859_1);
    assertThat(ConstantTime.equals(a, b)).isEqualTo(a.equals(b));
    assertThat(ConstantTime.equals(a, new StringBuilder(b))).isEqualTo(a.equals(b));
  }

  @Property(tries = 1000)
  void secretMatchesTextIffUtf8Equal(@ForAll("secrets") String expected, @ForAll("secrets") String other) {
    Secret s = Secret.fromUtf8(expected);
    assertThat(s.matches(expected)).isTrue();
    assertThat(s.matches(other)).isEqualTo(expected.equals(other));
    assertThat(s.matches(expected.substring(0, expected.length() - 1))).isFalse();
    assertThat(s.matches(expected + other.charAt(0))).isFalse();
  }

  @Property(tries = 500)
  void aNullCandidateIsTheEmptyCandidate(@ForAll("pairs") byte[][] pair) {
    assertThat(ConstantTime.equals(pair[0], null)).isEqualTo(pair[0].length == 0);
  }

  @Provide
  Arbitrary<byte[][]> pairs() {
    return TokenArbitraries.byteArrayPairs();
  }

  @Provide
  Arbitrary<String> secrets() {
    return TokenArbitraries.secretLikeValues();
  }
}
