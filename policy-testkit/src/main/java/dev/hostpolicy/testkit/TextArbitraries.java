package dev.hostpolicy.testkit;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Tuple;

/**
 * Hostile text for escapers and anything else that embeds untrusted strings: quotes of every
 * kind, {@code $}, backticks, {@code !}, backslashes, newlines, CR, C0/C1 controls, DEL,
 * {@code </script>}, {@code <!--}, YAML 1.1 look-alikes, the BOM, bidi overrides, zero-width
 * characters, line separators, noncharacters, combining marks, astral characters (emoji, tag
 * characters) and random code points from every plane. Every generated string is valid Unicode
 * (no lone surrogate) unless the method says otherwise.
 *
 * <pre>{@code
 * @Property(tries = 5000)
 * void roundTrips(@ForAll("text") String s) {
 *   assertThat(parseYaml("v: " + YamlEscaper.doubleQuoted(s))).isEqualTo(Map.of("v", s));
 * }
 *
 * @Provide
 * Arbitrary<String> text() {
 *   return TextArbitraries.hostileText();
 * }
 * }</pre>
 */
public final class TextArbitraries {
  private TextArbitraries() {}

  /** Single hostile characters (no NUL; see {@link #hostileText()} for NUL). */
  static final String HOSTILE_CHARS =
      "'\"`$!\\\n\r\t ;|&<>(){}[]*?~#=%^-+/:.,@_"
          + "\u0001\u0007\u0008\u000b\u000c\u001b\u001f\u007f\u0080\u0085\u009b\u009f"
          + "\u00a0\u00ad\u00e9\u0301\u0130\u0131\u2028\u2029\ufeff\u202a\u202e\u2066\u2069\u200b\u200d\u200e\u061c"
          + "\u3000\uff07\uff02\uff1c\ufe64\u2018\u2019\u201c\u201d\ufffd\ufffe\uffff\ufdd0\u0660"
          + "aZz09";

  /** Multi-character attack fragments: injections for each context and parser look-alikes. */
  static final List<String> FRAGMENTS = List.of(
      "</script>", "</SCRIPT ", "</script", "<script>", "<!--", "-->", "]]>", "<![CDATA[", "<img src=x onerror=alert(1)>",
      "$(whoami)", "`id`", "; rm -rf /", "\"$(whoami)\"", "'$(id)'", "!event", "!!", "!-1", "${IFS}", "$'\\x41'",
      "$\"x\"", "'\\''", "\\\n", "\\\\", "\\'", "\\\"", "&amp;", "&#0;", "&#x80;", "&lt;", "\r\n", "\n\n",
      "\\u2028", "\\x3c", "\\0", "\\1", "\\n", "&", "s/a/b/", "\\(\\)", ".*", "[^]", "${a}", "%s", "{{x}}",
      "no", "on", "Yes", "0755", "0x1F", "12:30:00", "~", "null", "#x", "&x", "*x", "!!str", "- ", ": ", "? ", "|", ">",
      "---", "...", "%YAML", "__proto__", "constructor", "\ud83d\ude00", "\ud83c\udff3\ufe0f\u200d\ud83c\udf08",
      "\udb40\udc01", "\udb40\udc41\udb40\udc7f", "\ud834\udd1e", "\ud800\udc00", "\udbff\udfff");

  /** Attack strings named by HostPolicy's threat model, as given to a host (they include NUL). */
  static final List<String> ATTACKS = List.of(
      "$(whoami)", "`id`", "; rm -rf /", "\"$(whoami)\"", "!event", "a\u0000b", "\ufeffbom", "\u202eevil",
      "zero\u200bwidth", "</script><script>alert(1)</script>", "<!--", "x\ny", "x\r\ny", "it's", "\\", "\"",
      "'\"`$", "\u2028\u2029", "\u0085", "no", "0755", "~", "null", "#x", "&x", "*x", "", " ", "-rf", "--help");

