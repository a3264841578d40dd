package dev.hostpolicy.testkit;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * Adversarial generators for HTTP/1.1 messages as a proxy or server reads them: well-formed
 * absolute-form requests with end-to-end and hop-by-hop fields in any case, and request smuggling and
 * malformed-head variants — CL.TE, TE.CL, TE.TE obfuscations, repeated or non-decimal Content-Length,
 * obsolete line folding, bare CR or LF, whitespace before the colon, control characters, Host
 * mismatches — each with the reason code a strict HostPolicy reader gives it. Also reachable through
 * {@link PolicyArbitraries}. Sources: RFC 9112 sections 2.2, 3.2, 5.1, 5.2, 6.1 and 6.3; Kettle,
 * "HTTP Desync Attacks" (2019).
 *
 * <pre>{@code
 * @Property
 * void smugglingIsRefused(@ForAll("smuggling") HttpArbitraries.Malformed m) {
 *   assertThat(send(m.head()).status()).isEqualTo(400);
 * }
 *
 * @Provide
 * Arbitrary<HttpArbitraries.Malformed> smuggling() {
 *   return HttpArbitraries.smugglingRequests("origin.test:8080");
 * }
 * }</pre>
 */
public final class HttpArbitraries {
  private HttpArbitraries() {}

  /** Token characters (RFC 9110 section 5.6.2). */
  static final String TCHAR = "!#$%&'*+-.^_`|~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

  /** Field names that belong to one connection, plus the {@code Proxy-*} family (RFC 9110 section 7.6.1). */
  public static final Set<String> HOP_BY_HOP =
      Set.of("connection", "keep-alive", "proxy-connection", "te", "trailer", "upgrade", "proxy-authorization");

  /** Field names a generated end-to-end field never has: hop-by-hop, framing, Host, Expect. */
  private static final Set<String> RESERVED =
      Set.of("connection", "keep-alive", "proxy-connection", "te", "trailer", "upgrade", "host", "expect",
          "content-length", "transfer-encoding");

  /**
   * A header field.
   *
   * @param name as sent
   * @param value as sent (no surrounding whitespace)
   */
  public record Field(String name, String value) {
    /** {@code name: value\r\n}. */
    public String line() {
      return name + ": " + value + "\r\n";
    }
  }

  /**
   * A well-formed absolute-form request without a body.
   *
   * @param method a token
   * @param authority {@code host:port}
   * @param path the origin-form path and query
   * @param fields the header fields after Host, in order (end-to-end and hop-by-hop mixed)
   */
  public record RequestSample(String method, String authority, String path, List<Field> fields) {
    /** The request head: request line, Host, the fields, the empty line. */
    public String head() {
      StringBuilder sb = new StringBuilder();
      sb.append(method).append(" http://").append(authority).append(path).append(" HTTP/1.1\r\n");
      sb.append("Host: ").append(authority).append("\r\n");
      for (Field f : fields) {
        sb.append(f.line());
      }
      return sb.append("\r\n").toString();
    }
  }

  /**
   * A request head a strict reader must refuse, with the reason code HostPolicy gives it.
   *
   * @param head the complete head (and any body bytes after it)
   * @param reason {@code proxy.ambiguous-length}, {@code proxy.obs-fold}, {@code proxy.bare-cr-lf},
   *     {@code proxy.malformed-request} or {@code proxy.host-mismatch}
   * @param why what the variant is
   */
  public record Malformed(String head, String reason, String why) {}

  /** Header field names: random tokens and common names. */
  public static Arbitrary<String> fieldNames() {
    return Arbitraries.frequencyOf(
        Tuple.of(3, Arbitraries.strings().withChars(TCHAR).ofMinLength(1).ofMaxLength(20)),
        Tuple.of(2, Arbitraries.of("Accept", "User-Agent", "X-Request-Id", "Cookie", "Authorization", "Cache-Control",
            "If-None-Match", "Range", "Origin", "Referer", "X-Forwarded-For")));
  }

