package dev.hostpolicy.core.net;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hostpolicy.core.net.HostSyntax.Kind;
import dev.hostpolicy.core.net.HostSyntax.Result;
import java.net.IDN;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Character classes, length limits, label rules and the "ends in a number" test of {@link HostSyntax},
 * swept over ASCII and Latin-1 — mutation testing (docs/assurance.md) showed boundary mutants of these
 * rules surviving. Expectations follow the rule in the class Javadoc and docs/egress.md ("Host
 * syntax"): IDNA ToASCII with STD3 rules as java.net.IDN implements it (RFC 3490), the refusals listed
 * there, and the WHATWG URL host parser's "ends in a number" rule.
 */
class HostSyntaxBoundaryTest {

  private static Result classify(String host) {
    return HostSyntax.classify(host);
  }

  private static boolean ldh(char c) {
    return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-';
  }

  /** The refusal {@code forbidden} names for a character, or {@code null}. */
  private static String refusal(char c) {
    if (c < 0x20 || c >= 0x7f && c <= 0x9f) {
      return "control character in a host";
    }
    switch (c) {
      case ' ':
        return "space in a host";
      case '%':
        return "percent-encoded host";
      case '@':
        return "'@' in a host (userinfo is refused)";
      case '\\':
      case '/':
      case '?':
      case '#':
        return "'" + c + "' in a host";
      case ':':
        return "':' in a host (IPv6 literals go in brackets)";
      case '[':
      case ']':
        return "bracket in a host";
      case '*':
        return "'*' in a host";
      case '\u00df':
        return "IDNA deviation character U+00DF (IDNA2003 and UTS #46 disagree)";
      case '\u00a0': // no-break space: SPACE_SEPARATOR
      case '\u00ad': // soft hyphen: FORMAT (RFC 3454 B.1 would delete it)
        return String.format(Locale.ROOT, "invisible, formatting or unassigned character U+%04X in a host", (int) c);
      default:
        return null;
    }
  }

  @Test
  void everyAsciiAndLatin1CharacterInsideALabel() {
    for (char c = 0; c < 0x100; c++) {
      String host = "a" + c + "b.example";
      Result r = classify(host);
      String why = refusal(c);
      if (why != null) {
        assertThat(r.kind()).as("U+%04X", (int) c).isEqualTo(Kind.MALFORMED);
        assertThat(r.why()).as("U+%04X", (int) c).isEqualTo(why);
      } else if (c == '.') {
        assertThat(r.name()).isEqualTo("a.b.example");
      } else if (ldh(c)) {
        assertThat(r.kind()).as("U+%04X", (int) c).isEqualTo(Kind.NAME);
        assertThat(r.name()).as("U+%04X", (int) c).isEqualTo("a" + Character.toLowerCase(c) + "b.example");
      } else if (c < 0x80) {
        // other ASCII: STD3 rules refuse non-LDH characters
        assertThat(r.kind()).as("U+%04X", (int) c).isEqualTo(Kind.MALFORMED);
        assertThat(r.why()).as("U+%04X", (int) c).startsWith("not a valid host name (IDNA: ");
      } else {
        // the rest of Latin-1: whatever IDNA ToASCII with STD3 rules (java.net.IDN) makes of it
        String ace;
        try {
          ace = IDN.toASCII(host, IDN.USE_STD3_ASCII_RULES).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
          ace = null;
        }
        if (ace == null) {
          assertThat(r.kind()).as("U+%04X", (int) c).isEqualTo(Kind.MALFORMED);
          assertThat(r.why()).as("U+%04X", (int) c).startsWith("not a valid host name (IDNA: ");
        } else {
          assertThat(r.kind()).as("U+%04X", (int) c).isEqualTo(Kind.NAME);
          assertThat(r.name()).as("U+%04X", (int) c).isEqualTo(ace);
        }
      }
    }
    // the Latin-1 letters that matter: é is punycode, ª and superscript digits map to ASCII (NFKC)
    assertThat(classify("caf\u00e9.example").name()).isEqualTo("xn--caf-dma.example");
    assertThat(classify("a\u00b9b.example").name()).isEqualTo("a1b.example");
  }

  @Test
  void invisibleAndIgnorableCodePointsThatIdnaWouldDeleteAreRefused() {
    // RFC 3454 table B.1 maps each of these to nothing: "a<c>b" would silently become "ab"
    int[] deleted = {0x00ad, 0x034f, 0x1806, 0x180b, 0x180d, 0x200b, 0x200c, 0x200d, 0x2060, 0xfe00, 0xfe0f, 0xfeff};
    for (int cp : deleted) {
      Result r = classify("a" + new String(Character.toChars(cp)) + "b.example");
      assertThat(r.kind()).as("U+%04X", cp).isEqualTo(Kind.MALFORMED);
      assertThat(r.why()).as("U+%04X", cp).contains(String.format(Locale.ROOT, "U+%04X", cp));
    }
    // variation selectors, including the supplementary range's first and last
    for (int cp : new int[] {0xfe00, 0xfe0f, 0xe0100, 0xe01ef, 0x180b, 0x180d, 0x034f, 0x1806}) {
      assertThat(classify("a" + new String(Character.toChars(cp)) + "b.example").why()).as("U+%04X", cp)
          .isEqualTo(String.format(Locale.ROOT, "variation selector or ignorable character U+%04X in a host", cp));
    }
    // just outside the variation-selector ranges: ordinary IDNA applies
    assertThat(classify("a\ufe10b.example").why()).startsWith("not a valid host name (IDNA: "); // maps to ','
    // line/paragraph separators, private use, lone surrogates, unassigned, ideographic space
    for (int cp : new int[] {0x2028, 0x2029, 0xe000, 0xd800, 0xdc00, 0x0378, 0x3000}) {
      assertThat(classify("a" + (char) cp + "b.example").why()).as("U+%04X", cp)
          .isEqualTo(String.format(Locale.ROOT, "invisible, formatting or unassigned character U+%04X in a host", cp));
    }
  }

  @Test
  void idnaDeviationCharactersAreRefused() {
    // IDNA2003 (the JDK) maps ß to "ss" and ς to σ; UTS #46 (browsers, curl) keeps them
    for (int cp : new int[] {0x00df, 0x1e9e, 0x03c2}) {
      Result r = classify("a" + (char) cp + "b.example");
      assertThat(r.kind()).as("U+%04X", cp).isEqualTo(Kind.MALFORMED);
      assertThat(r.why()).as("U+%04X", cp).isEqualTo(String.format(Locale.ROOT,
          "IDNA deviation character U+%04X (IDNA2003 and UTS #46 disagree)", cp));
    }
    assertThat(classify("\u03c3.example").kind()).isEqualTo(Kind.NAME); // σ itself is fine
  }

  @Test
  void nonAsciiDigitsAreAmbiguousWhereverTheyStand() {
    Result r = classify("a\u0661.example"); // ARABIC-INDIC DIGIT ONE inside a name
    assertThat(r.kind()).isEqualTo(Kind.AMBIGUOUS);
    assertThat(r.why()).isEqualTo("non-ASCII digit U+0661 in a host");
    assertThat(classify("\uff11.example").kind()).isEqualTo(Kind.AMBIGUOUS); // FULLWIDTH DIGIT ONE
    // superscript one is not a digit (No), but NFKC maps it to '1': the host then ends in a number
    Result sup = classify("127.0.0.\u00b9");
    assertThat(sup.kind()).isEqualTo(Kind.AMBIGUOUS);
    assertThat(sup.why()).isEqualTo("non-ASCII text that maps to a numeric host");
  }

  @Test
  void inputLengthLimitIsExact() {
    // 1024 characters are looked at (an all-digit host is ambiguous), 1025 are not
    assertThat(classify("1".repeat(HostSyntax.MAX_INPUT)).kind()).isEqualTo(Kind.AMBIGUOUS);
    Result tooLong = classify("1".repeat(HostSyntax.MAX_INPUT + 1));
    assertThat(tooLong.kind()).isEqualTo(Kind.MALFORMED);
    assertThat(tooLong.why()).isEqualTo("host longer than 1024 characters");
    assertThat(classify("").why()).isEqualTo("empty host");
  }

  @Test
  void labelAndNameLimitsAreExact() {
    String l63 = "a".repeat(63);
    assertThat(classify(l63 + ".example").name()).isEqualTo(l63 + ".example");
    assertThat(classify(l63).name()).isEqualTo(l63);
    assertThat(classify("a".repeat(64) + ".example").why()).isEqualTo("label longer than 63 characters");
    assertThat(classify("example." + "a".repeat(64)).why()).isEqualTo("label longer than 63 characters");
    String name253 = (l63 + ".").repeat(3) + "b".repeat(61);
    assertThat(classify(name253).name()).isEqualTo(name253);
    assertThat(classify(name253 + ".").name()).isEqualTo(name253);
    assertThat(classify(name253 + "b").why()).isEqualTo("host name longer than 253 characters");
  }

  @Test
  void theAsciiFastPathAppliesTheSameLimitsAsIdna() {
    // a too-long label built around each boundary character of the LDH class: refused by the label
    // rule itself, whichever character it holds
    for (char c : "azAZ09-".toCharArray()) {
      String label = "b" + c + "b".repeat(62);
      assertThat(classify(label + ".example").why()).as("%s", c).isEqualTo("label longer than 63 characters");
      assertThat(classify("x." + label).why()).as("%s", c).isEqualTo("label longer than 63 characters");
    }
  }

  @Test
  void labelsAreNotEmptyAndDoNotStartOrEndWithAHyphen() {
    assertThat(classify("a..example").why()).isEqualTo("empty label");
    assertThat(classify(".example").why()).isEqualTo("empty label");
    assertThat(classify("example..").why()).isEqualTo("empty label");
    assertThat(classify(".").why()).isEqualTo("empty label");
    assertThat(classify("-a.example").why()).isEqualTo("label starts or ends with '-'");
    assertThat(classify("a-.example").why()).isEqualTo("label starts or ends with '-'");
    assertThat(classify("a.example-").why()).isEqualTo("label starts or ends with '-'");
    assertThat(classify("a.-example").why()).isEqualTo("label starts or ends with '-'");
    assertThat(classify("a-b.ex-ample").name()).isEqualTo("a-b.ex-ample");
    assertThat(classify("a").name()).isEqualTo("a");
    assertThat(classify("z9.0z").name()).isEqualTo("z9.0z");
    assertThat(classify("Z.EXAMPLE.").name()).isEqualTo("z.example");
  }

  @Test
  void unicodeFullStopsSeparateLabels() {
    assertThat(classify("a\u3002b\uff0ec\uff61d").name()).isEqualTo("a.b.c.d");
    assertThat(classify("\u00e9\u3002example").name()).isEqualTo("xn--9ca.example");
    assertThat(classify("\u00e9\u3002").name()).isEqualTo("xn--9ca"); // a trailing ideographic full stop
  }

  @ParameterizedTest
  @ValueSource(strings = {"a.0", "a.9", "a.09", "a.0x", "a.0x0", "a.0x9", "a.0xa", "a.0xf", "a.0xaf", "a.0XFF", "a.b.123", "0.a.1"})
  void hostsEndingInANumberAreAmbiguous(String host) {
    assertThat(classify(host).kind()).isEqualTo(Kind.AMBIGUOUS);
    assertThat(classify(host).why()).isEqualTo(
        "numeric host that is not a strict dotted quad (octal, hex, short or integer forms and trailing dots are refused)");
    assertThat(HostSyntax.endsInNumber(host.toLowerCase(Locale.ROOT))).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"a.0xg", "a.0x0g", "a.x0", "a.1a", "a.a1", "a.0y1", "1.a", "0x1.a", "a.0x-1", "a.1-2"})
  void hostsEndingInSomethingElseAreNames(String host) {
    assertThat(classify(host).kind()).isEqualTo(Kind.NAME);
    assertThat(classify(host).name()).isEqualTo(host);
    assertThat(HostSyntax.endsInNumber(host)).isFalse();
  }

  @Test
  void endsInNumberLooksOnlyAtTheLastLabel() {
    assertThat(HostSyntax.endsInNumber("")).isFalse();
    assertThat(HostSyntax.endsInNumber("a.")).isFalse();
    assertThat(HostSyntax.endsInNumber("1")).isTrue();
    assertThat(HostSyntax.endsInNumber("0x")).isTrue();
    assertThat(HostSyntax.endsInNumber("a/")).isFalse();
    assertThat(HostSyntax.endsInNumber("a:")).isFalse();
    assertThat(HostSyntax.endsInNumber("0x`")).isFalse();
    assertThat(HostSyntax.endsInNumber("0xg")).isFalse();
  }

  @Test
  void strictDottedQuadsAreIpsAndOnlyInAscii() {
    Result r = classify("192.0.2.1");
    assertThat(r.kind()).isEqualTo(Kind.IP);
    assertThat(r.ip()).isEqualTo(IpAddress.parse("192.0.2.1"));
    assertThat(r.name()).isEqualTo("192.0.2.1");
    assertThat(classify("192.0.2.1.").kind()).isEqualTo(Kind.AMBIGUOUS);
    assertThat(classify("192\u30020.2.1").kind()).isEqualTo(Kind.AMBIGUOUS); // ideographic full stop
    assertThat(classify("256.0.0.1").kind()).isEqualTo(Kind.AMBIGUOUS);
  }

  @Test
  void punycodeLabelsMustRoundTrip() {
    assertThat(classify("xn--bcher-kva.example").name()).isEqualTo("xn--bcher-kva.example");
    assertThat(classify("XN--BCHER-KVA.example").name()).isEqualTo("xn--bcher-kva.example");
    assertThat(classify("xn--9ca").name()).isEqualTo("xn--9ca");
    // decodes to nothing valid, or to a code point unassigned in Unicode 3.2 (an emoji)
    assertThat(classify("xn--a.example").why()).isEqualTo("label xn--a is not valid punycode");
    assertThat(classify("xn--ls8h.example").why()).isEqualTo("label xn--ls8h is not valid punycode");
    // "xn--" followed by text that is not punycode of anything
    assertThat(classify("a.xn--zzzzzzzzzzz").kind()).isEqualTo(Kind.MALFORMED);
    // a label that merely contains "xn--" later is an ordinary label
    assertThat(classify("axn--b.example").name()).isEqualTo("axn--b.example");
  }

  @Test
  void bareIpv6IsReadOnlyByClassifyBareOrIpv6() {
    assertThat(HostSyntax.classifyBareOrIpv6("2001:DB8::1").ip()).isEqualTo(IpAddress.parse("2001:db8::1"));
    assertThat(HostSyntax.classifyBareOrIpv6("2001:DB8::1").name()).isEqualTo("2001:db8::1");
    assertThat(HostSyntax.classifyBareOrIpv6("::1").kind()).isEqualTo(Kind.IP);
    assertThat(HostSyntax.classifyBareOrIpv6("1:2").why()).isEqualTo("not a strict IPv6 literal");
    assertThat(HostSyntax.classifyBareOrIpv6("[::1]").kind()).isEqualTo(Kind.MALFORMED);
    assertThat(HostSyntax.classifyBareOrIpv6("Example.com").name()).isEqualTo("example.com");
    assertThat(classify("::1").why()).isEqualTo("':' in a host (IPv6 literals go in brackets)");
  }
}
