package dev.hostpolicy.testkit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * Generators for the environment scrubber: a host namespace, a passthrough list and a parent
 * environment built to stress them together — base-allowlist names in other cases, names inside and
 * just outside the namespace, names on either side of every passthrough entry (one character short,
 * one longer, another case, a non-portable character after a wildcard prefix), Windows essentials,
 * and hostile names and values ({@code =}, NUL, newlines, look-alike letters, bidi controls, very
 * long text). {@link PolicyArbitraries} re-exports them.
 *
 * <pre>{@code
 * @Property
 * void namespaceNeverLeaks(@ForAll("cases") ChildEnvironmentArbitraries.ScrubCase c) {
 *   ScrubResult r = c.scrubber(EnvironmentScrubber.Platform.POSIX).scrub(c.parent());
 *   assertThat(r.keptNames()).noneMatch(n -> n.toUpperCase().startsWith(c.namespace().orElse("") + "_"));
 * }
 *
 * @Provide
 * Arbitrary<ChildEnvironmentArbitraries.ScrubCase> cases() {
 *   return ChildEnvironmentArbitraries.scrubCases();
 * }
 * }</pre>
 */
public final class ChildEnvironmentArbitraries {
  private ChildEnvironmentArbitraries() {}

  /** Names from the base allowlist (the scrubber's own list is the reference; this one is written out independently). */
  public static final List<String> BASE_NAMES = List.of(
      "PATH", "HOME", "USER", "LOGNAME", "SHELL", "TERM", "LANG", "LANGUAGE", "LC_ALL", "LC_CTYPE", "LC_MESSAGES", "TZ",
      "TMPDIR", "TMP", "TEMP", "SSL_CERT_FILE", "SSL_CERT_DIR", "HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "NO_PROXY",
      "http_proxy", "https_proxy", "all_proxy", "no_proxy");

  /** Windows essentials, as Windows spells them. */
  public static final List<String> WINDOWS_NAMES = List.of(
      "SystemRoot", "ComSpec", "PATHEXT", "WINDIR", "USERPROFILE", "APPDATA", "LOCALAPPDATA", "ProgramFiles(x86)", "SystemDrive");

  /** Secrets and noise a real parent environment carries. */
  public static final List<String> NOISE_NAMES = List.of(
      "AWS_SECRET_ACCESS_KEY", "AWS_REGION", "GITHUB_TOKEN", "GH_TOKEN", "NPM_TOKEN", "OPENAI_API_KEY", "ANTHROPIC_API_KEY",
      "SSH_AUTH_SOCK", "DISPLAY", "LD_PRELOAD", "DYLD_INSERT_LIBRARIES", "NODE_OPTIONS", "JAVA_TOOL_OPTIONS", "PYTHONPATH",
      "BASH_ENV", "ENV", "PS4", "IFS", "CDPATH", "GIT_SSH_COMMAND", "KUBECONFIG", "DOCKER_HOST", "LC", "LC_", "PATHX", "XPATH",
      "HOMEDIR", "PROXY", "HTTP_PROXY_", "SSL_CERT", "_", "OLDPWD", "PWD");

  /** Namespaces hosts use, including ones that prefix each other. */
  public static final List<String> NAMESPACES = List.of("INFLOOP", "DEVLOOP", "ACME", "A", "AWS", "LC", "PATH", "HTTP", "NPM");

  /** Passthrough entries: exact names, prefixes, prefixes overlapping the base list and the namespaces. */
  public static final List<String> PASSTHROUGH_POOL = List.of(
      "GITHUB_TOKEN", "GH_TOKEN", "AWS_*", "AWS*", "NPM_*", "A*", "_*", "OPENAI_API_KEY", "LC*", "PATH", "HTTP*",
      "INFLOOP_API_TOKEN", "INFLOOP_*", "INF*", "DEVLOOP_*", "ACME_*", "ACME_TOKEN", "X", "x", "Path", "github_token",
      "SSH_AUTH_SOCK", "NODE_OPTIONS");

  /** Passthrough entries the grammar must refuse. */
  public static final List<String> INVALID_PASSTHROUGH = List.of(
      "*", "", " ", "**", "A**", "*A", "A*B", "A-B", "A B", " A", "A ", "1A", "A=B", "A\0", "A\n", "\u0410WS_*", "A,B", "A*,",
      "$HOME", "ÄB", "A.B", "\u200bA", "A*\n");

  /** Hostile characters for names and values. */
  static final String HOSTILE = "=\0\n\r\t -.:/$`'\"\\*?!#[]{}()\u0410\u0131\u0130\u00e9\u200b\u202e\u2028\ufeff\u0085\u001b";

  /**
   * One scrubbing scenario: the namespace (if any), the passthrough entries (all valid) and the parent
   * environment (keys are never null; values may be null or hold NUL, as a hostile map could).
   *
   * @param namespace the host namespace, if any
   * @param passthrough valid passthrough entries
   * @param parent the parent environment
   */
  public record ScrubCase(Optional<String> namespace, List<String> passthrough, Map<String, String> parent) {

    /** A scrubber configured from this case for {@code platform}. */
    public dev.hostpolicy.core.env.EnvironmentScrubber scrubber(dev.hostpolicy.core.env.EnvironmentScrubber.Platform platform) {
      dev.hostpolicy.core.env.EnvironmentScrubber.Builder b =
          dev.hostpolicy.core.env.EnvironmentScrubber.builder().platform(platform).passthrough(passthrough);
      namespace.ifPresent(b::namespace);
      return b.build();
    }

