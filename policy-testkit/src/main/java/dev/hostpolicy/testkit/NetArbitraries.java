package dev.hostpolicy.testkit;

import dev.hostpolicy.core.net.IpAddress;
import dev.hostpolicy.core.net.Nat64Prefix;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * Adversarial generators for addresses and hosts: IP literals in every valid textual form and in
 * every ambiguous one a lenient parser would accept, addresses at the edges of every special-purpose
 * block (and just outside), IPv4 addresses wrapped in every IPv6 embedding, host names at the 63/253
 * limits, unicode and punycode spellings of one name, look-alike hosts, and URL authorities built to
 * make two parsers disagree. Also reachable through {@link PolicyArbitraries}.
 *
 * <pre>{@code
 * @Property
 * void ambiguousHostsAreNeverIps(@ForAll("ambiguous") String host) {
 *   assertThatThrownBy(() -> EgressTarget.parse(host)).hasMessageContaining("ambiguous");
 * }
 *
 * @Provide
 * Arbitrary<String> ambiguous() {
 *   return NetArbitraries.ambiguousIpv4Hosts();
 * }
 * }</pre>
 */
public final class NetArbitraries {
  private NetArbitraries() {}

  /**
   * An IP literal as text and the address it denotes.
   *
   * @param text the literal
   * @param address what it means
   */
  public record IpLiteral(String text, IpAddress address) {}

  /**
   * An address chosen near a special-purpose block, and why.
   *
   * @param address the address
   * @param note e.g. "first of 10.0.0.0-10.255.255.255 (RFC 1918)" or "just below ..."
   */
  public record AddressSample(IpAddress address, String note) {}

  /**
   * An IPv4 address and an IPv6 address that embeds it.
   *
   * @param ipv4 the embedded address
   * @param ipv6 the wrapping address
   * @param wrapping the embedding's name
   */
  public record EmbeddedSample(IpAddress ipv4, IpAddress ipv6, String wrapping) {}

  /**
   * Two spellings of one host: a unicode one and its IDNA ASCII (punycode) form.
   *
   * @param unicode the unicode spelling
   * @param ascii the ASCII spelling, lower case
   */
  public record UnicodeHost(String unicode, String ascii) {}

  /**
   * An ASCII host and a look-alike that differs in one character.
   *
   * @param ascii the real host
   * @param lookalike the spoof
   */
  public record Homoglyph(String ascii, String lookalike) {}

  // ------------------------------------------------------------------ addresses

  /** IPv4 addresses: uniformly random, and the edges of every special-purpose block. */
  public static Arbitrary<IpAddress> ipv4Addresses() {
    Arbitrary<IpAddress> random = Arbitraries.integers().between(Integer.MIN_VALUE, Integer.MAX_VALUE).map(NetArbitraries::v4);
    Arbitrary<IpAddress> edges = rangeBoundaries().map(AddressSample::address).filter(IpAddress::isIpv4);
    return Arbitraries.frequencyOf(Tuple.of(1, random), Tuple.of(1, edges));
  }

  /** IPv6 addresses: random, random inside every block's first /64, and block edges. */
  public static Arbitrary<IpAddress> ipv6Addresses() {
    Arbitrary<IpAddress> random = Arbitraries.bytes().array(byte[].class).ofSize(16).map(IpAddress::ofBytes);
    Arbitrary<IpAddress> edges = rangeBoundaries().map(AddressSample::address).filter(IpAddress::isIpv6);
    Arbitrary<IpAddress> nearRows = Combinators.combine(
            Arbitraries.of(ReferenceAddressModel.ipv6Rows()), Arbitraries.longs())
        .as((row, low) -> {
          byte[] b = row.firstAddress().toBytes();
          for (int i = 8; i < 16; i++) {
            b[i] = (byte) (low >>> (8 * (15 - i)));
          }
          return IpAddress.ofBytes(b);
        });
    return Arbitraries.frequencyOf(Tuple.of(1, random), Tuple.of(1, edges), Tuple.of(1, nearRows));
  }

