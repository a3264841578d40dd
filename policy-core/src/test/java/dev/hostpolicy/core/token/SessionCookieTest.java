package dev.hostpolicy.core.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hostpolicy.api.Secret;
import java.net.HttpCookie;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class SessionCookieTest {
  private static final String TOKEN = "hp_AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh813ivxD";

  @Test
  void valueMatchesIndependentlyComputedVectors() {
    // Python: base64.urlsafe_b64encode(hashlib.sha256(b"hostpolicy.session-cookie.v1\0" + token).digest()).rstrip(b"=")
    assertThat(SessionCookie.valueFor(Secret.fromUtf8(TOKEN))).isEqualTo("csLApbs-XA37e7wdn3RreuKDSnobO-i0h0DOO288Dk4");
    assertThat(SessionCookie.valueFor(Secret.fromUtf8("AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8")))
        .isEqualTo("sx-O9wjavEsa_DrtLtq1daYPitvb11q5HSwjh99m5VY");
    assertThat(SessionCookie.valueFor(Secret.fromUtf8("s3cr3t-t0ken-value-xyz"))).isEqualTo("oo9B8RJa-6qp-L8W2cNIu0-OY9Rx1MBViTK2glJdRAo");
  }

  @Test
  void verifyAcceptsOnlyTheValue() {
    SessionCookie s = SessionCookie.forToken(Secret.fromUtf8(TOKEN));
    assertThat(s.verify(s.value())).isTrue();
    assertThat(s.verify(s.value().substring(1))).isFalse();
    assertThat(s.verify(TOKEN)).as("the token itself is not a cookie").isFalse();
    assertThat(s.verify("")).isFalse();
    assertThat(s.verify(null)).isFalse();
    assertThat(s.value()).doesNotContain(TOKEN.substring(3, 20));
  }

  @Test
  void rotatingTheTokenInvalidatesTheCookie() {
    SessionCookie before = SessionCookie.forToken(TokenMint.mint());
    SessionCookie after = SessionCookie.forToken(TokenMint.mint());
    assertThat(after.verify(before.value())).isFalse();
  }

  @Test
  void setCookieHasTheProtectiveAttributes() {
    SessionCookie s = SessionCookie.forToken(Secret.fromUtf8(TOKEN));
    String plain = s.setCookieHeader(RequestTransport.direct(false));
    assertThat(plain).isEqualTo("hostpolicy_session=" + s.value() + "; Path=/; HttpOnly; SameSite=Strict");
    String tls = s.setCookieHeader(RequestTransport.direct(true), Duration.ofHours(12));
    assertThat(tls).isEqualTo("hostpolicy_session=" + s.value() + "; Max-Age=43200; Path=/; Secure; HttpOnly; SameSite=Strict");
    // the JDK's own Set-Cookie parser reads it back
    HttpCookie parsed = HttpCookie.parse("Set-Cookie: " + tls).get(0);
    assertThat(parsed.getName()).isEqualTo("hostpolicy_session");
    assertThat(parsed.getValue()).isEqualTo(s.value());
    assertThat(parsed.getSecure()).isTrue();
    assertThat(parsed.isHttpOnly()).isTrue();
    assertThat(parsed.getPath()).isEqualTo("/");
    assertThat(parsed.getMaxAge()).isEqualTo(43200);
  }

  @Test
  void secureOnlyForHttpsOrATrustedProxySayingHttps() {
    SessionCookie s = SessionCookie.forToken(Secret.fromUtf8(TOKEN));
    assertThat(s.setCookieHeader(RequestTransport.of(false, true, List.of("https")))).contains("; Secure");
    assertThat(s.setCookieHeader(RequestTransport.of(false, true, List.of("HTTPS")))).contains("; Secure");
    assertThat(s.setCookieHeader(RequestTransport.of(false, true, List.of("https, https")))).contains("; Secure");
    assertThat(s.setCookieHeader(RequestTransport.of(false, false, List.of("https")))).doesNotContain("Secure");
    assertThat(s.setCookieHeader(RequestTransport.of(false, true, List.of("http")))).doesNotContain("Secure");
    assertThat(s.setCookieHeader(RequestTransport.of(false, true, List.of("https", "http")))).doesNotContain("Secure");
    assertThat(s.setCookieHeader(RequestTransport.of(false, true, List.of("https,")))).doesNotContain("Secure");
    assertThat(s.setCookieHeader(RequestTransport.of(false, true, List.of()))).doesNotContain("Secure");
    assertThat(s.setCookieHeader(RequestTransport.of(true, false, List.of("http")))).contains("; Secure");
  }

  @Test
  void clearingCookieExpiresIt() {
    SessionCookie s = SessionCookie.forToken(Secret.fromUtf8(TOKEN), "infloop_session");
    String clear = s.clearCookieHeader(RequestTransport.direct(false));
    assertThat(clear).isEqualTo("infloop_session=; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Path=/; HttpOnly; SameSite=Strict");
    assertThat(HttpCookie.parse("Set-Cookie: " + clear).get(0).hasExpired()).isTrue();
  }

  @Test
  void maxAgeAndNameAreValidated() {
    SessionCookie s = SessionCookie.forToken(Secret.fromUtf8(TOKEN));
    RequestTransport t = RequestTransport.direct(false);
    assertThatThrownBy(() -> s.setCookieHeader(t, Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> s.setCookieHeader(t, Duration.ofMillis(999))).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> s.setCookieHeader(t, Duration.ofDays(401))).isInstanceOf(IllegalArgumentException.class);
    for (String bad : new String[] {"", "a b", "a;b", "a=b", "é", "a\"b", "x".repeat(65)}) {
      assertThatThrownBy(() -> SessionCookie.forToken(Secret.fromUtf8(TOKEN), bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void checkFindsTheCookieAmongOthers() {
    SessionCookie s = SessionCookie.forToken(Secret.fromUtf8(TOKEN));
    String v = s.value();
    assertThat(s.check(List.of("theme=dark; hostpolicy_session=" + v + "; lang=en")).allowed()).isTrue();
    assertThat(s.check(List.of("hostpolicy_session=\"" + v + "\"")).allowed()).isTrue();
    assertThat(s.check(List.of("a=1", "hostpolicy_session=" + v)).allowed()).isTrue();
    assertThat(s.check(List.of("hostpolicy_session=forged; hostpolicy_session=" + v)).allowed()).isTrue();
    assertThat(s.check(List.of("hostpolicy_session=forged")).reason()).isEqualTo("auth.invalid-cookie");
    assertThat(s.check(List.of("hostpolicy_session=" + v + "x")).reason()).isEqualTo("auth.invalid-cookie");
    assertThat(s.check(List.of("Hostpolicy_Session=" + v)).reason()).isEqualTo("auth.missing");
    assertThat(s.check(List.of("theme=dark")).reason()).isEqualTo("auth.missing");
    assertThat(s.check(List.of()).reason()).isEqualTo("auth.missing");
  }

  @Test
  void toStringRedacts() {
    SessionCookie s = SessionCookie.forToken(Secret.fromUtf8(TOKEN));
    assertThat(s.toString()).doesNotContain(s.value()).doesNotContain(TOKEN).contains("[redacted]");
  }
}