    /** Values are never shown; names are. */
    @Override
    public String toString() {
      return "ScrubCase[namespace=" + namespace.orElse("-") + ", passthrough=" + passthrough + ", names=" + parent.keySet() + "]";
    }
  }

  /** A namespace from {@link #NAMESPACES}, or none. */
  public static Arbitrary<Optional<String>> namespaces() {
    return Arbitraries.of(NAMESPACES).optional(0.8);
  }

  /** Lists of valid passthrough entries (0–6). */
  public static Arbitrary<List<String>> passthroughLists() {
    return Arbitraries.of(PASSTHROUGH_POOL).list().ofMaxSize(6).uniqueElements();
  }

  /** Entries the passthrough grammar refuses: a bare {@code *}, empty, malformed, hostile characters. */
  public static Arbitrary<String> invalidPassthroughEntries() {
    return Arbitraries.oneOf(Arbitraries.of(INVALID_PASSTHROUGH),
        Arbitraries.strings().withChars("AZ_*" + HOSTILE).ofMinLength(1).ofMaxLength(8)
            .filter(s -> !s.matches("[A-Za-z_][A-Za-z0-9_]*\\*?")));
  }

  /** Values, from ordinary to hostile (NUL, newlines, control and bidi characters, 10 000 characters). */
  public static Arbitrary<String> variableValues() {
    return Arbitraries.oneOf(
        Arbitraries.of("", "/usr/bin:/bin", "C.UTF-8", "hunter2", "a=b", "line1\nline2", "\u0000", "x\u0000y", "\u202egnp.exe"),
        Arbitraries.strings().withChars("abcXYZ019/_" + HOSTILE).ofMaxLength(24),
        Arbitraries.strings().withChars("ab").ofLength(10_000));
  }

  /** Names a scrubber must handle, independent of any configuration. */
  public static Arbitrary<String> hostileNames() {
    return Arbitraries.oneOf(
        Arbitraries.of("", "=", "A=B", "PATH=", "=C:", "PATH\0", "PATH\n", " PATH", "PATH ", "P\u0410TH", "PAT\u200bH", "LC_\n",
            "LC_ALL\u0000", "HOME\r", "\u0130NFLOOP_X", "TMP DIR", "PATH" + "X".repeat(300)),
        Arbitraries.strings().withChars("ABLC_P" + HOSTILE).ofMinLength(0).ofMaxLength(10));
  }

  /** Whole scenarios: namespace, passthrough list, and a parent environment built around them. */
  public static Arbitrary<ScrubCase> scrubCases() {
    return Combinators.combine(namespaces(), passthroughLists()).flatAs((ns, pass) -> {
      List<String> related = new ArrayList<>();
      for (String n : BASE_NAMES) {
        related.add(n);
      }
      related.addAll(WINDOWS_NAMES);
      related.addAll(NOISE_NAMES);
      ns.ifPresent(n -> related.addAll(List.of(n + "_API_TOKEN", n + "_X", n + "_", n, n.toLowerCase(Locale.ROOT) + "_token",
          n + "X_Y", n.substring(0, n.length() - 1) + "_Z")));
      for (String p : pass) {
        String stem = p.endsWith("*") ? p.substring(0, p.length() - 1) : p;
        related.addAll(List.of(stem, stem + "X", stem + "_1", stem + "-x", stem + "\n", stem + "=", stem.toLowerCase(Locale.ROOT),
            stem.toUpperCase(Locale.ROOT), stem.length() > 1 ? stem.substring(0, stem.length() - 1) : "Q"));
      }
      Arbitrary<String> name = Arbitraries.frequencyOf(
          net.jqwik.api.Tuple.of(6, Arbitraries.of(related)),
          net.jqwik.api.Tuple.of(2, Arbitraries.of(related).map(ChildEnvironmentArbitraries::otherCase)),
          net.jqwik.api.Tuple.of(1, hostileNames()),
          net.jqwik.api.Tuple.of(1, Arbitraries.strings().withChars("ABCXYZ_abc019").ofMinLength(1).ofMaxLength(12)));
      Arbitrary<String> value = Arbitraries.frequencyOf(
          net.jqwik.api.Tuple.of(8, variableValues()),
          net.jqwik.api.Tuple.of(1, Arbitraries.just((String) null)));
      return Combinators.combine(name, value).as(java.util.AbstractMap.SimpleEntry::new).list().ofMaxSize(40).map(entries -> {
        Map<String, String> parent = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : entries) { // SimpleEntry: values may be null
          parent.put(e.getKey(), e.getValue());
        }
        return new ScrubCase(ns, List.copyOf(pass), parent);
      });
    });
  }

  /**
   * Scenarios a real child process can be given: like {@link #scrubCases()} but without null values
   * (a process environment has none); hostile names and values stay — the scrubber must remove what no
   * process could receive before the launcher sets the environment.
   */
  public static Arbitrary<ScrubCase> processScrubCases() {
    return scrubCases().map(c -> {
      Map<String, String> parent = new LinkedHashMap<>();
      c.parent().forEach((k, v) -> parent.put(k, v == null ? "" : v.length() > 200 ? v.substring(0, 200) : v));
      return new ScrubCase(c.namespace(), c.passthrough(), parent);
    });
  }

  private static String otherCase(String s) {
    String lower = s.toLowerCase(Locale.ROOT);
    return lower.equals(s) ? s.toUpperCase(Locale.ROOT) : lower;
  }
}
