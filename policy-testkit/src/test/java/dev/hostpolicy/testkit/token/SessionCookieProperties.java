package dev.hostpolicy.testkit.token;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hostpolicy.api.Secret;
import dev.hostpolicy.core.token.RequestTransport;
import dev.hostpolicy.core.token.SessionCookie;
import dev.hostpolicy.testkit.SecretLeaks;
import dev.hostpolicy.testkit.TokenArbitraries;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class SessionCookieProperties {

  /** The property: a cookie verifies exactly when it was made from the same token. */
  @Property(tries = 1000)
  void verifyIsTrueIffSameToken(@ForAll("tokens") String a, @ForAll("tokens") String b) {
    SessionCookie ca = SessionCookie.forToken(Secret.fromUtf8(a));
    SessionCookie cb = SessionCookie.forToken(Secret.fromUtf8(b));
    assertThat(ca.verify(cb.value())).isEqualTo(a.equals(b));
    assertThat(ca.verify(SessionCookie.valueFor(Secret.fromUtf8(a)))).isTrue();
    assertThat(ca.value()).matches("[A-Za-z0-9_-]{43}");
  }

  /** Neither the cookie value, the headers nor toString reveal the token. */
  @Property(tries = 500)
  void nothingRevealsTheToken(@ForAll("tokens") String token, @ForAll boolean https) {
    SessionCookie c = SessionCookie.forToken(Secret.fromUtf8(token));
    RequestTransport t = RequestTransport.direct(https);
    for (String out : List.of(c.value(), c.setCookieHeader(t), c.clearCookieHeader(t), c.toString(),
        c.check(List.of("hostpolicy_session=" + token)).toString())) {
      SecretLeaks.assertNoLeak(out, token);
    }
    assertThat(c.toString()).doesNotContain(c.value());
  }

  /** The cookie is found among other cookies however the header is laid out. */
  @Property(tries = 500)
  void checkFindsTheCookieAnywhereInTheHeader(@ForAll("tokens") String token, @ForAll("otherCookies") List<String> others,
      @ForAll("positions") int position, @ForAll boolean quoted, @ForAll("separators") String separator) {
    SessionCookie c = SessionCookie.forToken(Secret.fromUtf8(token));
    java.util.List<String> pairs = new java.util.ArrayList<>(others);
    String value = quoted ? "\"" + c.value() + "\"" : c.value();
    pairs.add(Math.min(position, pairs.size()), c.name() + "=" + value);
    assertThat(c.check(List.of(String.join(separator, pairs))).allowed()).isTrue();
    pairs.replaceAll(p -> p.startsWith(c.name() + "=") ? c.name() + "=" + c.value().substring(1) : p);
    assertThat(c.check(List.of(String.join(separator, pairs))).reason()).isEqualTo("auth.invalid-cookie");
  }

  @Provide
  Arbitrary<String> tokens() {
    return Arbitraries.oneOf(TokenArbitraries.secretLikeValues(), Arbitraries.of("shared-token-value-000001", "shared-token-value-000002"));
  }

  @Provide
  Arbitrary<List<String>> otherCookies() {
    return Arbitraries.strings().withChars("abcxyz_").ofMinLength(1).ofMaxLength(8)
        .filter(n -> !n.equals("hostpolicy_session"))
        .flatMap(n -> Arbitraries.strings().withChars("abc123=/+").ofMaxLength(10).map(v -> n + "=" + v))
        .list().ofMaxSize(4);
  }

  @Provide
  Arbitrary<Integer> positions() {
    return Arbitraries.integers().between(0, 4);
  }

  @Provide
  Arbitrary<String> separators() {
    return Arbitraries.of("; ", ";", ";  ", " ; ", ";\t");
  }
}
