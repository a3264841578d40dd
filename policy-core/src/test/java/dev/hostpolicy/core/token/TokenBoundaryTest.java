package dev.hostpolicy.core.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hostpolicy.api.Secret;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Boundaries of the token controls that mutation testing (docs/assurance.md) showed no test pinned
 * down: the byte view secrets are checked through, the Authorization header's length cap and scheme
 * comparison, and the cookie lifetime limits.
 */
class TokenBoundaryTest {
  private static final String TOKEN = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFG";

  @Test
  void theByteViewIsBoundsCheckedAndNeverShowsItsBytes() {
    byte[] bytes = {'a', 'b', 'c', (byte) 0xe9, (byte) 0x80};
    AsciiView v = new AsciiView(bytes);
    assertThat(v.length()).isEqualTo(5);
    assertThat(v.charAt(0)).isEqualTo('a');
    assertThat(v.charAt(3)).isEqualTo('\u00e9');
    assertThat(v.charAt(4)).isEqualTo('\u0080');
    assertThatThrownBy(() -> v.charAt(-1)).isInstanceOf(IndexOutOfBoundsException.class);
    assertThatThrownBy(() -> v.charAt(5)).isInstanceOf(IndexOutOfBoundsException.class);
    CharSequence mid = v.subSequence(1, 4);
    assertThat(mid.length()).isEqualTo(3);
    assertThat(mid.charAt(0)).isEqualTo('b');
    assertThat(mid.charAt(2)).isEqualTo('\u00e9');
    assertThatThrownBy(() -> mid.charAt(3)).isInstanceOf(IndexOutOfBoundsException.class);
    assertThat(mid.subSequence(1, 2).charAt(0)).isEqualTo('c');
    assertThat(v.subSequence(5, 5).length()).isZero();
    assertThat(v.subSequence(0, 0).length()).isZero();
    assertThatThrownBy(() -> v.subSequence(-1, 2)).isInstanceOf(IndexOutOfBoundsException.class);
    assertThatThrownBy(() -> v.subSequence(0, 6)).isInstanceOf(IndexOutOfBoundsException.class);
    assertThatThrownBy(() -> v.subSequence(3, 2)).isInstanceOf(IndexOutOfBoundsException.class);
    assertThat(v.toString()).isEqualTo(Secret.REDACTED);
    assertThat(mid.toString()).isEqualTo(Secret.REDACTED);
  }

  @Test
  void theAuthorizationHeaderLengthCapIsExact() {
    BearerAuthenticator auth = BearerAuthenticator.of(Secret.fromUtf8(TOKEN));
    String atCap = "Bearer " + "A".repeat(BearerAuthenticator.MAX_HEADER_CHARS - 7);
    assertThat(atCap).hasSize(BearerAuthenticator.MAX_HEADER_CHARS);
    assertThat(auth.check(List.of(atCap)).detail()).doesNotContain("longer than");
    assertThat(auth.check(List.of(atCap + "A")).detail()).contains("longer than 8192");
    assertThat(auth.format()).isEqualTo(TokenFormat.bearer());
  }

  @Test
  void theSchemeIsBearerInAnyAsciiCaseAndNothingNearIt() {
    BearerAuthenticator auth = BearerAuthenticator.of(Secret.fromUtf8(TOKEN));
    for (String scheme : new String[] {"Bearer", "bearer", "BEARER", "bEaReR"}) {
      assertThat(auth.check(List.of(scheme + " " + TOKEN)).allowed()).as(scheme).isTrue();
    }
    // '@' and '[' sit just outside A-Z, '`' and '{' just outside a-z: none of them is a letter
    for (String scheme : new String[] {"@earer", "[earer", "Bearer@", "`earer", "{earer", "Bearers", "Beare", "B\u00e9arer"}) {
      assertThat(auth.check(List.of(scheme + " " + TOKEN)).reason()).as(scheme).isEqualTo(BearerAuthenticator.UNSUPPORTED_SCHEME);
    }
    assertThat(auth.check(List.of("Bearer " + TOKEN + ", Basic eA==")).reason()).isEqualTo(BearerAuthenticator.MULTIPLE_HEADERS);
    assertThat(auth.check(List.of("Bearer " + TOKEN + ",Basic eA==")).reason()).isEqualTo(BearerAuthenticator.MULTIPLE_HEADERS);
    assertThat(auth.check(List.of("Bearer " + TOKEN + ",")).reason()).isNotEqualTo(BearerAuthenticator.MULTIPLE_HEADERS);
    assertThat(auth.check(List.of("Bearer " + TOKEN + ", x")).reason()).isNotEqualTo(BearerAuthenticator.MULTIPLE_HEADERS);
  }

  @Test
  void theCookieLifetimeIsOneSecondToFourHundredDays() {
    SessionCookie cookie = SessionCookie.forToken(Secret.fromUtf8(TOKEN));
    assertThat(cookie.setCookieHeader(RequestTransport.direct(false), Duration.ofSeconds(1))).contains("; Max-Age=1;");
    assertThat(cookie.setCookieHeader(RequestTransport.direct(false), SessionCookie.MAX_AGE_LIMIT))
        .contains("; Max-Age=34560000;");
    assertThatThrownBy(() -> cookie.setCookieHeader(RequestTransport.direct(false), Duration.ofMillis(999)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> cookie.setCookieHeader(RequestTransport.direct(false), SessionCookie.MAX_AGE_LIMIT.plusSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