  /** Field values: visible ASCII and obs-text, with inner spaces and tabs, never surrounding whitespace. */
  public static Arbitrary<String> fieldValues() {
    Arbitrary<Character> visible = Arbitraries.chars().range('!', '~');
    Arbitrary<Character> inner = Arbitraries.frequencyOf(
        Tuple.of(20, visible), Tuple.of(2, Arbitraries.of(' ', '\t')), Tuple.of(1, Arbitraries.chars().range('\u0080', '\u00ff')));
    return Combinators.combine(visible, inner.list().ofMaxSize(30), visible)
        .as((a, mid, z) -> {
          StringBuilder sb = new StringBuilder().append(a);
          mid.forEach(sb::append);
          return mid.isEmpty() ? sb.toString() : sb.append(z).toString();
        });
  }

  /**
   * Header values carrying a line break or NUL: a legal value with CR, LF, CRLF, NUL, an obsolete
   * fold ({@code CRLF SP}) or a whole injected field ({@code CRLF Set-Cookie: …}, {@code CRLF CRLF
   * <body>}) inserted at a random place. Each one would split or end a header if written as is, so
   * every one must be refused.
   */
  public static Arbitrary<String> headerInjectionValues() {
    Arbitrary<String> breaks = Arbitraries.of("\r", "\n", "\r\n", "\u0000", "\r\n ", "\r\n\t",
        "\r\nSet-Cookie: hostpolicy_session=attacker", "\r\nX-HostPolicy-Deny: forged", "\r\n\r\n<script>alert(1)</script>",
        "\nLocation: http://evil.example/", "\r\nContent-Length: 0\r\n\r\nGET / HTTP/1.1");
    return Combinators.combine(fieldValues(), breaks, Arbitraries.integers().between(0, 64))
        .as((value, br, at) -> {
          int i = Math.min(at, value.length());
          return value.substring(0, i) + br + value.substring(i);
        });
  }

  /** The same name in random upper/lower case. */
  public static Arbitrary<String> caseVariants(String name) {
    return Arbitraries.integers().between(0, Integer.MAX_VALUE).map(bits -> {
      StringBuilder sb = new StringBuilder(name.length());
      for (int i = 0; i < name.length(); i++) {
        char c = name.charAt(i);
        sb.append(((bits >>> (i % 31)) & 1) == 1 ? Character.toUpperCase(c) : Character.toLowerCase(c));
      }
      return sb.toString();
    });
  }

  /** End-to-end fields: neither hop-by-hop, {@code Proxy-*}, framing, Host nor Expect. */
  public static Arbitrary<Field> endToEndFields() {
    return Combinators.combine(fieldNames(), fieldValues()).as(Field::new)
        .filter(f -> !RESERVED.contains(f.name().toLowerCase(Locale.ROOT)) && !f.name().toLowerCase(Locale.ROOT).startsWith("proxy-"));
  }

  /** Hop-by-hop and {@code Proxy-*} fields in random case, with plausible values. */
  public static Arbitrary<Field> hopByHopFields() {
    return Arbitraries.of("Keep-Alive", "Proxy-Connection", "TE", "Trailer", "Upgrade", "Proxy-Authorization", "Proxy-Foo")
        .flatMap(n -> Combinators.combine(caseVariants(n), fieldValues()).as(Field::new));
  }

  /** Request methods without request content: safe ones and random tokens. */
  public static Arbitrary<String> methods() {
    return Arbitraries.frequencyOf(
        Tuple.of(3, Arbitraries.of("GET", "HEAD", "DELETE", "OPTIONS", "TRACE", "PURGE")),
        Tuple.of(1, Arbitraries.strings().withChars(TCHAR).ofMinLength(1).ofMaxLength(12)
            .filter(m -> !m.equals("CONNECT"))));
  }

  /** Origin-form paths and queries: visible ASCII except {@code #}, starting with {@code /}. */
  public static Arbitrary<String> paths() {
    return Arbitraries.strings().withChars("abcXYZ019-._~!$&'()*+,;=:@/%?").ofMaxLength(40).map(p -> "/" + p);
  }

  /**
   * Well-formed absolute-form requests to {@code authority}, end-to-end and hop-by-hop fields mixed
   * (at most one {@code Proxy-Authorization}: several are ambiguous).
   */
  public static Arbitrary<RequestSample> absoluteFormRequests(String authority) {
    Arbitrary<Field> any = Arbitraries.frequencyOf(Tuple.of(3, endToEndFields()), Tuple.of(1, hopByHopFields()));
    Arbitrary<List<Field>> fields = any.list().ofMaxSize(12)
        .filter(fs -> fs.stream().filter(f -> f.name().equalsIgnoreCase("proxy-authorization")).count() <= 1);
    return Combinators.combine(methods(), paths(), fields).as((m, p, fs) -> new RequestSample(m, authority, p, fs));
  }

