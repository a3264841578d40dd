package dev.hostpolicy.testkit.fuzz;

import static dev.hostpolicy.testkit.fuzz.Fuzz.text;
import static dev.hostpolicy.testkit.fuzz.Fuzz.typed;
import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.hostpolicy.api.Decision;
import dev.hostpolicy.api.Secret;
import dev.hostpolicy.core.token.BearerAuthenticator;
import dev.hostpolicy.core.token.CorrelationId;
import dev.hostpolicy.core.token.SessionCookie;
import dev.hostpolicy.core.token.UrlTokenGuard;
import java.util.Arrays;
import java.util.List;

/**
 * Authorization (bearer) headers, session cookies, URLs that may carry a token, and correlation
 * ids: any input gets a typed decision, and nothing but the exact token is ever allowed.
 */
class TokenHeadersFuzzTest {
  /** 43 base64url characters: the plain token format. */
  static final String TOKEN = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFG";
  private static final Secret SECRET = Secret.fromUtf8(TOKEN);
  private static final BearerAuthenticator BEARER = BearerAuthenticator.of(SECRET);
  private static final SessionCookie COOKIE = SessionCookie.forToken(SECRET);
  private static final UrlTokenGuard URLS = UrlTokenGuard.forSecret(SECRET);

  /** Each line of the input is one Authorization header value; the last line is also a request target. */
  @FuzzTest(maxDuration = "2m")
  void authorizationHeaders(byte[] data) {
    List<String> values = Arrays.asList(text(data).split("\n", -1));
    Decision d = typed(BEARER.check(values));
    if (d.allowed()) {
      assertThat(values).singleElement().asString().contains(TOKEN);
    }
    typed(BEARER.check(values, values.get(values.size() - 1)));
    typed(BEARER.checkUrl(values.get(0)));
  }

  /** Each line is one Cookie header value. */
  @FuzzTest(maxDuration = "2m")
  void cookieHeaders(byte[] data) {
    List<String> values = Arrays.asList(text(data).split("\n", -1));
    Decision d = typed(COOKIE.check(values));
    if (d.allowed()) {
      assertThat(String.join("\n", values)).contains(COOKIE.value());
    }
    COOKIE.verify(values.get(0));
  }

  /** A URL or request target: a typed decision, and the token in any encoding is found. */
  @FuzzTest(maxDuration = "2m")
  void urlsCarryingTokens(byte[] data) {
    String s = text(data);
    Decision d = typed(URLS.check(s));
    if (s.contains(TOKEN)) {
      assertThat(d.allowed()).as("a URL holding the raw token is refused: %s", s).isFalse();
    }
    try {
      assertThat(CorrelationId.parse(s).value()).isEqualTo(s);
      assertThat(CorrelationId.isValid(s)).isTrue();
    } catch (IllegalArgumentException e) {
      typed(e);
      assertThat(CorrelationId.isValid(s)).isFalse();
    }
  }
}
