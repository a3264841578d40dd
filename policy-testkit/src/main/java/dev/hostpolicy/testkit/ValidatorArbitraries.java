package dev.hostpolicy.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * Generators for the validators: git remote URLs (valid ones and hostile mutations), slug
 * candidates, on-demand-TLS domains around a base domain, and JSON trees whose keys include
 * {@code __proto__}, {@code constructor}, {@code prototype}, empty and dotted keys at any depth.
 *
 * <pre>{@code
 * @Property
 * void validUrlsPass(@ForAll("urls") String url) {
 *   assertThat(GitRemoteValidator.strict().check(url).allowed()).isTrue();
 * }
 *
 * @Provide
 * Arbitrary<String> urls() {
 *   return ValidatorArbitraries.validGitUrls();
 * }
 * }</pre>
 */
public final class ValidatorArbitraries {
  private ValidatorArbitraries() {}

  private static Arbitrary<String> label() {
    Arbitrary<String> inner = Arbitraries.strings().withCharRange('a', 'z').withCharRange('0', '9').withChars('-')
        .ofMaxLength(10);
    Arbitrary<Character> edge = Arbitraries.chars().range('a', 'z').range('0', '9');
    return Combinators.combine(edge, inner, edge).as((a, m, b) -> a + m + b)
        .filter(l -> !l.contains("--")).map(String::valueOf);
  }

  /** Valid LDH host names of 1–4 labels. */
  public static Arbitrary<String> hostNames() {
    return label().list().ofMinSize(1).ofMaxSize(4).map(l -> String.join(".", l));
  }

  private static Arbitrary<String> repoPath() {
    return Arbitraries.strings().withCharRange('a', 'z').withCharRange('A', 'Z').withCharRange('0', '9').withChars("._~%+-")
        .ofMinLength(1).ofMaxLength(12).list().ofMinSize(1).ofMaxSize(3).map(l -> String.join("/", l))
        .filter(p -> !p.startsWith("-"));
  }

  /** Git remote URLs the strict validator must accept: https, ssh and scp-like, with ports and users. */
  public static Arbitrary<String> validGitUrls() {
    Arbitrary<String> user = Arbitraries.strings().withCharRange('a', 'z').withChars("_.").ofMinLength(1).ofMaxLength(8);
    Arbitrary<String> port = Arbitraries.integers().between(1, 65535).map(p -> ":" + p).injectNull(0.5).map(p -> p == null ? "" : p);
    Arbitrary<String> https = Combinators.combine(hostNames(), port, repoPath()).as((h, p, r) -> "https://" + h + p + "/" + r);
    Arbitrary<String> ssh = Combinators.combine(user, hostNames(), port, repoPath()).as((u, h, p, r) -> "ssh://" + u + "@" + h + p + "/" + r);
    Arbitrary<String> scp = Combinators.combine(user, hostNames(), repoPath()).as((u, h, r) -> u + "@" + h + ":" + r);
    return Arbitraries.oneOf(https, ssh, scp);
  }

  /**
   * Hostile git URLs: valid ones with a leading {@code -}, an inserted hostile character,
   * credentials, a remote-helper or {@code file://} transport, another scheme, or a local path —
   * plus {@link TextArbitraries#hostileText()}. Every one must be denied by the strict validator.
   */
  public static Arbitrary<String> hostileGitUrls() {
    Arbitrary<String> valid = validGitUrls();
    Arbitrary<String> hostileChar = Arbitraries.of(" ", "\t", "\n", "\r", "\u0000", "\u007f", "\u0085", "\u00a0", "\u2028",
        "\u202e", "\u200b", "\ufeff", "\u00e9", "\u0131", "\ud83d\ude00", "\u3000", "\ud800");
    Arbitrary<String> inserted = Combinators.combine(valid, hostileChar, Arbitraries.integers().between(0, 1000))
        .as((u, c, i) -> {
          int at = i % (u.length() + 1);
          return u.substring(0, at) + c + u.substring(at);
        });
    Arbitrary<String> dash = valid.map(u -> "-" + u);
    Arbitrary<String> options = Arbitraries.of("--upload-pack=touch /tmp/x", "-u", "--config=core.sshCommand=id",
        "ssh://-oProxyCommand=id/x", "-oProxyCommand=id@h:p", "git@-oProxyCommand=id:repo", "git@host:-repo");
    Arbitrary<String> helper = Combinators.combine(Arbitraries.of("ext", "fd", "file", "git-remote-x", "a+b.c-d", "X"), valid)
        .as((t, u) -> t + "::" + u);
    Arbitrary<String> file = repoPath().map(p -> "file:///" + p);
    Arbitrary<String> creds = Combinators.combine(hostNames(), repoPath(), Arbitraries.of("u:p@", "token@", "x-oauth:ghp_abc@"))
        .as((h, r, c) -> "https://" + c + h + "/" + r);
    Arbitrary<String> scheme = Combinators.combine(Arbitraries.of("git", "http", "ftp", "HTTPS", "Ssh", "git+ssh", "rsync"),
        hostNames(), repoPath()).as((s, h, r) -> s + "://" + h + "/" + r);
    Arbitrary<String> local = Combinators.combine(Arbitraries.of("/", "./", "../", "~/", ""), repoPath()).as((p, r) -> p + r)
        .filter(s -> !s.contains(":"));
    return Arbitraries.frequencyOf(Tuple.of(4, inserted), Tuple.of(2, dash), Tuple.of(1, options), Tuple.of(2, helper),
        Tuple.of(1, file), Tuple.of(2, creds), Tuple.of(2, scheme), Tuple.of(1, local));
  }

