package dev.hostpolicy.core.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hostpolicy.api.Decision;
import dev.hostpolicy.api.Secret;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class TokenFormatTest {

  /** base64url of the bytes 0..31 — body of the vectors below. */
  static final String BODY = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8";

  /**
   * Vectors computed independently with Python's {@code zlib.crc32} and a hand-written base62
   * encoder (alphabet 0-9A-Za-z, 6 digits, most significant first) over {@code "<prefix>_<body>"}.
   */
  static final String HP_VECTOR = "hp_" + BODY + "13ivxD";

  @Test
  void checksumMatchesIndependentlyComputedVectors() {
    assertThat(TokenFormat.prefixed("hp").check(HP_VECTOR)).isEqualTo(Decision.allow());
    assertThat(TokenFormat.prefixed("ghx").isValid("ghx_" + BODY + "3WQpwk")).isTrue();
    assertThat(TokenFormat.prefixed("a").isValid("a_" + BODY + "4gPY6o")).isTrue();
    assertThat(TokenFormat.prefixed("hp").isValid("hp___________________________________________83Z1Cbv")).isTrue();
    assertThat(TokenFormat.checksumOf("hp_" + BODY)).isEqualTo("13ivxD");
  }

  @Test
  void tokenForIsDeterministic() {
    byte[] bytes = new byte[32];
    for (int i = 0; i < 32; i++) {
      bytes[i] = (byte) i;
    }
    assertThat(TokenFormat.prefixed("hp").tokenFor(bytes).revealUtf8()).isEqualTo(HP_VECTOR);
    assertThat(TokenFormat.plain().tokenFor(bytes).revealUtf8()).isEqualTo(BODY);
    assertThatThrownBy(() -> TokenFormat.plain().tokenFor(new byte[31])).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void plainFormatIs43CanonicalBase64UrlCharacters() {
    TokenFormat plain = TokenFormat.plain();
    assertThat(plain.isValid(BODY)).isTrue();
    assertThat(plain.length()).contains(43);
    assertThat(plain.check(BODY.substring(1)).reason()).isEqualTo("token.malformed");
    assertThat(plain.check(BODY + "A").reason()).isEqualTo("token.malformed");
    assertThat(plain.check(BODY.replace('h', '+')).reason()).isEqualTo("token.malformed");
    assertThat(plain.check(BODY.substring(0, 42) + "=").reason()).isEqualTo("token.malformed");
    // '9' (value 61) has low bits set: no 32-byte value encodes to it in the last position
    assertThat(plain.check(BODY.substring(0, 42) + "9").reason()).isEqualTo("token.malformed");
    assertThat(plain.check("").reason()).isEqualTo("token.malformed");
    assertThat(plain.check(null).reason()).isEqualTo("token.malformed");
  }

  @Test
  void prefixedFormatRejectsEachKindOfDamageWithItsCode() {
    TokenFormat hp = TokenFormat.prefixed("hp");
    assertThat(hp.check(HP_VECTOR.substring(0, HP_VECTOR.length() - 1)).reason()).isEqualTo("token.malformed");
    assertThat(hp.check("hq" + HP_VECTOR.substring(2)).reason()).isEqualTo("token.malformed");
    assertThat(hp.check(BODY).reason()).isEqualTo("token.malformed");
    assertThat(hp.check(HP_VECTOR.replace("13ivxD", "13ivx-")).reason()).isEqualTo("token.malformed");
    assertThat(hp.check(HP_VECTOR.replace("13ivxD", "13ivxE")).reason()).isEqualTo("token.checksum-mismatch");
    assertThat(hp.check(HP_VECTOR.replace("AAEC", "AAED")).reason()).isEqualTo("token.checksum-mismatch");
    // 62^6 > 2^32: a checksum above the CRC range is a mismatch, not an overflow
    assertThat(hp.check(HP_VECTOR.replace("13ivxD", "zzzzzz")).reason()).isEqualTo("token.checksum-mismatch");
  }

  @Test
  void detailsNeverEchoTheCandidate() {
    TokenFormat hp = TokenFormat.prefixed("hp");
    for (String bad : new String[] {HP_VECTOR.replace("13ivxD", "13ivxE"), HP_VECTOR + "x", BODY, HP_VECTOR.replace('A', '!')}) {
      Decision d = hp.check(bad);
      assertThat(d.denied()).isTrue();
      assertThat(d.detail()).doesNotContain(BODY.substring(0, 10)).doesNotContain(bad);
    }
  }

  @Test
  void prefixGrammar() {
    for (String ok : new String[] {"a", "hp", "ghp", "a1", "abcdefghijklmnop"}) {
      assertThat(TokenFormat.isValidPrefix(ok)).as(ok).isTrue();
    }
    for (String bad : new String[] {"", "1a", "Hp", "h_p", "h-p", "abcdefghijklmnopq", "hp ", "hé"}) {
      assertThat(TokenFormat.isValidPrefix(bad)).as(bad).isFalse();
      assertThatThrownBy(() -> TokenFormat.prefixed(bad)).isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void bearerFormatAcceptsAnyB64TokenOfSixteenToFourThousandCharacters() {
    TokenFormat bearer = TokenFormat.bearer();
    assertThat(bearer.isValid("s3cr3t-t0ken-value-xyz")).isTrue();
    assertThat(bearer.isValid("abc.def~ghi+jkl/mno==")).isTrue();
    assertThat(bearer.isValid("a".repeat(15))).isFalse();
    assertThat(bearer.isValid("a".repeat(4096))).isTrue();
    assertThat(bearer.isValid("a".repeat(4097))).isFalse();
    assertThat(bearer.isValid("abcdefghijklmnop=q")).isFalse();
    assertThat(bearer.isValid("================")).isFalse();
    assertThat(bearer.isValid("abcdefgh ijklmnop")).isFalse();
    // RFC 6750 §2.1 example token: b64token syntax (but shorter than our 16-character floor)
    assertThat(TokenFormat.isB64TokenSyntax("mF_9.B5f-4.1JqM")).isTrue();
  }

  @Test
  void mintedTokensMatchTheirFormatAndScannerRegex() {
    for (TokenFormat f : new TokenFormat[] {TokenFormat.plain(), TokenFormat.prefixed("hp"), TokenFormat.bearer()}) {
      Pattern scanner = Pattern.compile(f.scannerRegex());
      for (int i = 0; i < 200; i++) {
        Secret s = f.mint();
        String text = s.revealUtf8();
        assertThat(f.isValid(text)).as(f + " " + i).isTrue();
        assertThat(scanner.matcher(text).matches()).as(f + " regex").isTrue();
      }
    }
    assertThat(Pattern.compile(TokenFormat.prefixed("hp").scannerRegex()).matcher(HP_VECTOR).matches()).isTrue();
  }

  @Test
  void valueSemanticsAndToString() {
    assertThat(TokenFormat.prefixed("hp")).isEqualTo(TokenFormat.prefixed("hp")).hasSameHashCodeAs(TokenFormat.prefixed("hp"));
    assertThat(TokenFormat.prefixed("hp")).isNotEqualTo(TokenFormat.prefixed("hq")).isNotEqualTo(TokenFormat.plain());
    assertThat(TokenFormat.prefixed("hp")).hasToString("prefixed(hp)");
    assertThat(TokenFormat.plain()).hasToString("plain");
    assertThat(TokenFormat.prefixed("hp").prefix()).contains("hp");
    assertThat(TokenFormat.bearer().length()).isEmpty();
  }
}
