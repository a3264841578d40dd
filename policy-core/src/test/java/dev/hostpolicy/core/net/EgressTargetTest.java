package dev.hostpolicy.core.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.hostpolicy.api.PolicyViolationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class EgressTargetTest {

  private static String reason(String target) {
    PolicyViolationException e = catchThrowableOfType(() -> EgressTarget.parse(target), PolicyViolationException.class);
    assertThat(e).as("%s must be refused", target).isNotNull();
    return e.reason();
  }

  @ParameterizedTest
  @CsvSource({
    "example.com, example.com, 443",
    "Example.COM:8080, example.com, 8080",
    "example.com., example.com, 443",
    "http://example.com, example.com, 80",
    "HTTPS://Example.com/path?q=1#f, example.com, 443",
    "http://example.com:8080/x, example.com, 8080",
    "https://[2001:DB8::1]:8443/, 2001:db8::1, 8443",
    "[::1]:80, ::1, 80",
    "192.0.2.1:22, 192.0.2.1, 22",
    "http://a.example/p@q, a.example, 80",
    "localhost, localhost, 443"
  })
  void parsesHostAndPort(String text, String host, int port) {
    EgressTarget t = EgressTarget.parse(text);
    assertThat(t.host()).isEqualTo(host);
    assertThat(t.port()).isEqualTo(port);
  }

  /** The list of ambiguous numeric hosts, and the parser differential that motivates it. */
  @ParameterizedTest
  @ValueSource(strings = {
    "0177.0.0.1", "0x7f.1", "2130706433", "017700000001", "127.1", "0x7f000001", "7147006462",
    "\uff11\uff12\uff17.\uff10.\uff10.\uff11", "\u0661\u0662\u0667.0.0.1", "127.0.0.1.", "http://0177.0.0.1/",
    "http://2130706433:80/", "https://127.1", "0x7f.1:443", "a.b.0x7f", "example.123"
  })
  void ambiguousNumericHostsAreRefused(String text) {
    assertThat(reason(text)).isEqualTo("egress.ambiguous-ip-literal");
  }

  @ParameterizedTest
  @ValueSource(strings = {
    "http://user@example.com/", "http://user:pass@example.com/", "http://good.example#@evil.example/",
    "http://good.example?@evil.example/", "http://good.example;@evil.example/", "http://good.example:80@evil.example/",
    "user@example.com:443", "https://@example.com",
    "http://a.example?x=@y"
  })
  void userinfoIsRefused(String text) {
    assertThat(reason(text)).isEqualTo("egress.userinfo");
  }

  @ParameterizedTest
  @ValueSource(strings = {
    "", "http://good.example\\@evil.example/", "http:\\\\example.com", "http://example.com%2f.evil/", "http://ex%61mple.com/",
    "http://example.com\r\n/", "http://exa mple.com/", "http://example.com\t/", "ftp://example.com/", "file:///etc/passwd",
    "gopher://example.com:70/", "http:/example.com", "//example.com", "http://", "http://:80/", "example.com:0",
    "example.com:65536", "example.com:080", "example.com:", "example.com:+80", "example.com:8o", "http://[fe80::1%25eth0]/",
    "http://[v1.x]/", "http://[127.0.0.1]/", "::1", "2001:db8::1:443", "http://[::1/", "http://[::1]x/", "example.com/path",
    "a_b.example.com", "-a.example.com", "ex\u200dample.com", "stra\u00dfe.de", "xn--a.com", "a..b.com",
    "http://example.com:80:80/"
  })
  void malformedTargetsAreRefused(String text) {
    assertThat(reason(text)).isEqualTo("egress.malformed-target");
  }

  @Test
  void idnAndPunycodeAreOneHost() {
    assertThat(EgressTarget.parse("https://B\u00fccher.example./").host()).isEqualTo("xn--bcher-kva.example");
    assertThat(EgressTarget.parse("xn--bcher-kva.example").host()).isEqualTo("xn--bcher-kva.example");
    assertThat(EgressTarget.parse("a\u3002example\uff0ecom").host()).isEqualTo("a.example.com");
  }

  @Test
  void labelAndNameLengthLimits() {
    String label63 = "a".repeat(63);
    assertThat(EgressTarget.parse(label63 + ".com").host()).hasSize(67);
    assertThat(reason("a".repeat(64) + ".com")).isEqualTo("egress.malformed-target");
    String name253 = "a".repeat(63) + "." + "b".repeat(63) + "." + "c".repeat(63) + "." + "d".repeat(61);
    assertThat(EgressTarget.parse(name253).host()).hasSize(253);
    assertThat(EgressTarget.parse(name253 + ".").host()).hasSize(253);
    assertThat(reason(name253 + "d")).isEqualTo("egress.malformed-target");
  }

  @Test
  void ofBuildsConnectTargets() {
    assertThat(EgressTarget.of("2001:db8::1", 443).authority()).isEqualTo("[2001:db8::1]:443");
    assertThat(EgressTarget.of("[2001:db8::1]", 443).authority()).isEqualTo("[2001:db8::1]:443");
    assertThat(EgressTarget.of("Example.com", 80)).hasToString("example.com:80");
    assertThat(catchThrowableOfType(() -> EgressTarget.of("a.com", 0), PolicyViolationException.class).reason())
        .isEqualTo("egress.malformed-target");
    assertThat(catchThrowableOfType(() -> EgressTarget.of("0x7f.1", 80), PolicyViolationException.class).reason())
        .isEqualTo("egress.ambiguous-ip-literal");
  }

  @Test
  void detailsEscapeHostileText() {
    PolicyViolationException e = catchThrowableOfType(() -> EgressTarget.parse("http://a\u0085b.com/"), PolicyViolationException.class);
    assertThat(e.getMessage()).doesNotContain("\u0085").contains("\\u0085");
  }
}
