package dev.hostpolicy.http.internal.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hostpolicy.api.Secret;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Proxy-Authorization (RFC 9110 section 11.7.2) with the run's token as the credential: Basic
 * {@code user:token} (RFC 7617, any user name) or Bearer {@code token}. Mutation testing showed these
 * were only reached through the socket-level ITs; here every branch is pinned down.
 */
class ProxyAuthTest {
  private static final String TOKEN = "run-token-0123456789";
  private static final Optional<Secret> SECRET = Optional.of(Secret.fromUtf8(TOKEN));

  private static Optional<String> check(String header) {
    return ProxyAuth.check(SECRET, Optional.of(header));
  }

  private static String basic(String userPass) {
    return Base64.getEncoder().encodeToString(userPass.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void noTokenConfiguredLetsEverythingThrough() {
    assertThat(ProxyAuth.check(Optional.empty(), Optional.empty())).isEmpty();
    assertThat(ProxyAuth.check(Optional.empty(), Optional.of("garbage"))).isEmpty();
  }

  @Test
  void aMissingHeaderIsAuthRequired() {
    assertThat(ProxyAuth.check(SECRET, Optional.empty())).contains(Reasons.AUTH_REQUIRED);
  }

  @Test
  void bearerAndBasicWithTheTokenPass() {
    assertThat(check("Bearer " + TOKEN)).isEmpty();
    assertThat(check("bearer " + TOKEN)).isEmpty();
    assertThat(check("BEARER   " + TOKEN + "  ")).isEmpty();
    assertThat(check("Basic " + basic("x:" + TOKEN))).isEmpty();
    assertThat(check("basic " + basic(":" + TOKEN))).isEmpty();
    // RFC 7617: the user-id ends at the first colon; the password may hold more colons
    assertThat(check("Basic " + basic("user:" + TOKEN))).isEmpty();
  }

  @Test
  void everythingElseIsAuthInvalid() {
    for (String header : new String[] {
        "", " ", "Bearer", "Bearer ", "Bearer" + TOKEN, " Bearer " + TOKEN, "Bearer " + TOKEN + "x",
        "Bearer " + TOKEN.substring(1), "Bearer " + TOKEN.toUpperCase(java.util.Locale.ROOT),
        "Basic " + basic(TOKEN), "Basic " + basic("x:" + TOKEN + "x"), "Basic " + basic("x:"), "Basic " + basic(TOKEN + ":x"),
        "Basic !!!!", "Basic " + basic("x:" + TOKEN).substring(1), "Digest " + TOKEN, "Token " + TOKEN, "Bearer\t" + TOKEN}) {
      assertThat(check(header)).as(header).contains(Reasons.AUTH_INVALID);
    }
  }

  @Test
  void theChallengesOfferBothSchemes() {
    assertThat(ProxyAuth.CHALLENGES).containsExactly(
        "Proxy-Authenticate: Basic realm=\"hostpolicy-egress\", charset=\"UTF-8\"",
        "Proxy-Authenticate: Bearer realm=\"hostpolicy-egress\"");
  }
}
