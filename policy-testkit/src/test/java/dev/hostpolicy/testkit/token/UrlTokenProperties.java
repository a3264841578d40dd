package dev.hostpolicy.testkit.token;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hostpolicy.api.Decision;
import dev.hostpolicy.api.Secret;
import dev.hostpolicy.core.token.UrlTokenGuard;
import dev.hostpolicy.testkit.SecretLeaks;
import dev.hostpolicy.testkit.TokenArbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Tokens travel in headers only: every URL that carries the token is denied, others pass. */
class UrlTokenProperties {

  record Case(String token, String url) {}

  @Property(tries = 2000)
  void everyUrlCarryingTheTokenIsDenied(@ForAll("embedded") Case c) {
    Decision d = UrlTokenGuard.forSecret(Secret.fromUtf8(c.token())).check(c.url());
    assertThat(d.reason()).isEqualTo("token.in-url");
    SecretLeaks.assertNoLeak(d.toString(), c.token());
  }

  @Property(tries = 1000)
  void urlsWithoutTheTokenPass(@ForAll("clean") Case c) {
    assertThat(UrlTokenGuard.forSecret(Secret.fromUtf8(c.token())).check(c.url()).allowed()).isTrue();
  }

  @Property(tries = 500)
  void tokenParameterNamesAreDeniedEvenWithoutTheSecret(@ForAll("parameterUrls") String url) {
    assertThat(UrlTokenGuard.parametersOnly().check(url).reason()).isEqualTo("token.in-url");
  }

  @Provide
  Arbitrary<Case> embedded() {
    return Combinators.combine(TokenArbitraries.secretLikeValues(), TokenArbitraries.urlEmbeddings())
        .as((t, e) -> new Case(t, e.apply(t)));
  }

  @Provide
  Arbitrary<Case> clean() {
    return Combinators.combine(TokenArbitraries.secretLikeValues(), TokenArbitraries.urlsWithoutTokenParameters())
        .as(Case::new)
        .filter(c -> TokenArbitraries.decodedForms(c.url()).stream().noneMatch(f -> f.contains(c.token())));
  }

  @Provide
  Arbitrary<String> parameterUrls() {
    return Combinators.combine(net.jqwik.api.Arbitraries.of("/", "/api?a=1&", "/x#", "/x;"), TokenArbitraries.tokenParameterNames())
        .as((base, name) -> base + (base.endsWith("/") ? "?" : "") + name + "=v");
  }
}