  /**
   * For every block of {@link ReferenceAddressModel}: its first and last address, the neighbours just
   * outside, and one inside.
   */
  public static Arbitrary<AddressSample> rangeBoundaries() {
    List<AddressSample> samples = new ArrayList<>();
    for (List<ReferenceAddressModel.Row> rows : List.of(ReferenceAddressModel.ipv4Rows(), ReferenceAddressModel.ipv6Rows())) {
      for (ReferenceAddressModel.Row row : rows) {
        String span = row.first() + "-" + row.last() + " (" + row.source() + ")";
        BigInteger lo = new BigInteger(1, row.firstAddress().toBytes());
        BigInteger hi = new BigInteger(1, row.lastAddress().toBytes());
        int size = row.firstAddress().toBytes().length;
        samples.add(new AddressSample(row.firstAddress(), "first of " + span));
        samples.add(new AddressSample(row.lastAddress(), "last of " + span));
        addIfInSpace(samples, lo.subtract(BigInteger.ONE), size, "just below " + span);
        addIfInSpace(samples, hi.add(BigInteger.ONE), size, "just above " + span);
        addIfInSpace(samples, lo.add(hi).shiftRight(1), size, "middle of " + span);
      }
    }
    return Arbitraries.of(samples);
  }

  private static void addIfInSpace(List<AddressSample> out, BigInteger value, int size, String note) {
    if (value.signum() < 0 || value.bitLength() > size * 8) {
      return;
    }
    byte[] raw = value.toByteArray();
    byte[] b = new byte[size];
    int copy = Math.min(raw.length, size);
    System.arraycopy(raw, raw.length - copy, b, size - copy, copy);
    out.add(new AddressSample(IpAddress.ofBytes(b), note));
  }

  /**
   * An IPv4 address from {@link #ipv4Addresses()} wrapped in one of the IPv6 embeddings: IPv4-mapped,
   * IPv4-translated, IPv4-compatible, NAT64 64:ff9b::/96, the local-use NAT64 prefix 64:ff9b:1::/48
   * under its /48, /56, /64 and /96 layouts, 6to4 (random subnet and interface id), and Teredo as
   * server (with a public client) or as the XOR-obscured client (with a public server).
   */
  public static Arbitrary<EmbeddedSample> embeddedIpv4() {
    return Combinators.combine(ipv4Addresses(), Arbitraries.integers().between(0, 10), Arbitraries.longs())
        .as(NetArbitraries::wrap);
  }

  private static EmbeddedSample wrap(IpAddress v4, int how, long noise) {
    byte[] a = v4.toBytes();
    byte[] b = new byte[16];
    String name;
    switch (how) {
      case 0:
        b[10] = (byte) 0xff;
        b[11] = (byte) 0xff;
        System.arraycopy(a, 0, b, 12, 4);
        name = "ipv4-mapped";
        break;
      case 1:
        b[8] = (byte) 0xff;
        b[9] = (byte) 0xff;
        System.arraycopy(a, 0, b, 12, 4);
        name = "ipv4-translated";
        break;
      case 2:
        System.arraycopy(a, 0, b, 12, 4);
        name = "ipv4-compatible"; // ::0.0.0.0 and ::0.0.0.1 are :: and ::1, judged as themselves
        break;
      case 3:
        return new EmbeddedSample(v4, Nat64Prefix.WELL_KNOWN.embed(v4), "nat64 64:ff9b::/96");
      case 4:
        return new EmbeddedSample(v4, Nat64Prefix.of(IpAddress.parse("64:ff9b:1::"), 96).embed(v4), "nat64 64:ff9b:1::/96 layout");
      case 8:
      case 9:
      case 10:
        int length = how == 8 ? 48 : how == 9 ? 56 : 64;
        return new EmbeddedSample(v4, Nat64Prefix.of(IpAddress.parse("64:ff9b:1::"), length).embed(v4),
            "nat64 64:ff9b:1::/" + length + " layout");
      case 5:
        b[0] = 0x20;
        b[1] = 0x02;
        System.arraycopy(a, 0, b, 2, 4);
        for (int i = 6; i < 16; i++) {
          b[i] = (byte) (noise >>> (8 * (i % 8)));
        }
        name = "6to4";
        break;
      case 6:
        b[0] = 0x20;
        b[1] = 0x01;
        System.arraycopy(a, 0, b, 4, 4);
        b[8] = (byte) 0x80;
        b[10] = (byte) (noise >>> 8);
        b[11] = (byte) noise;
        byte[] publicClient = {8, 8, 4, 4};
        for (int i = 0; i < 4; i++) {
          b[12 + i] = (byte) ~publicClient[i];
        }
        name = "teredo server";
        break;
      case 7:
      default:
        b[0] = 0x20;
        b[1] = 0x01;
        b[4] = 65;
        b[5] = 54;
        b[6] = (byte) 227;
        b[7] = 120; // 65.54.227.120, the RFC 4380 example server
        b[10] = (byte) (noise >>> 8);
        b[11] = (byte) noise;
        for (int i = 0; i < 4; i++) {
          b[12 + i] = (byte) ~a[i];
        }
        name = "teredo client";
        break;
    }
    return new EmbeddedSample(v4, IpAddress.ofBytes(b), name);
  }

