package dev.hostpolicy.core.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hostpolicy.api.Decision;
import dev.hostpolicy.api.Secret;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class BearerAuthenticatorTest {
  private static final String TOKEN = "mF_9.B5f-4.1JqM-long-enough";
  private final BearerAuthenticator auth = BearerAuthenticator.of(Secret.fromUtf8(TOKEN));

  private String reason(String... values) {
    return auth.check(Arrays.asList(values)).reason();
  }

  @Test
  void acceptsExactlyBearerSpaceToken() {
    // RFC 6750 §2.1: credentials = "Bearer" 1*SP b64token
    assertThat(auth.check(List.of("Bearer " + TOKEN))).isEqualTo(Decision.allow());
  }

  @Test
  void theSchemeIsCaseInsensitiveAsRfc7235Requires() {
    // RFC 7235 §2.1: "It uses a case-insensitive token as a means to identify the authentication scheme"
    for (String scheme : new String[] {"bearer", "BEARER", "BeArEr", "bEARER"}) {
      assertThat(reason(scheme + " " + TOKEN)).as(scheme).isEqualTo("allowed");
    }
    // but only ASCII folding: a Kelvin sign or dotless i never becomes a letter of "Bearer"
    assertThat(reason("Be\u0430rer " + TOKEN)).isEqualTo("auth.unsupported-scheme");
  }

  @Test
  void eachFailureHasItsOwnCode() {
    assertThat(auth.check(List.of()).reason()).isEqualTo("auth.missing");
    assertThat(reason("Bearer " + TOKEN, "Bearer " + TOKEN)).isEqualTo("auth.multiple-headers");
    assertThat(reason("Bearer " + TOKEN + ", Bearer other-token-1234567")).isEqualTo("auth.multiple-headers");
    assertThat(reason("Bearer " + TOKEN + ",Basic dXNlcjpwYXNz")).isEqualTo("auth.multiple-headers");
    assertThat(reason("Basic dXNlcjpwYXNzd29yZA==")).isEqualTo("auth.unsupported-scheme");
    assertThat(reason(TOKEN)).isEqualTo("auth.unsupported-scheme");
    assertThat(reason("Bearer " + TOKEN.replace('J', 'K'))).isEqualTo("auth.invalid-token");
    assertThat(reason("Bearer short")).isEqualTo("token.malformed");
  }

  @Test
  void malformedCredentials() {
    for (String bad : new String[] {
        "", "Bearer", "Bearer ", "Bearer  " + TOKEN, " Bearer " + TOKEN, "Bearer " + TOKEN + " ",
        "Bearer\t" + TOKEN, "Bearer " + TOKEN + "\t", "Bearer " + TOKEN + "\r\n", "Bearer \u00a0" + TOKEN,
        "Bearer " + TOKEN + "é", "Bearer " + TOKEN + "=x", "Bearer =" + TOKEN, "Bearer " + TOKEN.replace('.', ' '),
        "Bearer \"" + TOKEN + "\"", "Bearer " + "a".repeat(BearerAuthenticator.MAX_HEADER_CHARS),
        "Bearer " + TOKEN + ",", "Bearer " + TOKEN + ",x"}) {
      assertThat(reason(bad)).as("[%s]", bad).isEqualTo("auth.malformed");
    }
    assertThat(auth.check(Arrays.asList((String) null)).reason()).isEqualTo("auth.malformed");
  }

  @Test
  void aTruncatedOrExtendedTokenIsInvalid() {
    assertThat(reason("Bearer " + TOKEN.substring(0, TOKEN.length() - 1))).isEqualTo("auth.invalid-token");
    assertThat(reason("Bearer " + TOKEN + "x")).isEqualTo("auth.invalid-token");
    assertThat(reason("Bearer " + TOKEN + "=")).isEqualTo("auth.invalid-token");
  }

  @Test
  void aPrefixedFormatRejectsDamagedTokensBeforeComparing() {
    Secret token = TokenMint.mintPrefixed("hp");
    String text = token.revealUtf8();
    BearerAuthenticator hp = BearerAuthenticator.of(token, TokenFormat.prefixed("hp"));
    assertThat(hp.check(List.of("Bearer " + text)).allowed()).isTrue();
    char last = text.charAt(text.length() - 1);
    String corrupted = text.substring(0, text.length() - 1) + (last == 'a' ? 'b' : 'a');
    assertThat(hp.check(List.of("Bearer " + corrupted)).reason()).isEqualTo("token.checksum-mismatch");
    assertThat(hp.check(List.of("Bearer " + text.substring(0, 20))).reason()).isEqualTo("token.malformed");
    String other = TokenMint.mintPrefixed("hp").revealUtf8();
    assertThat(hp.check(List.of("Bearer " + other)).reason()).isEqualTo("auth.invalid-token");
  }

  @Test
  void theExpectedTokenMustFitTheFormat() {
    Secret plain = TokenMint.mint();
    assertThatThrownBy(() -> BearerAuthenticator.of(plain, TokenFormat.prefixed("hp")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageNotContaining(plain.revealUtf8());
    assertThatThrownBy(() -> BearerAuthenticator.of(Secret.fromUtf8("too short")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> BearerAuthenticator.of(Secret.fromUtf8("has spaces in the token")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aTokenInTheUrlIsDeniedEvenWithAGoodHeader() {
    List<String> good = List.of("Bearer " + TOKEN);
    assertThat(auth.check(good, "/api/runs")).isEqualTo(Decision.allow());
    assertThat(auth.check(good, "/api/runs?token=x").reason()).isEqualTo("token.in-url");
    assertThat(auth.check(good, "/api/runs?access_token=" + TOKEN).reason()).isEqualTo("token.in-url");
    assertThat(auth.check(good, "/api/" + TOKEN + "/runs").reason()).isEqualTo("token.in-url");
    assertThat(auth.check(List.of(), "/api/runs?token=x").reason()).isEqualTo("token.in-url");
  }

  @Test
  void nothingShowsTheToken() {
    assertThat(auth.toString()).doesNotContain(TOKEN).contains("[redacted]");
    for (String v : new String[] {"Bearer " + TOKEN + "x", "Bearer  " + TOKEN, "Basic " + TOKEN, TOKEN}) {
      Decision d = auth.check(List.of(v), "/?q=" + TOKEN);
      assertThat(d.toString()).doesNotContain(TOKEN);
      assertThat(auth.check(List.of(v)).toString()).doesNotContain(TOKEN);
    }
  }
}
