package dev.hostpolicy.http.headers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hostpolicy.api.PolicyConfigurationException;
import java.util.List;
import org.junit.jupiter.api.Test;

class ContentSecurityPolicyTest {

  @Test
  void strictDefaultIsTheIssuesPolicy() {
    assertThat(ContentSecurityPolicy.strict().headerValue()).isEqualTo("default-src 'none'; script-src 'self'; "
        + "style-src 'self'; img-src 'self' data:; connect-src 'self'; base-uri 'self'; form-action 'self'; "
        + "frame-ancestors 'none'; object-src 'none'");
    assertThat(ContentSecurityPolicy.strict().headerValue()).isEqualTo(ContentSecurityPolicy.STRICT_TEXT);
  }

  @Test
  void nonceGoesIntoScriptAndStyleSources() {
    CspNonce n = new CspNonce("AAAAAAAAAAAAAAAAAAAAAA");
    assertThat(ContentSecurityPolicy.strict().headerValue(n)).isEqualTo("default-src 'none'; "
        + "script-src 'self' 'nonce-AAAAAAAAAAAAAAAAAAAAAA'; style-src 'self' 'nonce-AAAAAAAAAAAAAAAAAAAAAA'; "
        + "img-src 'self' data:; connect-src 'self'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'; "
        + "object-src 'none'");
  }

  @Test
  void noNonceNextToNone() {
    ContentSecurityPolicy p = ContentSecurityPolicy.builder().directive("script-src", "'none'").nonceIn("script-src").build();
    assertThat(p.headerValue(CspNonce.generate())).isEqualTo("script-src 'none'");
  }

  @Test
  void builderEdits() {
    ContentSecurityPolicy p = ContentSecurityPolicy.strict().toBuilder()
        .addSources("img-src", "https://avatars.example.com", "data:")
        .addSources("default-src", "'self'")
        .directive("upgrade-insecure-requests")
        .remove("object-src")
        .noNonce()
        .build();
    assertThat(p.sources("img-src")).contains(List.of("'self'", "data:", "https://avatars.example.com"));
    assertThat(p.sources("default-src")).contains(List.of("'self'"));
    assertThat(p.sources("object-src")).isEmpty();
    assertThat(p.headerValue()).endsWith("frame-ancestors 'none'; upgrade-insecure-requests");
    assertThat(p.headerValue(CspNonce.generate())).isEqualTo(p.headerValue());
    assertThat(ContentSecurityPolicy.strict().headerValue()).isEqualTo(ContentSecurityPolicy.STRICT_TEXT);
  }

  @Test
  void injectionAndMistakesAreConfigurationErrorsNamingTheDirective() {
    String[] bad = {"'self'; script-src *", "a,b", "https://x.example y", "x\r\nSet-Cookie: a=b", "self", "none",
        "unsafe-inline", "'self", "''", "", "caf\u00e9.example", "\u0000"};
    for (String source : bad) {
      assertThatThrownBy(() -> ContentSecurityPolicy.builder().directive("script-src", source))
          .as(source).isInstanceOf(PolicyConfigurationException.class).hasMessageStartingWith("csp.script-src");
    }
    assertThatThrownBy(() -> ContentSecurityPolicy.builder().directive("Script-Src", "'self'"))
        .isInstanceOf(PolicyConfigurationException.class);
    assertThatThrownBy(() -> ContentSecurityPolicy.builder().directive("script-src;", "'self'"))
        .isInstanceOf(PolicyConfigurationException.class);
    assertThatThrownBy(() -> ContentSecurityPolicy.builder().directive("script-src", "'none'", "'self'"))
        .isInstanceOf(PolicyConfigurationException.class);
    assertThatThrownBy(() -> ContentSecurityPolicy.builder().build()).isInstanceOf(PolicyConfigurationException.class);
  }

  @Test
  void nonceValues() {
    CspNonce a = CspNonce.generate();
    assertThat(a.value()).matches("[A-Za-z0-9_-]{22}");
    assertThat(a.sourceExpression()).isEqualTo("'nonce-" + a.value() + "'");
    assertThatThrownBy(() -> new CspNonce("short")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new CspNonce("AAAAAAAAAAAAAAAAAAAA' 'unsafe-inline")).isInstanceOf(IllegalArgumentException.class);
  }
}