  /** Smuggling and malformed-head variants of requests to {@code authority}, each with its reason code. */
  public static Arbitrary<Malformed> smugglingRequests(String authority) {
    Arbitrary<List<Field>> before = endToEndFields().list().ofMaxSize(3);
    Arbitrary<List<Field>> after = endToEndFields().list().ofMaxSize(3);
    Arbitrary<Tuple.Tuple3<String, String, String>> core = Arbitraries.oneOf(
        clTe(), duplicateLength(), badLength(), teObfuscations(), obsFold(), spaceBeforeColon(), controlCharacters(),
        bareLineBreaks(), hostMismatch(), connectionStripsFraming());
    return Combinators.combine(before, core, after, Arbitraries.of("POST", "PUT", "GET", "PATCH"))
        .as((b, c, a, method) -> {
          StringBuilder sb = new StringBuilder();
          sb.append(method).append(" http://").append(authority).append("/ HTTP/1.1\r\n");
          boolean ownHost = c.get1().startsWith("Host:");
          if (!ownHost) {
            sb.append("Host: ").append(authority).append("\r\n");
          }
          b.forEach(f -> sb.append(f.line()));
          sb.append(c.get1());
          a.forEach(f -> sb.append(f.line()));
          sb.append("\r\n0\r\n\r\n");
          return new Malformed(sb.toString(), c.get2(), c.get3());
        });
  }

  private static Tuple.Tuple3<String, String, String> t(String lines, String reason, String why) {
    return Tuple.of(lines, reason, why);
  }

  private static Arbitrary<Tuple.Tuple3<String, String, String>> clTe() {
    return Combinators.combine(caseVariants("Content-Length"), caseVariants("Transfer-Encoding"), Arbitraries.integers().between(0, 99),
        Arbitraries.of(true, false))
        .as((cl, te, n, clFirst) -> clFirst
            ? t(cl + ": " + n + "\r\n" + te + ": chunked\r\n", "proxy.ambiguous-length", "CL.TE")
            : t(te + ": chunked\r\n" + cl + ": " + n + "\r\n", "proxy.ambiguous-length", "TE.CL"));
  }

  private static Arbitrary<Tuple.Tuple3<String, String, String>> duplicateLength() {
    return Combinators.combine(caseVariants("Content-Length"), caseVariants("Content-Length"),
        Arbitraries.integers().between(0, 20), Arbitraries.integers().between(0, 20))
        .as((a, b, x, y) -> t(a + ": " + x + "\r\n" + b + ": " + y + "\r\n", "proxy.ambiguous-length",
            x.equals(y) ? "duplicate Content-Length" : "conflicting Content-Length"));
  }

  private static Arbitrary<Tuple.Tuple3<String, String, String>> badLength() {
    return Combinators.combine(caseVariants("Content-Length"),
        Arbitraries.of("+1", "-1", "1,1", "1, 1", "0x1", "1 1", "01", "1.0", "1e1", "", "99999999999999999999", "\u00b9",
            "\u00bd"))
        .as((n, v) -> t(n + ": " + v + "\r\n", "proxy.ambiguous-length", "Content-Length " + v));
  }

  private static Arbitrary<Tuple.Tuple3<String, String, String>> teObfuscations() {
    Arbitrary<Tuple.Tuple3<String, String, String>> values = Combinators.combine(caseVariants("Transfer-Encoding"),
        Arbitraries.of("chunked, identity", "identity", "gzip", "xchunked", "chunked;q=1", "\"chunked\"", "chunked, chunked",
            "gzip, chunked", "chunk", "chunked\u00a0", "\u00a0chunked"))
        .as((n, v) -> t(n + ": " + v + "\r\n", "proxy.ambiguous-length", "Transfer-Encoding " + v));
    Arbitrary<Tuple.Tuple3<String, String, String>> twice = Combinators.combine(caseVariants("Transfer-Encoding"),
        caseVariants("Transfer-Encoding"), Arbitraries.of("chunked", "identity", "x"))
        .as((a, b, v) -> t(a + ": chunked\r\n" + b + ": " + v + "\r\n", "proxy.ambiguous-length", "two Transfer-Encoding fields"));
    return Arbitraries.oneOf(values, twice);
  }

