package dev.hostpolicy.http.headers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hostpolicy.api.PolicyConfigurationException;
import dev.hostpolicy.http.headers.SecurityHeaders.Audience;
import dev.hostpolicy.http.headers.SecurityHeaders.Transport;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SecurityHeadersTest {

  @Test
  void strictSetOverHttpsForAnAuthenticatedPage() {
    CspNonce n = new CspNonce("BBBBBBBBBBBBBBBBBBBBBB");
    SecurityHeaders.Response r = SecurityHeaders.strict().forResponse(Transport.HTTPS, Audience.AUTHENTICATED, n);
    assertThat(r.headers()).containsExactly(
        Map.entry("Content-Security-Policy", ContentSecurityPolicy.strict().headerValue(n)),
        Map.entry("X-Content-Type-Options", "nosniff"),
        Map.entry("X-Frame-Options", "DENY"),
        Map.entry("Referrer-Policy", "no-referrer"),
        Map.entry("Cross-Origin-Opener-Policy", "same-origin"),
        Map.entry("Cross-Origin-Resource-Policy", "same-origin"),
        Map.entry("Permissions-Policy", SecurityHeaders.DEFAULT_PERMISSIONS_POLICY),
        Map.entry("Cache-Control", "no-store"),
        Map.entry("Strict-Transport-Security", "max-age=31536000"));
    assertThat(r.nonce()).isEqualTo(n);
  }

  @Test
  void noHstsOverHttpAndNoNoStoreForPublicPages() {
    SecurityHeaders.Response r = SecurityHeaders.strict().forResponse(Transport.HTTP, Audience.PUBLIC);
    assertThat(r.headers()).doesNotContainKeys("Strict-Transport-Security", "Cache-Control");
    assertThat(r.headers().get("Content-Security-Policy")).contains(r.nonce().sourceExpression());
  }

  @Test
  void eachResponseGetsItsOwnNonce() {
    SecurityHeaders h = SecurityHeaders.strict();
    String a = h.forResponse(Transport.HTTP, Audience.PUBLIC).nonce().value();
    String b = h.forResponse(Transport.HTTP, Audience.PUBLIC).nonce().value();
    assertThat(a).isNotEqualTo(b);
  }

  @Test
  void frameOptionsFollowFrameAncestors() {
    SecurityHeaders self = SecurityHeaders.builder().contentSecurityPolicy(
        ContentSecurityPolicy.strict().toBuilder().directive("frame-ancestors", "'self'").build()).build();
    assertThat(self.forResponse(Transport.HTTP, Audience.PUBLIC).headers()).containsEntry("X-Frame-Options", "SAMEORIGIN");
    SecurityHeaders other = SecurityHeaders.builder().contentSecurityPolicy(
        ContentSecurityPolicy.strict().toBuilder().directive("frame-ancestors", "https://ide.example").build()).build();
    assertThat(other.forResponse(Transport.HTTP, Audience.PUBLIC).headers()).doesNotContainKey("X-Frame-Options");
  }

  @Test
  void builderOptions() {
    SecurityHeaders h = SecurityHeaders.builder().hsts(Duration.ofDays(2), true).permissionsPolicy("camera=()").build();
    Map<String, String> headers = new LinkedHashMap<>();
    h.forResponse(Transport.HTTPS, Audience.PUBLIC).applyTo(headers::put);
    assertThat(headers).containsEntry("Strict-Transport-Security", "max-age=172800; includeSubDomains")
        .containsEntry("Permissions-Policy", "camera=()");
    assertThatThrownBy(() -> SecurityHeaders.builder().permissionsPolicy("camera=()\r\nX: y"))
        .isInstanceOf(PolicyConfigurationException.class).hasMessageStartingWith("headers.permissions-policy");
    assertThatThrownBy(() -> SecurityHeaders.builder().permissionsPolicy("")).isInstanceOf(PolicyConfigurationException.class);
    assertThatThrownBy(() -> SecurityHeaders.builder().hsts(Duration.ZERO, false)).isInstanceOf(PolicyConfigurationException.class);
  }

  @Test
  void headersAreImmutable() {
    SecurityHeaders.Response r = SecurityHeaders.strict().forResponse(Transport.HTTP, Audience.PUBLIC);
    assertThatThrownBy(() -> r.headers().put("X", "y")).isInstanceOf(UnsupportedOperationException.class);
  }
}