  private static IpAddress v4(int value) {
    return IpAddress.ofBytes(new byte[] {(byte) (value >>> 24), (byte) (value >>> 16), (byte) (value >>> 8), (byte) value});
  }

  // ------------------------------------------------------------------ literals

  /** Strict dotted quads with the address they denote. */
  public static Arbitrary<IpLiteral> ipv4Literals() {
    return ipv4Addresses().map(a -> new IpLiteral(a.toString(), a));
  }

  /**
   * Valid RFC 4291 IPv6 texts in every form: full with leading zeros, short groups, any zero run
   * compressed (not only the longest), upper and mixed case, and a dotted-quad tail.
   */
  public static Arbitrary<IpLiteral> ipv6Literals() {
    return Combinators.combine(ipv6Addresses(), Arbitraries.integers().between(0, 5), Arbitraries.integers().between(0, 7),
            Arbitraries.integers().between(1, 8))
        .as(NetArbitraries::ipv6Text);
  }

  private static IpLiteral ipv6Text(IpAddress a, int style, int runStart, int runLen) {
    byte[] b = a.toBytes();
    int[] g = new int[8];
    for (int i = 0; i < 8; i++) {
      g[i] = ((b[2 * i] & 0xff) << 8) | (b[2 * i + 1] & 0xff);
    }
    boolean dotted = style == 4;
    int groups = dotted ? 6 : 8;
    List<String> parts = new ArrayList<>();
    for (int i = 0; i < groups; i++) {
      parts.add(style == 0 ? String.format(Locale.ROOT, "%04x", g[i]) : Integer.toHexString(g[i]));
    }
    String tail = dotted ? (b[12] & 0xff) + "." + (b[13] & 0xff) + "." + (b[14] & 0xff) + "." + (b[15] & 0xff) : null;
    // compress a zero run inside the hex groups, when the chosen one is all zeros
    int start = Math.min(runStart, groups - 1);
    int len = Math.min(runLen, groups - start);
    boolean zeros = style != 0;
    for (int i = start; i < start + len && zeros; i++) {
      zeros = g[i] == 0;
    }
    String text;
    if (zeros && len >= 1 && style != 0) {
      String left = String.join(":", parts.subList(0, start));
      String right = String.join(":", parts.subList(start + len, groups));
      if (tail != null) {
        right = right.isEmpty() ? tail : right + ":" + tail;
      }
      text = left + "::" + right;
    } else {
      text = String.join(":", parts) + (tail != null ? ":" + tail : "");
    }
    if (style == 3) {
      text = text.toUpperCase(Locale.ROOT);
    } else if (style == 5) {
      StringBuilder sb = new StringBuilder();
      for (int i = 0; i < text.length(); i++) {
        char c = text.charAt(i);
        sb.append(i % 2 == 0 ? Character.toUpperCase(c) : c);
      }
      text = sb.toString();
    }
    return new IpLiteral(text, a);
  }

  /**
   * Numeric hosts that some parser reads as an IPv4 address but that are not ASCII strict dotted
   * quads: octal and hex parts, mixed bases, 1-3 part short forms, 32-bit integers in decimal, octal
   * and hex, values overflowing 32 bits, leading zeros, a trailing dot, five parts, parts over 255,
   * and fullwidth or Arabic-Indic digits. Each one must be refused as ambiguous.
   */
  public static Arbitrary<String> ambiguousIpv4Hosts() {
    Arbitrary<String> fixed = Arbitraries.of(
        "0177.0.0.1", "0x7f.1", "2130706433", "017700000001", "127.1", "0x7f000001", "7147006462",
        "0x7F.0.0.1", "0X7f000001", "127.0.0.1.", "127.000.000.001", "0127.0.0.1", "127.0.1", "1.2.3.4.5",
        "256.1.1.1", "0x", "0x.0x.0x.0x", "4294967296", "00000000000000000000177.0.0.1", "0.0.0.0.",
        "\uff11\uff12\uff17.\uff10.\uff10.\uff11", "\u0661\u0662\u0667.0.0.1", "1\u30022\u30023\u30024",
        "example.123", "a.0x1f", "169.254.169.254.", "0xa9.0xfe.0xa9.0xfe", "2852039166", "0251.0376.0251.0376");
    Arbitrary<String> generated = Combinators.combine(
            Arbitraries.integers().between(Integer.MIN_VALUE, Integer.MAX_VALUE), Arbitraries.integers().between(0, 12),
            Arbitraries.integers().between(1, 3))
        .as(NetArbitraries::ambiguousForm);
    return Arbitraries.frequencyOf(Tuple.of(1, fixed), Tuple.of(3, generated));
  }

