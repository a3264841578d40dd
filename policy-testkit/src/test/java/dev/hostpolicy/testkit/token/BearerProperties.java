package dev.hostpolicy.testkit.token;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hostpolicy.api.Decision;
import dev.hostpolicy.api.Secret;
import dev.hostpolicy.core.token.BearerAuthenticator;
import dev.hostpolicy.core.token.TokenFormat;
import dev.hostpolicy.testkit.SecretLeaks;
import dev.hostpolicy.testkit.TokenArbitraries;
import dev.hostpolicy.testkit.TokenArbitraries.AuthorizationShape;
import dev.hostpolicy.testkit.TokenArbitraries.AuthorizationVariant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Bearer parsing against labelled header variants, for plain, prefixed and operator-style tokens. */
class BearerProperties {

  private static final Map<AuthorizationShape, Set<String>> EXPECTED = Map.of(
      AuthorizationShape.VALID, Set.of("allowed"),
      AuthorizationShape.MISSING, Set.of("auth.missing"),
      AuthorizationShape.MULTIPLE, Set.of("auth.multiple-headers"),
      AuthorizationShape.UNSUPPORTED_SCHEME, Set.of("auth.unsupported-scheme"),
      AuthorizationShape.MALFORMED, Set.of("auth.malformed"),
      AuthorizationShape.WRONG_TOKEN, Set.of("auth.invalid-token", "token.malformed", "token.checksum-mismatch"));

  record Case(String token, TokenFormat format, AuthorizationVariant variant) {
    @Override
    public String toString() {
      return format + " " + variant;
    }
  }

  @Property(tries = 3000)
  void eachVariantGetsTheReasonOfItsShape(@ForAll("cases") Case c) {
    BearerAuthenticator auth = BearerAuthenticator.of(Secret.fromUtf8(c.token()), c.format());
    Decision d = auth.check(c.variant().values());
    assertThat(d.reason()).isIn(EXPECTED.get(c.variant().shape()));
    SecretLeaks.assertNoLeak(d.toString(), c.token());
  }

  /** A prefixed token changed in one character never reaches the comparison: the format catches it. */
  @Property(tries = 1000)
  void damagedPrefixedTokensFailTheFormatCheck(@ForAll("prefixedCases") Case c) {
    BearerAuthenticator auth = BearerAuthenticator.of(Secret.fromUtf8(c.token()), c.format());
    if (c.variant().shape() == AuthorizationShape.WRONG_TOKEN) {
      assertThat(auth.check(c.variant().values()).reason()).isIn("token.malformed", "token.checksum-mismatch");
    }
  }

  /** Whatever a client sends, the check answers with a decision and never throws or echoes it. */
  @Property(tries = 2000)
  void theCheckIsTotal(@ForAll("headerValues") List<String> values) {
    BearerAuthenticator auth = BearerAuthenticator.of(Secret.fromUtf8("the-expected-token-0123456789"));
    Decision d = auth.check(values, "/api/runs");
    assertThat(d).isNotNull();
    assertThat(d.allowed()).isEqualTo(values.size() == 1 && values.get(0) != null
        && values.get(0).matches("(?i:bearer) the-expected-token-0123456789"));
    for (String v : values) {
      Decision url = auth.checkUrl("/x?q=" + v);
      assertThat(url.allowed()).isEqualTo(v == null || !v.contains("the-expected-token-0123456789"));
      SecretLeaks.assertNoLeak(url.detail(), "the-expected-token-0123456789");
    }
    SecretLeaks.assertNoLeak(d.detail(), "the-expected-token-0123456789");
  }

  @Provide
  Arbitrary<Case> cases() {
    Arbitrary<String[]> tokenAndFormat = Arbitraries.oneOf(
        TokenArbitraries.plainTokens().map(t -> new String[] {t, "plain"}),
        TokenArbitraries.prefixedTokens().map(t -> new String[] {t, "prefixed"}),
        TokenArbitraries.secretLikeValues().filter(t -> TokenFormat.bearer().isValid(t) && t.length() > 16).map(t -> new String[] {t, "bearer"}));
    return tokenAndFormat.flatMap(tf -> {
      TokenFormat format = tf[1].equals("plain") ? TokenFormat.plain()
          : tf[1].equals("bearer") ? TokenFormat.bearer() : TokenFormat.prefixed(tf[0].substring(0, tf[0].indexOf('_')));
      return TokenArbitraries.authorizationHeaderVariants(tf[0]).map(v -> new Case(tf[0], format, v));
    });
  }

  @Provide
  Arbitrary<Case> prefixedCases() {
    return TokenArbitraries.prefixedTokens().flatMap(t -> TokenArbitraries.authorizationHeaderVariants(t)
        .map(v -> new Case(t, TokenFormat.prefixed(t.substring(0, t.indexOf('_'))), v)));
  }

  @Provide
  Arbitrary<List<String>> headerValues() {
    Arbitrary<String> value = Arbitraries.oneOf(
        Arbitraries.strings().ofMaxLength(60),
        Arbitraries.strings().withChars("Bearr bB\t,=\"-._~+/the-xpcod0123456789").ofMaxLength(50),
        Combinators.combine(Arbitraries.of("Bearer ", "bearer ", "BEARER ", "Bearer  ", "Basic "), Arbitraries.of("the-expected-token-0123456789", "the-expected-token-012345678", "x"))
            .as(String::concat));
    return value.injectNull(0.02).list().ofMaxSize(3);
  }
}