  /** YAML 1.1 plain scalars that resolve to something other than the same string. */
  static final List<String> YAML_LOOKALIKES = List.of(
      "no", "No", "NO", "n", "N", "off", "Off", "on", "ON", "yes", "y", "Y", "true", "False", "~", "null", "Null", "NULL", "",
      "0755", "0o17", "0x1F", "0b101", "1_000", "+12", "-0", "12:30:00", "190:20:30", "1e3", "1.5", ".inf", "-.Inf",
      ".NaN", "2001-12-14", "2001-12-14t21:59:43.10-05:00", "2002-12-14 21:59:43.10 -5", "<<", "=", "#x", "&x", "*x",
      "!x", "!!str x", "|", ">", "- a", "? a", "a: b", "[a]", "{a: b}", "%YAML 1.1", "---", "...", "@x", "`x", "'x'",
      "\"x\"", " x", "x ", "x #y");

  private static Arbitrary<Integer> validCodePoints() {
    return Arbitraries.frequencyOf(
        Tuple.of(5, Arbitraries.integers().between(0, 0x7ff)),
        Tuple.of(3, Arbitraries.integers().between(0x800, 0xffff)),
        Tuple.of(2, Arbitraries.integers().between(0x10000, 0x10ffff)))
        .filter(cp -> cp < 0xd800 || cp > 0xdfff);
  }

  private static Arbitrary<String> pieces(boolean nul) {
    Arbitrary<String> chars = Arbitraries.of(HOSTILE_CHARS.chars().mapToObj(c -> String.valueOf((char) c)).toList());
    Arbitrary<String> plain = Arbitraries.strings().withCharRange('a', 'z').withCharRange('0', '9').ofMinLength(1).ofMaxLength(6);
    Arbitrary<String> codePoints = validCodePoints().filter(cp -> nul || cp != 0).map(Character::toString);
    Arbitrary<String> fragments = Arbitraries.of(FRAGMENTS);
    return nul
        ? Arbitraries.frequencyOf(Tuple.of(8, chars), Tuple.of(3, plain), Tuple.of(4, codePoints), Tuple.of(4, fragments),
            Tuple.of(1, Arbitraries.just("\u0000")))
        : Arbitraries.frequencyOf(Tuple.of(8, chars), Tuple.of(3, plain), Tuple.of(4, codePoints), Tuple.of(4, fragments));
  }

  /** Hostile valid-Unicode strings, 0–16 pieces long; may contain U+0000. */
  public static Arbitrary<String> hostileText() {
    return Arbitraries.oneOf(
        pieces(true).list().ofMaxSize(16).map(l -> String.join("", l)),
        Arbitraries.of(ATTACKS),
        Arbitraries.of(YAML_LOOKALIKES));
  }

  /**
   * Hostile valid-Unicode strings without U+0000: what can be passed to a shell or {@code sed} at
   * all.
   */
  public static Arbitrary<String> hostileTextWithoutNul() {
    return Arbitraries.oneOf(
        pieces(false).list().ofMaxSize(16).map(l -> String.join("", l)),
        Arbitraries.of(ATTACKS.stream().filter(s -> s.indexOf('\0') < 0).toList()),
        Arbitraries.of(YAML_LOOKALIKES));
  }

  /** Strings holding at least one lone surrogate (a high one without its low half, or the reverse). */
  public static Arbitrary<String> textWithLoneSurrogate() {
    Arbitrary<String> lone = Arbitraries.oneOf(
        Arbitraries.chars().range('\ud800', '\udbff').map(String::valueOf),
        Arbitraries.chars().range('\udc00', '\udfff').map(String::valueOf),
        Arbitraries.just("\udc00\ud800"));
    return net.jqwik.api.Combinators.combine(hostileText(), lone, hostileText())
        .as((a, l, b) -> {
          // keep the surrogate lone: no high surrogate right before it, no low one right after it
          String before = a.isEmpty() || !Character.isHighSurrogate(a.charAt(a.length() - 1)) ? a : a + "x";
          String after = b.isEmpty() || !Character.isLowSurrogate(b.charAt(0)) ? b : "x" + b;
          return before + l + after;
        });
  }

  /** The attack strings of the threat model ({@code $(…)}, backticks, {@code ; rm}, NUL, BOM, RTL override, …). */
  public static Arbitrary<String> injectionCorpus() {
    return Arbitraries.of(ATTACKS);
  }

  /** YAML 1.1 plain scalars that are not strings ({@code no}, {@code on}, {@code 0755}, {@code 12:30:00}, {@code ~}, …). */
  public static Arbitrary<String> yaml11Lookalikes() {
    return Arbitraries.of(YAML_LOOKALIKES);
  }
}
