package dev.hostpolicy.testkit;

import dev.hostpolicy.core.token.CorrelationId;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * Generators for the HTTP guard chain of a host's own server: correlation-id headers (valid and
 * near misses), redirect targets after login (local paths and open-redirect tricks), event payload
 * bodies that are almost {@code {"value": "…"}}, and raw request paths whose meaning servers disagree
 * about.
 *
 * <pre>{@code
 * @Property
 * void nextStaysLocal(@ForAll("next") String next) { ... }
 *
 * @Provide
 * Arbitrary<String> next() { return GuardArbitraries.redirectTargets(); }
 * }</pre>
 */
public final class GuardArbitraries {
  private GuardArbitraries() {}

  private static final String B64URL = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

  /**
   * {@code x-correlation-id} header values: well-formed ids, and near misses — wrong prefix or case,
   * one character short or long, a character outside base64url, padding, JSON or HTML fragments,
   * whitespace, CR/LF, non-ASCII.
   */
  public static Arbitrary<String> correlationIdCandidates() {
    Arbitrary<String> random16 = Arbitraries.strings().withChars(B64URL).ofLength(CorrelationId.RANDOM_CHARS);
    Arbitrary<String> valid = random16.map(r -> CorrelationId.PREFIX + r);
    Arbitrary<String> nearMiss = Combinators.combine(random16, Arbitraries.integers().between(0, 11)).as((r, k) -> {
      String[] forms = {
        "CID_" + r, "cid-" + r, CorrelationId.PREFIX + r.substring(1), CorrelationId.PREFIX + r + "A",
        CorrelationId.PREFIX + r.substring(1) + "=", CorrelationId.PREFIX + r.substring(1) + "+",
        CorrelationId.PREFIX + r.substring(2) + "\"}", " " + CorrelationId.PREFIX + r, CorrelationId.PREFIX + r + " ",
        CorrelationId.PREFIX + r.substring(1) + "\u00e9", "<script>" + r, CorrelationId.PREFIX + r.substring(1) + "/"
      };
      return forms[k];
    });
    return Arbitraries.oneOf(valid, nearMiss, Arbitraries.strings().ofMaxLength(30));
  }

  /**
   * Values for a post-login redirect ({@code next}): plain local paths, and the tricks that send a
   * browser elsewhere — scheme-relative {@code //host}, backslashes ({@code /\host}), absolute and
   * {@code javascript:} URLs, encoded slashes, dot segments, control characters, quotes and angle
   * brackets, hostile text.
   */
  public static Arbitrary<String> redirectTargets() {
    Arbitrary<String> local = Arbitraries.strings().withChars("abcdefxyz0123456789-._~").ofMinLength(1).ofMaxLength(12)
        .list().ofMinSize(1).ofMaxSize(4)
        .map(segments -> "/" + String.join("/", segments));
    Arbitrary<String> withQuery = Combinators.combine(local, Arbitraries.strings().withChars("abc=&%20'").ofMaxLength(12))
        .as((p, q) -> p + "?" + q);
    Arbitrary<String> tricks = Arbitraries.of(
        "//evil.example", "//evil.example/path", "/\\evil.example", "\\\\evil.example", "https://evil.example",
        "http:/evil.example", "javascript:alert(1)", "/%2F%2Fevil.example", "/%5Cevil.example", "/../../etc/passwd",
        "/./x", "/a//b", "/x\r\nSet-Cookie: a=b", "/x\ny", "/x\"><script>alert(1)</script>", " /x", "/x y", "", "/",
        "/login", "/logout", "//", "///evil.example", "/\u00e9", "/\u202e", "data:text/html,<script>alert(1)</script>");
    return Arbitraries.oneOf(local, withQuery, tricks, TextArbitraries.hostileTextWithoutNul().map(t -> "/" + t));
  }

  /**
   * Event names of the devloop event endpoint's grammar ({@code [A-Za-z0-9][A-Za-z0-9._-]{0,63}}),
   * biased towards near-collisions: names that differ only in case or in {@code -} / {@code .} /
   * {@code _}.
   */
  public static Arbitrary<String> eventNames() {
    Arbitrary<String> free = Combinators.combine(
            Arbitraries.strings().withChars("abAB019").ofLength(1),
            Arbitraries.strings().withChars("abcABC01-._").ofMaxLength(8))
        .as((h, t) -> h + t);
    Arbitrary<String> lookalike = Arbitraries.of("build-done", "build.done", "build_done", "Build-Done", "BUILD_DONE",
        "a", "A", "a-b", "a.b", "a_b", "x".repeat(64), "0", "9-9");
    return Arbitraries.oneOf(free, lookalike);
  }

  /**
   * Bodies that are almost the event payload {@code {"value": "…"}} but not quite: other JSON types,
   * duplicate, extra or differently spelled members, non-string values, trailing text, comments,
   * single quotes, truncation, lone surrogate escapes.
   */
  public static Arbitrary<String> malformedEventBodies() {
    return Arbitraries.of(
        "", " ", "null", "\"ok\"", "[\"ok\"]", "{}", "{\"value\":1}", "{\"value\":true}", "{\"value\":null}",
        "{\"value\":[\"ok\"]}", "{\"value\":{\"v\":\"ok\"}}", "{\"value\":\"ok\",\"value\":\"ok\"}",
        "{\"value\":\"ok\",\"extra\":1}", "{\"Value\":\"ok\"}", "{\"value \":\"ok\"}", "{\"value\":\"ok\"} {}",
        "{\"value\":\"ok\"}x", "{\"value\":\"ok\"", "{'value':'ok'}", "{value:\"ok\"}", "{\"value\":\"ok\" /* c */}",
        "{\"value\":\"\\ud800\"}", "{\"value\":\"\\udc00x\"}", "{\"value\":\"a\\ud83d\"}", "{\"value\":\"\\x41\"}",
        "{\"value\":\"ok\",}", "\ufeff{\"value\":\"ok\"}");
  }

  /**
   * Raw request paths whose meaning depends on who decodes or normalises them: dot segments (raw and
   * percent-encoded in any case), encoded slashes, backslashes and NUL, empty segments, relative and
   * non-ASCII paths.
   */
  public static Arbitrary<String> ambiguousPaths() {
    Arbitrary<String> prefix = Arbitraries.of("/api", "/hooks", "/events", "/login", "");
    Arbitrary<String> trick = Arbitraries.of(
        "/../x", "/./x", "/%2e%2e/x", "/%2E%2e/x", "/.%2e/x", "/%2e/x", "/x%2fy", "/x%2F..", "/x%5cy", "/x%00", "/x\\y",
        "//x", "/x//y", "/x/..", "/x/.", "/\u00e9", "/x y", "/x\ty");
    return Arbitraries.oneOf(Combinators.combine(prefix, trick).as(String::concat), Arbitraries.of("x", "", "*", "api/x"));
  }
}
