package dev.hostpolicy.testkit.token;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hostpolicy.api.Decision;
import dev.hostpolicy.core.token.TokenFormat;
import dev.hostpolicy.testkit.TokenArbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The checksum of the prefixed format rejects every single-character corruption and every truncation
 * or extension — checked exhaustively per generated token: every position, every replacement from
 * printable ASCII plus controls and look-alikes.
 */
class ChecksumProperties {
  private static final String REPLACEMENTS;

  static {
    StringBuilder sb = new StringBuilder();
    for (char c = 0x20; c < 0x7f; c++) {
      sb.append(c);
    }
    sb.append("\u0000\t\n\r\u007f\u00a0\u00e9\u0410\u0430\u041e\u043e\u200b\ufeff\uff21");
    REPLACEMENTS = sb.toString();
  }

  @Property(tries = 60)
  void everySingleCharacterSubstitutionIsRejected(@ForAll("prefixedTokens") String token) {
    TokenFormat format = formatOf(token);
    assertThat(format.isValid(token)).isTrue();
    char[] chars = token.toCharArray();
    int checked = 0;
    for (int i = 0; i < chars.length; i++) {
      char original = chars[i];
      for (int r = 0; r < REPLACEMENTS.length(); r++) {
        char c = REPLACEMENTS.charAt(r);
        if (c == original) {
          continue;
        }
        chars[i] = c;
        Decision d = format.check(new String(chars));
        assertThat(d.denied()).as("position %d replaced by U+%04X", i, (int) c).isTrue();
        assertThat(d.reason()).isIn("token.malformed", "token.checksum-mismatch");
        checked++;
      }
      chars[i] = original;
    }
    assertThat(checked).isGreaterThan(chars.length * 90);
  }

  @Property(tries = 100)
  void everyTruncationExtensionAndDeletionIsRejected(@ForAll("prefixedTokens") String token, @ForAll("appendix") char extra) {
    TokenFormat format = formatOf(token);
    for (int n = 0; n < token.length(); n++) {
      assertThat(format.isValid(token.substring(0, n))).as("cut to %d", n).isFalse();
      assertThat(format.isValid(token.substring(0, n) + token.substring(n + 1))).as("delete %d", n).isFalse();
      assertThat(format.isValid(token.substring(0, n) + extra + token.substring(n))).as("insert at %d", n).isFalse();
    }
    assertThat(format.isValid(token + extra)).isFalse();
  }

  /** Swapping two adjacent different characters (a common typo) is rejected as well. */
  @Property(tries = 100)
  void adjacentTranspositionsAreRejected(@ForAll("prefixedTokens") String token) {
    TokenFormat format = formatOf(token);
    for (int i = 0; i + 1 < token.length(); i++) {
      if (token.charAt(i) == token.charAt(i + 1)) {
        continue;
      }
      String swapped = token.substring(0, i) + token.charAt(i + 1) + token.charAt(i) + token.substring(i + 2);
      assertThat(format.isValid(swapped)).as("swap %d", i).isFalse();
    }
  }

  private static TokenFormat formatOf(String token) {
    return TokenFormat.prefixed(token.substring(0, token.indexOf('_')));
  }

  @Provide
  Arbitrary<String> prefixedTokens() {
    return TokenArbitraries.prefixedTokens();
  }

  @Provide
  Arbitrary<Character> appendix() {
    return net.jqwik.api.Arbitraries.of('A', 'z', '0', '_', '-', '=', ' ', '.');
  }
}
