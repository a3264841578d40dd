package dev.hostpolicy.testkit;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * Adversarial generators for testing HostPolicy controls and a host's own plugins. Each arbitrary
 * mixes hand-picked attack values (shrink targets) with random strings over a hostile alphabet.
 *
 * <pre>{@code
 * @Property
 * void parserIsTotal(@ForAll("settingValues") String raw) { ... }
 *
 * @Provide
 * Arbitrary<String> settingValues() {
 *   return PolicyArbitraries.adversarialSettingValues();
 * }
 * }</pre>
 */
public final class PolicyArbitraries {
  private PolicyArbitraries() {}

  /**
   * Hostile characters for setting values: ASCII digits and their look-alikes in other scripts
   * (Arabic-Indic, Devanagari, fullwidth, mathematical bold), signs, separators, whitespace of every
   * kind, CR, LF, NUL, other controls, bidi overrides, zero-width characters and quotes.
   */
  static final String SETTING_ALPHABET =
      "0123456789/.,-+_=*:; \t\r\n\u0000\u000b\u000c\u0085\u00a0\u1680\u2000\u200b\u200e\u202e\u2028\u2029\u3000\ufeff"
          + "\u0660\u0661\u0662\u0966\u0967\uff10\uff11\uff12\uff0f"
          + "aAeEfFhHlLmMnNoOsStTrRuUxXyYiI'\"\\$`!%&#@~";

  /** Values every strict parser must reject (or, for a few, parse exactly): the shrink targets. */
  static final List<String> SETTING_ATTACKS =
      List.of(
          "",
          " ",
          "\t",
          " 120",
          "120 ",
          "120\n",
          "120\r\nX-Injected: 1",
          "1\u00002",
          "\u0661\u0662\u0660",
          "\uff11\uff12\uff10",
          "\ud835\udfcf\ud835\udfd0",
          "-1",
          "-0",
          "+1",
          "0x10",
          "1e3",
          "1_000",
          "1,000",
          "9223372036854775807",
          "9223372036854775808",
          "99999999999999999999999999",
          "18446744073709551616",
          "NaN",
          "Infinity",
          "null",
          "undefined",
          "true ",
          "TRUE",
          "tru\u0065\u0301",
          "yes\u200b",
          "*",
          ",",
          "A,,B",
          "A,",
          "_*",
          "120/min/",
          "120/",
          "/min",
          "120/MIN",
          "120/m",
          "0.5",
          ".5",
          "5.",
          "1.0000001",
          "\u202e021",
          "\ufeff120");

  /** The RFC 6750 b64token alphabet (without the trailing {@code =} padding). */
  static final String TOKEN_ALPHABET =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~+/";

  /**
   * Valid API tokens (16–64 characters of the bearer alphabet) — use them as secrets that must
   * never show up in any output.
   */
  public static Arbitrary<String> apiTokens() {
    return Arbitraries.strings().withChars(TOKEN_ALPHABET).ofMinLength(16).ofMaxLength(64);
  }

  /** Adversarial operator-setting values: empty, whitespace, unicode digits, overflow, negative, CR/LF, NUL and more. */
  public static Arbitrary<String> adversarialSettingValues() {
    Arbitrary<String> attacks = Arbitraries.of(SETTING_ATTACKS);
    Arbitrary<String> random = Arbitraries.strings().withChars(SETTING_ALPHABET).ofMinLength(0).ofMaxLength(24);
    Arbitrary<String> digits = Arbitraries.strings().numeric().ofMinLength(1).ofMaxLength(22);
    Arbitrary<String> decorated =
        Combinators.combine(
                Arbitraries.of("", " ", "-", "+", "\u00a0", "\ufeff", "0"),
                digits,
                Arbitraries.of("", "/s", "/min", "/h", "/d", "\n", ".", ".5", "\u0000", " "))
            .as((a, b, c) -> a + b + c);
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(3, attacks),
        net.jqwik.api.Tuple.of(4, random),
        net.jqwik.api.Tuple.of(3, decorated));
  }

  // --- tokens (see TokenArbitraries) ---

  /** {@link TokenArbitraries#plainTokens()}. */
  public static Arbitrary<String> plainTokens() {
    return TokenArbitraries.plainTokens();
  }

  /** {@link TokenArbitraries#prefixedTokens()}. */
  public static Arbitrary<String> prefixedTokens() {
    return TokenArbitraries.prefixedTokens();
  }

  /** {@link TokenArbitraries#secretLikeValues()}. */
  public static Arbitrary<String> secretLikeValues() {
    return TokenArbitraries.secretLikeValues();
  }

  /** {@link TokenArbitraries#byteArrayPairs()}. */
  public static Arbitrary<byte[][]> byteArrayPairs() {
    return TokenArbitraries.byteArrayPairs();
  }

  /** {@link TokenArbitraries#urlsWithEmbeddedToken(String)}. */
  public static Arbitrary<String> urlsWithEmbeddedToken(String token) {
    return TokenArbitraries.urlsWithEmbeddedToken(token);
  }

  /** {@link TokenArbitraries#authorizationHeaderVariants(String)}. */
  public static Arbitrary<TokenArbitraries.AuthorizationVariant> authorizationHeaderVariants(String token) {
    return TokenArbitraries.authorizationHeaderVariants(token);
  }

  // --- production gate (see EnvironmentArbitraries) ---

  /** {@link EnvironmentArbitraries#environmentLabels()}. */
  public static Arbitrary<String> environmentLabels() {
    return EnvironmentArbitraries.environmentLabels();
  }

  /** {@link EnvironmentArbitraries#probeContexts()}. */
  public static Arbitrary<dev.hostpolicy.api.spi.ProbeContext> probeContexts() {
    return EnvironmentArbitraries.probeContexts();
  }
}
