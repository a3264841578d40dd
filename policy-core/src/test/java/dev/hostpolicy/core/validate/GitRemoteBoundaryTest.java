package dev.hostpolicy.core.validate;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Character classes and length limits of the git remote validator, swept exhaustively over ASCII and
 * Latin-1 — mutation testing (docs/assurance.md) showed boundary mutants of these classes surviving.
 * Each expectation follows git's own reading (scp-like {@code user@host:path}, RFC 3986 authorities).
 */
class GitRemoteBoundaryTest {
  private static final GitRemoteValidator STRICT = GitRemoteValidator.strict();

  private static boolean allowed(String url) {
    return STRICT.check(url).allowed();
  }

  private static boolean letterOrDigit(char c) {
    return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9';
  }

  @Test
  void anScpUserIsLettersDigitsUnderscoreDotAndInnerHyphen() {
    for (char c = 0; c < 0x100; c++) {
      boolean expected = letterOrDigit(c) || c == '_' || c == '.' || c == '-';
      assertThat(allowed("a" + c + "b@github.com:o/r.git")).as("U+%04X", (int) c).isEqualTo(expected);
    }
    assertThat(allowed("_@github.com:o/r.git")).isTrue();
    assertThat(allowed("-a@github.com:o/r.git")).isFalse();
    assertThat(allowed("a".repeat(64) + "@github.com:o/r.git")).isTrue();
    assertThat(allowed("a".repeat(65) + "@github.com:o/r.git")).isFalse();
    assertThat(allowed("@github.com:o/r.git")).isFalse();
  }

  @Test
  void anScpHostIsLdhLabels() {
    for (char c = 0; c < 0x100; c++) {
      // '.' splits a label, ':' ends the host early (the rest becomes the path): both still valid
      boolean expected = letterOrDigit(c) || c == '-' || c == '.' || c == ':';
      assertThat(allowed("git@a" + c + "b.example:o/r.git")).as("U+%04X", (int) c).isEqualTo(expected);
    }
    String label63 = "a".repeat(63);
    assertThat(allowed("git@" + label63 + ".example:o/r.git")).isTrue();
    assertThat(allowed("git@" + label63 + "a.example:o/r.git")).isFalse();
    String host253 = (label63 + ".").repeat(3) + "a".repeat(61);
    assertThat(host253).hasSize(253);
    assertThat(allowed("git@" + host253 + ":o/r.git")).isTrue();
    assertThat(allowed("git@" + host253 + "a:o/r.git")).isFalse();
    assertThat(allowed("git@-a.example:o/r.git")).isFalse();
    assertThat(allowed("git@a-.example:o/r.git")).isFalse();
    assertThat(allowed("git@a..example:o/r.git")).isFalse();
    assertThat(allowed("git@a.example:")).isFalse();
    assertThat(allowed("git@a.example:-o/r.git")).isFalse();
  }

  @Test
  void aPortIsOneToFiveDigitsWithoutLeadingZero() {
    for (char c = 0; c < 0x100; c++) {
      // '/' ends the authority: "…:1/2/r.git" is port 1 and path /2/r.git
      boolean expected = c >= '0' && c <= '9' || c == '/';
      assertThat(allowed("https://h.example:1" + c + "2/r.git")).as("U+%04X", (int) c).isEqualTo(expected);
    }
    assertThat(allowed("https://h.example:1/r.git")).isTrue();
    assertThat(allowed("https://h.example:65535/r.git")).isTrue();
    assertThat(allowed("https://h.example:123456/r.git")).isFalse();
    assertThat(allowed("https://h.example:0/r.git")).isFalse();
    assertThat(allowed("https://h.example:01/r.git")).isFalse();
    assertThat(allowed("https://h.example:/r.git")).isFalse();
  }

  @Test
  void anIpv6HostIsHexColonsAndDotsInBrackets() {
    for (char c = 0; c < 0x100; c++) {
      boolean expected = c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F' || c == ':' || c == '.';
      assertThat(allowed("https://[::1" + c + "]/r.git")).as("U+%04X", (int) c).isEqualTo(expected);
    }
    String v6max = "1:" + "1".repeat(43);
    assertThat(v6max).hasSize(45);
    assertThat(allowed("ssh://[" + v6max + "]/r.git")).isTrue();
    assertThat(allowed("ssh://[" + v6max + "1]/r.git")).isFalse();
    assertThat(allowed("ssh://[]/r.git")).isFalse();
    assertThat(allowed("ssh://[1234]/r.git")).isFalse();
    assertThat(allowed("ssh://[::1]:22/r.git")).isTrue();
    assertThat(allowed("ssh://[::1]x/r.git")).isFalse();
  }

  @Test
  void anSshUserAndTheRepositoryPath() {
    assertThat(allowed("ssh://git@h.example/r.git")).isTrue();
    assertThat(allowed("ssh://g!t@h.example/r.git")).isFalse();
    assertThat(allowed("ssh://-git@h.example/r.git")).isFalse();
    assertThat(allowed("ssh://h.example/")).isFalse();
    assertThat(allowed("ssh://h.example/r")).isTrue();
    assertThat(allowed("ssh://h.example")).isFalse();
  }

  @Test
  void aRemoteHelperSchemeFollowsGitsUrlSchemeCharacters() {
    assertThat(STRICT.check("x1+.-::foo").reason()).isEqualTo("validate.git-url.transport");
    assertThat(STRICT.check("ext::sh -c touch% /tmp/pwned").reason()).isEqualTo("validate.git-url.transport");
    assertThat(STRICT.check("1x::foo").reason()).isNotEqualTo("validate.git-url.transport");
    assertThat(STRICT.check("+x::foo").reason()).isNotEqualTo("validate.git-url.transport");
  }
}
