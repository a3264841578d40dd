package dev.hostpolicy.testkit.token;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hostpolicy.core.token.TokenFormat;
import dev.hostpolicy.core.token.TokenMint;
import dev.hostpolicy.testkit.TokenArbitraries;
import java.util.Base64;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class TokenMintProperties {
  private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_-]{43}");

  /** The property: 10^5 minted tokens match the grammar and none repeats. */
  @Example
  void aHundredThousandMintedTokensMatchTheGrammarAndNeverRepeat() {
    Set<String> seen = new HashSet<>(200_000);
    for (int i = 0; i < 100_000; i++) {
      String t = TokenMint.mint().revealUtf8();
      assertThat(PLAIN.matcher(t).matches()).as(t).isTrue();
      assertThat(TokenFormat.plain().isValid(t)).isTrue();
      assertThat(seen.add(t)).as("repeat after %d draws", i).isTrue();
    }
  }

  /** The same for the prefixed form, over fewer draws (the checksum is the extra part). */
  @Example
  void twentyThousandPrefixedTokensAreValidAndDistinct() {
    TokenFormat hp = TokenFormat.prefixed("hp");
    Pattern scanner = Pattern.compile(hp.scannerRegex());
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 20_000; i++) {
      String t = hp.mint().revealUtf8();
      assertThat(hp.isValid(t)).isTrue();
      assertThat(scanner.matcher(t).matches()).isTrue();
      assertThat(seen.add(t)).isTrue();
    }
  }

  /** Every 32-byte value has exactly one plain token, which decodes back to it. */
  @Property(tries = 500)
  void plainTokensRoundTripTheirBytes(@ForAll("tokenBytes") byte[] bytes) {
    String t = TokenFormat.plain().tokenFor(bytes).revealUtf8();
    assertThat(TokenFormat.plain().isValid(t)).isTrue();
    assertThat(Base64.getUrlDecoder().decode(t)).isEqualTo(bytes);
  }

  /** Generated prefixes and bodies always make valid prefixed tokens that carry the body. */
  @Property(tries = 500)
  void prefixedTokensAreValidForTheirPrefixOnly(@ForAll("prefixes") String prefix, @ForAll("tokenBytes") byte[] bytes) {
    String t = TokenFormat.prefixed(prefix).tokenFor(bytes).revealUtf8();
    assertThat(TokenFormat.prefixed(prefix).isValid(t)).isTrue();
    assertThat(t).startsWith(prefix + "_").hasSize(prefix.length() + 1 + 43 + 6);
    assertThat(Base64.getUrlDecoder().decode(t.substring(prefix.length() + 1, prefix.length() + 44))).isEqualTo(bytes);
    assertThat(TokenFormat.prefixed(prefix + "x").isValid(t)).isFalse();
    assertThat(TokenFormat.plain().isValid(t)).isFalse();
  }

  @Provide
  Arbitrary<byte[]> tokenBytes() {
    return TokenArbitraries.tokenBytes();
  }

  @Provide
  Arbitrary<String> prefixes() {
    return TokenArbitraries.tokenPrefixes().filter(p -> p.length() < 16);
  }
}