  private static String ambiguousForm(int value, int form, int k) {
    long v = value & 0xffffffffL;
    int a = (int) (v >>> 24);
    int b = (int) (v >>> 16) & 0xff;
    int c = (int) (v >>> 8) & 0xff;
    int d = (int) v & 0xff;
    String quad = a + "." + b + "." + c + "." + d;
    switch (form) {
      case 0:
        return "0" + Integer.toOctalString(a) + "." + "0" + Integer.toOctalString(b) + "." + c + "." + d;
      case 1:
        return "0x" + Integer.toHexString(a) + "." + b + "." + c + ".0x" + Integer.toHexString(d);
      case 2:
        return a + "." + b + "." + ((c << 8) | d);
      case 3:
        return a + "." + ((b << 16) | (c << 8) | d);
      case 4:
        return Long.toString(v);
      case 5:
        return "0" + Long.toOctalString(v);
      case 6:
        return (k == 1 ? "0x" : "0X") + Long.toHexString(v);
      case 7:
        return Long.toString(v + (((long) k) << 32));
      case 8:
        return "0" + quad;
      case 9:
        return quad + ".";
      case 10:
        return toDigits(quad, '\uff10');
      case 11:
        return toDigits(quad, '\u0660');
      case 12:
      default:
        return quad + "." + k;
    }
  }

  private static String toDigits(String ascii, char zero) {
    StringBuilder sb = new StringBuilder();
    for (char ch : ascii.toCharArray()) {
      sb.append(ch >= '0' && ch <= '9' ? (char) (zero + (ch - '0')) : ch);
    }
    return sb.toString();
  }

  /**
   * Texts that are not strict IP literals: mutations of valid IPv6 and IPv4 texts (a third colon, two
   * {@code ::}, nine groups, five hex digits, a dotted quad not at the end or with leading zeros, a
   * leading or trailing colon, a zone id, brackets, spaces, non-hex letters, fullwidth digits).
   */
  public static Arbitrary<String> invalidIpLiterals() {
    Arbitrary<String> fixed = Arbitraries.of(
        "", ":", ":::", "1:::2", "1::2::3", "1:2:3:4:5:6:7:8:9", "12345::", "::g", ":1::", "1::2:", "1:2:3:4:5:6:7",
        "::1.2.3.04", "1.2.3.4::", "::1.2.3", "1:2:3:4:5:6:7:1.2.3.4", "fe80::1%eth0", "[::1]", " ::1", "::1 ",
        "::\uff11", "1.2.3", "1.2.3.4.", "01.2.3.4", "1.2.3.256", "1..2.3", "1.2.3.-4", "+1.2.3.4", "1.2.3.4/32",
        "::ffff:1.2.3.4.5", "::ffff:01.2.3.4", "0x1.2.3.4", "1.2.3.4\n", "\u0661.2.3.4", "::1::", "1:2:3:4:5:6:7:8::");
    Arbitrary<String> mutated = Combinators.combine(ipv6Literals(), Arbitraries.integers().between(0, 5))
        .as((lit, m) -> mutate(lit.text(), m));
    return Arbitraries.frequencyOf(Tuple.of(1, fixed), Tuple.of(2, mutated));
  }

  private static String mutate(String t, int how) {
    switch (how) {
      case 0:
        return t + ":";
      case 1:
        return t.contains("::") ? t.replaceFirst("::", ":::") : t + "::1::";
      case 2:
        return t + "%eth0";
      case 3:
        return "[" + t + "]";
      case 4:
        {
          // "::" has no hex digit to replace; a mutation must always change the text
          String replaced = t.replaceFirst("[0-9a-fA-F]", "g");
          return replaced.equals(t) ? t + "g" : replaced;
        }
      case 5:
      default:
        return t.contains("::") ? t + "::" : "1:" + t;
    }
  }

