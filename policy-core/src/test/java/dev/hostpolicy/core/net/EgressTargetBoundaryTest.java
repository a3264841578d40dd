package dev.hostpolicy.core.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.hostpolicy.api.PolicyViolationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Boundaries of {@link EgressTarget}: the length limit, the characters refused anywhere in the text
 * (swept over ASCII and Latin-1), where the authority of a URL ends, port bounds and digits, IPv6
 * bracket forms and {@link EgressTarget#of}, and the value semantics — mutation testing
 * (docs/assurance.md) showed boundary mutants of these surviving. Expectations follow the class
 * Javadoc and docs/egress.md.
 */
class EgressTargetBoundaryTest {

  private static PolicyViolationException refusal(String target) {
    PolicyViolationException e = catchThrowableOfType(() -> EgressTarget.parse(target), PolicyViolationException.class);
    assertThat(e).as("%s must be refused", target).isNotNull();
    return e;
  }

  private static String reason(String target) {
    return refusal(target).reason();
  }

  @Test
  void everyAsciiAndLatin1CharacterInThePath() {
    // the path is not parsed, only screened: controls, whitespace and the backslash are refused
    for (char c = 0; c < 0x100; c++) {
      String url = "http://a.example/x" + c + "y";
      boolean refused = c <= 0x20 || c >= 0x7f && c <= 0x9f || c == '\\';
      if (refused) {
        PolicyViolationException e = refusal(url);
        assertThat(e.reason()).as("U+%04X", (int) c).isEqualTo("egress.malformed-target");
        assertThat(e.getMessage()).as("U+%04X", (int) c)
            .contains(c == '\\' ? "backslash in the target" : "control character or whitespace in the target");
      } else {
        EgressTarget t = EgressTarget.parse(url);
        assertThat(t.host()).as("U+%04X", (int) c).isEqualTo("a.example");
        assertThat(t.port()).as("U+%04X", (int) c).isEqualTo(80);
      }
    }
  }

  @Test
  void lengthLimitIsExact() {
    String prefix = "https://a.example/";
    String atLimit = prefix + "p".repeat(EgressTarget.MAX_LENGTH - prefix.length());
    assertThat(atLimit).hasSize(8192);
    assertThat(EgressTarget.parse(atLimit).authority()).isEqualTo("a.example:443");
    PolicyViolationException e = refusal(atLimit + "p");
    assertThat(e.reason()).isEqualTo("egress.malformed-target");
    assertThat(e.getMessage()).contains("target longer than 8192 characters");
    assertThat(refusal("").getMessage()).contains("empty target");
  }

  @ParameterizedTest
  @CsvSource({
    "http://a.example?q=1, 80",
    "http://a.example#frag, 80",
    "http://a.example/p, 80",
    "http://a.example:8080?q, 8080",
    "http://a.example:8080#f, 8080",
    "https://a.example:8443/p?q#f, 8443",
    "https://a.example?x:1/y, 443",
    "https://a.example, 443",
    "hTtPs://a.example, 443",
    "HTTP://a.example, 80"
  })
  void theAuthorityOfAUrlEndsAtSlashQuestionMarkOrHash(String url, int port) {
    EgressTarget t = EgressTarget.parse(url);
    assertThat(t.host()).isEqualTo("a.example");
    assertThat(t.port()).isEqualTo(port);
    assertThat(t.scheme()).contains(url.substring(0, url.indexOf(':')).toLowerCase(java.util.Locale.ROOT));
  }

  @Test
  void aSchemeSeparatorAfterTheFirstSlashIsNotAScheme() {
    // "host/x://y" is a host followed by a path, which a host:port target may not have
    assertThat(reason("a.example/x://y")).isEqualTo("egress.malformed-target");
    assertThat(reason("a.example:/x")).isEqualTo("egress.malformed-target");
    assertThat(reason("/a.example")).isEqualTo("egress.malformed-target");
    assertThat(reason("a.example?x")).isEqualTo("egress.malformed-target");
    assertThat(reason("a.example#x")).isEqualTo("egress.malformed-target");
    assertThat(reason("httpx://a.example")).isEqualTo("egress.malformed-target");
    assertThat(reason("http2://a.example")).isEqualTo("egress.malformed-target");
    assertThat(reason("://a.example")).isEqualTo("egress.malformed-target");
    assertThat(refusal("://a.example").getMessage()).contains("only http and https URLs are egress targets");
    assertThat(refusal("/http://a.example").getMessage()).contains("expected host, host:port, [v6]:port or an http(s):// URL");
    assertThat(refusal("?a.example").getMessage()).contains("a host:port target has no path, query or fragment");
    assertThat(refusal("#a.example").getMessage()).contains("a host:port target has no path, query or fragment");
  }

  @Test
  void userinfoIsRefusedOnlyBeforeThePath() {
    assertThat(reason("http://u@a.example")).isEqualTo("egress.userinfo");
    assertThat(reason("u@a.example")).isEqualTo("egress.userinfo");
    assertThat(reason("[::1]@a.example")).isEqualTo("egress.userinfo");
    assertThat(reason("@a.example")).isEqualTo("egress.userinfo");
    // an '@' after an empty authority is in the path, not userinfo
    assertThat(reason("http:///u@a.example")).isEqualTo("egress.malformed-target");
    assertThat(EgressTarget.parse("https://a.example/@b.example").host()).isEqualTo("a.example");
    PolicyViolationException e = refusal("http://u\u0085@a.example");
    assertThat(e.reason()).isEqualTo("egress.malformed-target"); // screened before userinfo
  }

  @ParameterizedTest
  @CsvSource({"1, 1", "9, 9", "10, 10", "19, 19", "80, 80", "90, 90", "99, 99", "65535, 65535", "65529, 65529", "10000, 10000"})
  void portsInRange(String digits, int port) {
    assertThat(EgressTarget.parse("a.example:" + digits).port()).isEqualTo(port);
    assertThat(EgressTarget.parse("http://a.example:" + digits + "/").port()).isEqualTo(port);
    assertThat(EgressTarget.parse("[::1]:" + digits).port()).isEqualTo(port);
  }

  @ParameterizedTest
  @ValueSource(strings = {
    "0", "00", "01", "065535", "65536", "65540", "99999", "100000", "123456",
    // values that wrap a 32-bit int back into 1-65535 must not slip through
    "4294967376", "4295032831", "8589934672", "",
    "8/", "8:0", "-1", "+1", "1a", "a", "0x50", "\uff18\uff10", "\u0668\u0660", "8 0", "1e3"
  })
  void portsOutOfRangeOrNotPlainDecimal(String digits) {
    String[] texts = {"a.example:" + digits, "[::1]:" + digits, "192.0.2.1:" + digits};
    for (String text : texts) {
      assertThat(reason(text)).as(text).isEqualTo("egress.malformed-target");
    }
  }

  @Test
  void ipv6BracketForms() {
    EgressTarget t = EgressTarget.parse("[2001:DB8::1]");
    assertThat(t.host()).isEqualTo("2001:db8::1");
    assertThat(t.port()).isEqualTo(443);
    assertThat(t.ipLiteral()).contains(IpAddress.parse("2001:db8::1"));
    assertThat(t.authority()).isEqualTo("[2001:db8::1]:443");
    assertThat(t.scheme()).isEmpty();
    assertThat(EgressTarget.parse("http://[::1]").port()).isEqualTo(80);
    assertThat(EgressTarget.parse("http://[::1]/x").authority()).isEqualTo("[::1]:80");
    // RFC 5952 section 5: an IPv4-mapped address keeps its dotted tail
    assertThat(EgressTarget.parse("[::ffff:192.0.2.1]:8080").authority()).isEqualTo("[::ffff:192.0.2.1]:8080");
    for (String bad : new String[] {
      "[::1]:", "[::1]8080", "[::1]x", "[::1", "[]", "[]:80", "[v1.x]", "[V1.x]", "[vf::1]", "[192.0.2.1]", "[::1]]", "[[::1]]",
      "[a.example]", "[::1%eth0]", "[fe80::1%25eth0]:80", "[::1]:80:80", "[:::1]", "[1::2::3]"
    }) {
      assertThat(reason(bad)).as(bad).isEqualTo("egress.malformed-target");
    }
    assertThat(refusal("[v1.x]").getMessage()).contains("IPvFuture literals are refused");
    assertThat(refusal("[V1.x]").getMessage()).contains("IPvFuture literals are refused");
    assertThat(refusal("[::1]x").getMessage()).contains("only ':port' may follow ']'");
    assertThat(refusal("[::1").getMessage()).contains("missing ']'");
    assertThat(refusal("[192.0.2.1]").getMessage()).contains("brackets must hold a strict IPv6 literal");
    assertThat(refusal("1::2").getMessage()).contains("IPv6 literals must be in brackets");
    assertThat(refusal("a.example:8%30").getMessage()).contains("percent-encoding (or an RFC 6874 zone id)");
    assertThat(refusal("%61.example").getMessage()).contains("percent-encoding (or an RFC 6874 zone id)");
    assertThat(refusal("http://%61.example/").getMessage()).contains("percent-encoding (or an RFC 6874 zone id)");
  }

  @Test
  void ipv4AndNameTargets() {
    EgressTarget ip = EgressTarget.parse("192.0.2.1");
    assertThat(ip.ipLiteral()).contains(IpAddress.parse("192.0.2.1"));
    assertThat(ip.authority()).isEqualTo("192.0.2.1:443");
    EgressTarget name = EgressTarget.parse("A.Example.");
    assertThat(name.ipLiteral()).isEmpty();
    assertThat(name.scheme()).isEmpty();
    assertThat(name.authority()).isEqualTo("a.example:443");
    assertThat(refusal("http://:80/").getMessage()).contains("empty host");
    assertThat(refusal("http://").getMessage()).contains("no host");
    assertThat(refusal("http:///a.example").getMessage()).contains("no host");
  }

  @Test
  void ofChecksThePortBoundsAndBracketsBareIpv6() {
    assertThat(EgressTarget.of("a.example", 1).port()).isEqualTo(1);
    assertThat(EgressTarget.of("a.example", 65535).port()).isEqualTo(65535);
    for (int bad : new int[] {0, -1, 65536, Integer.MIN_VALUE, Integer.MAX_VALUE}) {
      PolicyViolationException e = catchThrowableOfType(() -> EgressTarget.of("a.example", bad), PolicyViolationException.class);
      assertThat(e).as("port %d", bad).isNotNull();
      assertThat(e.reason()).isEqualTo("egress.malformed-target");
      assertThat(e.getMessage()).contains("port " + bad + " is outside 1-65535");
    }
    assertThat(EgressTarget.of("::1", 80).authority()).isEqualTo("[::1]:80");
    assertThat(EgressTarget.of("[::1]", 80).authority()).isEqualTo("[::1]:80");
    assertThat(EgressTarget.of("::ffff:192.0.2.1", 80).host()).isEqualTo("::ffff:192.0.2.1");
    assertThat(EgressTarget.of("192.0.2.1", 80).authority()).isEqualTo("192.0.2.1:80");
    assertThat(EgressTarget.of("a.example", 80).scheme()).isEmpty();
    // the host of a CONNECT target is only a host
    assertThat(catchThrowableOfType(() -> EgressTarget.of("a.example:80", 80), PolicyViolationException.class).reason())
        .isEqualTo("egress.malformed-target");
    assertThat(catchThrowableOfType(() -> EgressTarget.of("u@a.example", 80), PolicyViolationException.class).reason())
        .isEqualTo("egress.malformed-target");
  }

  @Test
  void equalityIsAuthorityAndScheme() {
    EgressTarget a = EgressTarget.parse("https://A.example:443/x");
    EgressTarget b = EgressTarget.parse("https://a.example/y");
    EgressTarget bare = EgressTarget.parse("a.example:443");
    EgressTarget http = EgressTarget.parse("http://a.example:443");
    assertThat(a).isEqualTo(b).hasSameHashCodeAs(b).hasToString("a.example:443");
    assertThat(a).isNotEqualTo(bare).isNotEqualTo(http).isNotEqualTo("a.example:443").isNotEqualTo(null);
    assertThat(bare).isEqualTo(EgressTarget.of("a.example", 443)).hasSameHashCodeAs(EgressTarget.of("A.EXAMPLE", 443));
    assertThat(a).isNotEqualTo(EgressTarget.parse("https://a.example:444"));
    assertThat(a).isNotEqualTo(EgressTarget.parse("https://b.example"));
    assertThat(EgressTarget.parse("[::1]:80")).isEqualTo(EgressTarget.of("::1", 80)).hasToString("[::1]:80");
  }
}