  /** Slug candidates: valid slugs, near misses (case, hyphens, length, look-alike digits) and hostile text. */
  public static Arbitrary<String> slugCandidates() {
    Arbitrary<String> slugish = Arbitraries.strings().withCharRange('a', 'z').withCharRange('0', '9').withChars("-")
        .ofMinLength(0).ofMaxLength(70);
    Arbitrary<String> near = Arbitraries.strings().withCharRange('a', 'z').withCharRange('A', 'Z').withCharRange('0', '9')
        .withChars("-_. \u0131\u00e9\u0660\uff10\u2010\u2011\u00ad").ofMinLength(0).ofMaxLength(20);
    return Arbitraries.frequencyOf(Tuple.of(4, slugish), Tuple.of(3, near), Tuple.of(2, TextArbitraries.hostileText()));
  }

  /**
   * Domains an on-demand-TLS ask endpoint may receive for {@code baseDomain}: {@code <port>.<base>}
   * with ports in and out of range, leading zeros, mixed case, extra labels, look-alike bases
   * (a regex-special {@code .} replaced by another character), suffix tricks and hostile text.
   */
  public static Arbitrary<String> tlsDomains(String baseDomain) {
    Arbitrary<Integer> ports = Arbitraries.oneOf(Arbitraries.integers().between(-5, 70000), Arbitraries.of(0, 1, 22, 443, 65535, 65536));
    Arbitrary<String> portLabel = Arbitraries.oneOf(ports.map(String::valueOf), ports.map(p -> "0" + p),
        Arbitraries.of("", "x", "0x50", "+80", "8o8o", "\u0668\u0660", "\uff18\uff10", "80 ", "80\n"));
    Arbitrary<String> base = Arbitraries.oneOf(
        Arbitraries.just(baseDomain),
        Arbitraries.just(baseDomain.toUpperCase(java.util.Locale.ROOT)),
        Arbitraries.of('X', '-', '_', '\u3002', '\uff0e').map(c -> baseDomain.replace('.', c)),
        Arbitraries.of("x", "x.", "-").map(p -> p + baseDomain),
        Arbitraries.of(".evil.test", ".", ":443", "/", "\u0000").map(s -> baseDomain + s));
    Arbitrary<String> prefix = Arbitraries.of("", "", "", "a.", "www.", "1.");
    return Arbitraries.frequencyOf(
        Tuple.of(8, Combinators.combine(prefix, portLabel, base).as((p, l, b) -> p + l + "." + b)),
        Tuple.of(1, TextArbitraries.hostileText()),
        Tuple.of(1, Arbitraries.just(baseDomain)));
  }

  /** JSON object keys: ordinary names, the prototype names, empty keys, dotted keys hiding them, and hostile text. */
  public static Arbitrary<String> jsonKeys() {
    return Arbitraries.frequencyOf(
        Tuple.of(6, Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1).ofMaxLength(6)),
        Tuple.of(1, Arbitraries.of("__proto__", "constructor", "prototype")),
        Tuple.of(1, Arbitraries.of("", "a.__proto__", "constructor.x", "x.prototype.y", "a..b", ".", "__PROTO__",
            "__proto", "_proto_", " __proto__", "Constructor", "prototypes")),
        Tuple.of(1, TextArbitraries.hostileText()));
  }

  /**
   * JSON trees up to about six levels deep, objects keyed by {@link #jsonKeys()}, with arrays and
   * scalars (some of them the prototype names as values, which are harmless).
   */
  public static Arbitrary<JsonNode> jsonTrees() {
    return tree(6);
  }

  private static Arbitrary<JsonNode> tree(int depth) {
    JsonNodeFactory f = JsonNodeFactory.instance;
    Arbitrary<JsonNode> leaf = Arbitraries.oneOf(
        Arbitraries.integers().map(i -> (JsonNode) f.numberNode(i)),
        Arbitraries.of("__proto__", "x", "").map(s -> (JsonNode) f.textNode(s)),
        Arbitraries.just(f.nullNode()));
    if (depth == 0) {
      return leaf;
    }
    Arbitrary<JsonNode> child = Arbitraries.lazy(() -> tree(depth - 1));
    Arbitrary<JsonNode> object = Combinators.combine(jsonKeys(), child).as(Tuple::of).list().ofMaxSize(4).map(entries -> {
      ObjectNode o = f.objectNode();
      entries.forEach(e -> o.set(e.get1(), e.get2()));
      return o;
    });
    Arbitrary<JsonNode> array = child.list().ofMaxSize(3).map(items -> {
      ArrayNode a = f.arrayNode();
      items.forEach(a::add);
      return a;
    });
    return Arbitraries.frequencyOf(Tuple.of(2, leaf), Tuple.of(4, object), Tuple.of(1, array));
  }

  /** Valid-looking dotted key paths with forbidden names, empty segments and long chains mixed in. */
  public static Arbitrary<List<String>> keyPathSegments() {
    return jsonKeys().list().ofMinSize(0).ofMaxSize(40);
  }
}