  // ------------------------------------------------------------------ hosts

  private static final String LDH = "abcdefghijklmnopqrstuvwxyz0123456789-";

  /**
   * Valid ASCII host names: 1-5 labels of 1-63 characters (edges favoured), an alphabetic last
   * label, and names of exactly 253 characters.
   */
  public static Arbitrary<String> hostNames() {
    Arbitrary<String> label = Arbitraries.frequencyOf(
            Tuple.of(3, Arbitraries.integers().between(1, 12)),
            Tuple.of(1, Arbitraries.of(1, 62, 63)))
        .flatMap(n -> Arbitraries.strings().withChars(LDH).ofLength(n))
        .map(NetArbitraries::fixHyphens)
        .filter(l -> !l.startsWith("xn--"));
    Arbitrary<String> tld = Arbitraries.strings().withCharRange('a', 'z').ofMinLength(2).ofMaxLength(10);
    Arbitrary<String> ordinary = Combinators.combine(label.list().ofMinSize(0).ofMaxSize(4), tld)
        .as((labels, last) -> {
          List<String> all = new ArrayList<>(labels);
          all.add(last);
          return String.join(".", all);
        })
        .filter(h -> h.length() <= 253);
    Arbitrary<String> longest = Arbitraries.strings().withCharRange('a', 'z').ofLength(61)
        .map(s -> "a".repeat(63) + "." + "b".repeat(63) + "." + "c".repeat(63) + "." + s); // 253 characters
    return Arbitraries.frequencyOf(Tuple.of(6, ordinary), Tuple.of(1, longest));
  }

  private static String fixHyphens(String s) {
    char[] c = s.toCharArray();
    if (c[0] == '-') {
      c[0] = 'a';
    }
    if (c[c.length - 1] == '-') {
      c[c.length - 1] = 'z';
    }
    return new String(c);
  }

  /**
   * Invalid host names: a 64-character label, a 254-character name, empty labels, leading or
   * trailing hyphens, underscores, spaces, control characters, percent-encoding, '@', '\', a
   * bogus punycode label, and the invisible or deviation characters (ZWJ, soft hyphen, ß).
   */
  public static Arbitrary<String> invalidHostNames() {
    return Arbitraries.of(
        "a".repeat(64) + ".com", "a".repeat(63) + "." + "b".repeat(63) + "." + "c".repeat(63) + "." + "d".repeat(62),
        "a..b", ".a.com", "a.com..", "-a.com", "a-.com", "a_b.com", "a b.com", "a\tb.com", "a\u0000.com", "a%2e.com",
        "user@a.com", "a\\b.com", "xn--a.com", "xn--.com", "ex\u200dample.com", "ex\u00adample.com", "stra\u00dfe.de",
        "\u03c2.gr", "a\u202e.com", "a\ufeff.com", "", ".", "..", "a.com\r\nx", "a*.com", "*", "[a].com", "a:b.com");
  }

  /**
   * A unicode host and its punycode spelling, from the IANA IDN test domains (RFC 3492 encoding) and
   * classic examples, with random case and optional ASCII labels around them.
   */
  public static Arbitrary<UnicodeHost> unicodeHosts() {
    Map<String, String> vectors = Map.ofEntries(
        Map.entry("b\u00fccher", "xn--bcher-kva"),
        Map.entry("m\u00fcnchen", "xn--mnchen-3ya"),
        Map.entry("espa\u00f1a", "xn--espaa-rta"),
        Map.entry("\u043f\u0440\u0438\u043c\u0435\u0440", "xn--e1afmkfd"),
        Map.entry("\u0438\u0441\u043f\u044b\u0442\u0430\u043d\u0438\u0435", "xn--80akhbyknj4f"),
        Map.entry("\u03c0\u03b1\u03c1\u03ac\u03b4\u03b5\u03b9\u03b3\u03bc\u03b1", "xn--hxajbheg2az3al"),
        Map.entry("\u03b4\u03bf\u03ba\u03b9\u03bc\u03ae", "xn--jxalpdlp"),
        Map.entry("\u65e5\u672c\u8a9e", "xn--wgv71a119e"),
        Map.entry("\u4f8b\u3048", "xn--r8jz45g"),
        Map.entry("\u30c6\u30b9\u30c8", "xn--zckzah"));
    List<Map.Entry<String, String>> entries = new ArrayList<>(vectors.entrySet());
    return Combinators.combine(Arbitraries.of(entries), Arbitraries.of("", "www.", "a-b."), Arbitraries.of("example", "test", "co.uk"),
            Arbitraries.of(false, true))
        .as((e, prefix, suffix, upper) -> {
          String u = prefix + e.getKey() + "." + suffix;
          return new UnicodeHost(upper ? u.toUpperCase(Locale.ROOT) : u, prefix + e.getValue() + "." + suffix);
        });
  }

