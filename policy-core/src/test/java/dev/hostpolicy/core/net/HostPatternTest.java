package dev.hostpolicy.core.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class HostPatternTest {

  @ParameterizedTest
  @CsvSource({
    "api.github.com, EXACT_HOST, api.github.com",
    "API.GitHub.com., EXACT_HOST, api.github.com",
    "*.githubusercontent.com, WILDCARD, *.githubusercontent.com",
    "*.Example.COM:8443, WILDCARD, *.example.com:8443",
    "10.0.0.5, IP, 10.0.0.5",
    "10.0.0.5:5432, IP, 10.0.0.5:5432",
    "[fd00::5]:443, IP, [fd00::5]:443",
    "fd00:0:0::5, IP, fd00::5",
    "[::ffff:10.0.0.5], IP, 10.0.0.5",
    "B\u00fccher.example, EXACT_HOST, xn--bcher-kva.example",
    "localhost, EXACT_HOST, localhost"
  })
  void parsesAndNormalises(String text, HostPattern.Kind kind, String canonical) {
    HostPattern p = HostPattern.parse(text);
    assertThat(p.kind()).isEqualTo(kind);
    assertThat(p).hasToString(canonical);
    assertThat(HostPattern.parse(p.toString())).isEqualTo(p);
  }

  @ParameterizedTest
  @ValueSource(strings = {
    "*", "*.", "*.*.example.com", "a.*.example.com", "*example.com", "example.*", "**.example.com", "*.10.0.0.1",
    "0177.0.0.1", "127.1", "2130706433", "0.0.0.0", "::", "[::]:443", "10.0.0.0/8", "example.com:0", "example.com:65536",
    "example.com:080", "example.com:", "[10.0.0.1]", "[::1", "fe80::1%eth0", "user@example.com", "exa mple.com",
    "a_b.example.com", "", "ex\u200dample.com", "http://example.com", "example.com/"
  })
  void rejectsWithAReason(String text) {
    assertThatThrownBy(() -> HostPattern.parse(text)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("host pattern");
  }

  @Test
  void wildcardsMatchEveryDepthButNeverTheApex() {
    HostPattern p = HostPattern.parse("*.example.com");
    assertThat(p.matchesHost("a.example.com")).isTrue();
    assertThat(p.matchesHost("a.b.c.example.com")).isTrue();
    assertThat(p.matchesHost("example.com")).isFalse();
    assertThat(p.matchesHost("badexample.com")).isFalse();
    assertThat(p.matchesHost("example.com.evil.net")).isFalse();
    assertThat(p.matchesHost(".example.com")).isFalse();
    assertThat(HostPattern.parse("example.com").matchesHost("a.example.com")).isFalse();
    assertThat(HostPattern.parse("10.0.0.1").matchesHost("10.0.0.1")).isFalse();
  }

  /** Public suffix list (Guava InternetDomainName): ICANN and private sections both count. */
  @ParameterizedTest
  @CsvSource({
    "*.com, true", "*.co.uk, true", "*.uk, true", "*.github.io, true", "*.example.com, false", "*.example.co.uk, false",
    "example.com, false", "com, false", "10.0.0.1, false"
  })
  void knowsWildcardsOverPublicSuffixes(String text, boolean overSuffix) {
    assertThat(HostPattern.parse(text).isWildcardOverPublicSuffix()).isEqualTo(overSuffix);
  }

  @Test
  void homoglyphsAreOtherHosts() {
    HostPattern ascii = HostPattern.parse("example.com");
    HostPattern cyrillic = HostPattern.parse("ex\u0430mple.com");
    assertThat(cyrillic.host()).startsWith("xn--").isNotEqualTo(ascii.host());
    assertThat(ascii.matchesHost(cyrillic.host())).isFalse();
  }
}