  private static Arbitrary<Tuple.Tuple3<String, String, String>> obsFold() {
    return Combinators.combine(Arbitraries.of("Transfer-Encoding", "X-Folded", "Content-Length"), Arbitraries.of(" ", "\t", "  "),
        Arbitraries.of("chunked", "1", "value"))
        .as((n, ws, v) -> t(n + ":\r\n" + ws + v + "\r\n", "proxy.obs-fold", "obsolete line folding of " + n));
  }

  private static Arbitrary<Tuple.Tuple3<String, String, String>> spaceBeforeColon() {
    return Combinators.combine(Arbitraries.of("Transfer-Encoding", "Content-Length", "X-A"), Arbitraries.of(" ", "\t"))
        .as((n, ws) -> t(n + ws + ": " + (n.startsWith("C") ? "1" : "chunked") + "\r\n", "proxy.malformed-request",
            "whitespace before the colon"));
  }

  private static Arbitrary<Tuple.Tuple3<String, String, String>> controlCharacters() {
    Arbitrary<Character> ctl = Arbitraries.frequencyOf(
        Tuple.of(3, Arbitraries.chars().range('\u0000', '\u0008')),
        Tuple.of(2, Arbitraries.of('\u000b', '\u000c', '\u007f')),
        Tuple.of(3, Arbitraries.chars().range('\u000e', '\u001f')));
    return Combinators.combine(fieldNames().filter(n -> !RESERVED.contains(n.toLowerCase(Locale.ROOT))), ctl)
        .as((n, c) -> t(n + ": a" + c + "b\r\n", "proxy.malformed-request", "control character U+" + String.format("%04X", (int) c)));
  }

  private static Arbitrary<Tuple.Tuple3<String, String, String>> bareLineBreaks() {
    return Combinators.combine(fieldNames().filter(n -> !RESERVED.contains(n.toLowerCase(Locale.ROOT))),
        Arbitraries.of("\r", "\n"), caseVariants("Transfer-Encoding"))
        .as((n, br, te) -> t(n + ": a" + br + te + ": chunked\r\n", "proxy.bare-cr-lf",
            br.equals("\r") ? "bare CR inside a field" : "bare LF inside a field"));
  }

  private static Arbitrary<Tuple.Tuple3<String, String, String>> hostMismatch() {
    return Arbitraries.of("evil.example", "127.0.0.1:1", "localhost", "[::1]:80", "example.com:8080")
        .map(h -> t("Host: " + h + "\r\n", "proxy.host-mismatch", "Host " + h));
  }

  private static Arbitrary<Tuple.Tuple3<String, String, String>> connectionStripsFraming() {
    return Combinators.combine(caseVariants("Connection"), caseVariants("Content-Length"))
        .as((c, cl) -> t(c + ": " + cl + "\r\n" + cl + ": 1\r\n", "proxy.ambiguous-length",
            "Connection naming Content-Length"));
  }

  /**
   * {@code head} with one CR or LF inserted at a random place before its final empty line — always a
   * bare line break.
   */
  public static Arbitrary<String> withBareLineBreak(String head) {
    int limit = head.length() - 2;
    return Combinators.combine(Arbitraries.integers().between(0, limit - 1), Arbitraries.of("\r", "\n"))
        .as((at, br) -> head.substring(0, at) + br + head.substring(at));
  }

  /** A list of fields with one {@code X-HostPolicy-Deny} in random case at a random place. */
  public static Arbitrary<List<Field>> fieldsWithForgedDeny() {
    return Combinators.combine(endToEndFields().list().ofMaxSize(8), caseVariants("X-HostPolicy-Deny"), fieldValues(),
        Arbitraries.integers().between(0, 8))
        .as((fields, name, value, at) -> {
          List<Field> out = new ArrayList<>(fields);
          out.add(Math.min(at, out.size()), new Field(name, value));
          return out;
        });
  }
}