  private static final Map<Character, String> CONFUSABLES = Map.ofEntries(
      Map.entry('a', "\u0430"), Map.entry('c', "\u0441"), Map.entry('e', "\u0435"), Map.entry('i', "\u0456"),
      Map.entry('j', "\u0458"), Map.entry('o', "\u043e"), Map.entry('p', "\u0440"), Map.entry('s', "\u0455"),
      Map.entry('x', "\u0445"), Map.entry('y', "\u0443"), Map.entry('h', "\u04bb"), Map.entry('v', "\u03bd"),
      Map.entry('k', "\u03ba"), Map.entry('l', "\u04cf"), Map.entry('d', "\u0501"), Map.entry('g', "\u0261"));

  /** An ASCII host and a look-alike with one letter swapped for a Cyrillic, Greek or IPA confusable. */
  public static Arbitrary<Homoglyph> homoglyphHosts() {
    return Combinators.combine(hostNames(), Arbitraries.integers().between(0, 252))
        .as((host, at) -> {
          for (int i = 0; i < host.length(); i++) {
            int pos = (at + i) % host.length();
            String sub = CONFUSABLES.get(host.charAt(pos));
            if (sub != null) {
              return new Homoglyph(host, host.substring(0, pos) + sub + host.substring(pos + 1));
            }
          }
          return new Homoglyph(host + ".example", host + ".ex\u0430mple");
        });
  }

  /**
   * Targets built to make URL parsers disagree: userinfo in every disguise ({@code @} after
   * {@code #}, {@code ?}, {@code ;}, {@code :}, encoded), backslashes, percent-encoding, CR/LF, tabs,
   * IPv6 zone ids, IPvFuture, bad ports, other schemes, and ambiguous numeric hosts inside URLs.
   */
  public static Arbitrary<String> trickyAuthorities() {
    Arbitrary<String> host = Arbitraries.of("good.example", "127.0.0.1", "[::1]", "169.254.169.254", "evil.example");
    Arbitrary<String> trick = Arbitraries.of(
        "http://%s@evil.example/", "http://evil.example#@%s/", "http://%s#@evil.example/", "http://%s\\@evil.example/",
        "http://%s;@evil.example/", "http://%s:80@evil.example/", "http://%s?@evil.example/", "http://%s%%40evil.example/",
        "http://%s%%2f@evil.example/", "http://user:pass@%s/", "https://%s\\.evil.example/", "http://%s\r\nHost: evil/",
        "http://%s\t/", "http://%s /", "http:\\\\%s/", "http:/%s/", "//%s/", "ftp://%s/", "gopher://%s:70/", "file://%s/etc",
        "http://%s:0/", "http://%s:65536/", "http://%s:/", "http://%s:080/", "http://%s:80:80/", "http://%s:+80/",
        "http://[fe80::1%%25eth0]/", "http://[v1.x]/", "http://[127.0.0.1]/", "http://0x7f.1/", "http://0177.0.0.1/",
        "http://2130706433/", "http://127.1/", "http://%s./", "http://%s../", "%s@evil.example:443", "HTTP://%s/",
        "http://%s/a@b", "http://%s?x=@evil", "http://%s#frag@x");
    return Combinators.combine(trick, host).as((t, h) -> String.format(Locale.ROOT, t, h));
  }

  /** Valid allowlist entries: exact hosts, leading wildcards, IPs, each with or without a port. */
  public static Arbitrary<String> hostPatterns() {
    Arbitrary<String> hostish = Arbitraries.frequencyOf(
        Tuple.of(3, hostNames().filter(h -> h.contains("."))),
        Tuple.of(2, hostNames().filter(h -> h.contains(".")).map(h -> "*." + h)),
        Tuple.of(1, ipv4Literals().map(IpLiteral::text)),
        Tuple.of(1, ipv6Literals().map(l -> "[" + l.address() + "]")));
    return Combinators.combine(hostish, Arbitraries.of("", ":443", ":80", ":8443", ":1", ":65535"))
        .as((h, p) -> h + p);
  }
}
