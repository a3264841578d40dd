package dev.hostpolicy.testkit;

import dev.hostpolicy.api.Rate;
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

  /** IPv4 addresses, random and at special-block edges; see {@link NetArbitraries#ipv4Addresses()}. */
  public static Arbitrary<dev.hostpolicy.core.net.IpAddress> ipv4Addresses() {
    return NetArbitraries.ipv4Addresses();
  }

  /** IPv6 addresses, random, near and at special-block edges; see {@link NetArbitraries#ipv6Addresses()}. */
  public static Arbitrary<dev.hostpolicy.core.net.IpAddress> ipv6Addresses() {
    return NetArbitraries.ipv6Addresses();
  }

  /** Edges of every special-purpose block and their outside neighbours; see {@link NetArbitraries#rangeBoundaries()}. */
  public static Arbitrary<NetArbitraries.AddressSample> addressRangeBoundaries() {
    return NetArbitraries.rangeBoundaries();
  }

  /** IPv4 addresses wrapped in every IPv6 embedding; see {@link NetArbitraries#embeddedIpv4()}. */
  public static Arbitrary<NetArbitraries.EmbeddedSample> embeddedIpv4() {
    return NetArbitraries.embeddedIpv4();
  }

  /** Strict IPv4 literals; see {@link NetArbitraries#ipv4Literals()}. */
  public static Arbitrary<NetArbitraries.IpLiteral> ipv4Literals() {
    return NetArbitraries.ipv4Literals();
  }

  /** IPv6 literals in every valid textual form; see {@link NetArbitraries#ipv6Literals()}. */
  public static Arbitrary<NetArbitraries.IpLiteral> ipv6Literals() {
    return NetArbitraries.ipv6Literals();
  }

  /** Numeric hosts some parser reads as IPv4; see {@link NetArbitraries#ambiguousIpv4Hosts()}. */
  public static Arbitrary<String> ambiguousIpv4Hosts() {
    return NetArbitraries.ambiguousIpv4Hosts();
  }

  /** Texts that are not strict IP literals; see {@link NetArbitraries#invalidIpLiterals()}. */
  public static Arbitrary<String> invalidIpLiterals() {
    return NetArbitraries.invalidIpLiterals();
  }

  /** Valid host names at the 63/253 limits; see {@link NetArbitraries#hostNames()}. */
  public static Arbitrary<String> hostNames() {
    return NetArbitraries.hostNames();
  }

  /** Invalid host names; see {@link NetArbitraries#invalidHostNames()}. */
  public static Arbitrary<String> invalidHostNames() {
    return NetArbitraries.invalidHostNames();
  }

  /** Unicode and punycode spellings of one host; see {@link NetArbitraries#unicodeHosts()}. */
  public static Arbitrary<NetArbitraries.UnicodeHost> unicodeHosts() {
    return NetArbitraries.unicodeHosts();
  }

  /** ASCII hosts and their look-alikes; see {@link NetArbitraries#homoglyphHosts()}. */
  public static Arbitrary<NetArbitraries.Homoglyph> homoglyphHosts() {
    return NetArbitraries.homoglyphHosts();
  }

  /** Targets built to make URL parsers disagree; see {@link NetArbitraries#trickyAuthorities()}. */
  public static Arbitrary<String> trickyAuthorities() {
    return NetArbitraries.trickyAuthorities();
  }

  /** Valid egress allowlist entries; see {@link NetArbitraries#hostPatterns()}. */
  public static Arbitrary<String> hostPatterns() {
    return NetArbitraries.hostPatterns();
  }

  /** Supported rates, often with a refill interval that is not a whole number of ns: {@link RateLimitArbitraries#rates()}. */
  public static Arbitrary<Rate> rateLimitRates() {
    return RateLimitArbitraries.rates();
  }

  /** Acquire schedules for {@code rate}: {@link RateLimitArbitraries#schedules(Rate, int, int)}. */
  public static Arbitrary<List<RateLimitArbitraries.ScheduledAcquire>> acquireSchedules(Rate rate, int keys, int maxSteps) {
    return RateLimitArbitraries.schedules(rate, keys, maxSteps);
  }

  /** Distinct hostile rate-limit keys: {@link RateLimitArbitraries#floodKeys(int)}. */
  public static Arbitrary<List<String>> rateLimitFloodKeys(int maxSize) {
    return RateLimitArbitraries.floodKeys(maxSize);
  }

  /** Directory trees with inside, outside, dangling, looping and chained symbolic links ({@link PathArbitraries#workspaceTrees()}). */
  public static Arbitrary<WorkspaceTree> workspaceTrees() {
    return PathArbitraries.workspaceTrees();
  }

  /** Requests with {@code ..}, {@code .}, case variants and new names ({@link PathArbitraries#pathRequests()}). */
  public static Arbitrary<PathRequest> pathRequests() {
    return PathArbitraries.pathRequests();
  }

  /** Hostile path strings: traversal, NUL, Windows devices, streams, drives, UNC ({@link PathArbitraries#traversalStrings()}). */
  public static Arbitrary<String> traversalStrings() {
    return PathArbitraries.traversalStrings();
  }

  /** Raw webhook bodies; see {@link WebhookArbitraries#bodies()}. */
  public static Arbitrary<byte[]> webhookBodies() {
    return WebhookArbitraries.bodies();
  }

  /** Keys in a built-in scheme's format; see {@link WebhookArbitraries#keys(String)}. */
  public static Arbitrary<WebhookKey> webhookKeys(String schemeId) {
    return WebhookArbitraries.keys(schemeId);
  }

  /** Deliveries signed by a scheme; see {@link WebhookArbitraries#deliveries}. */
  public static Arbitrary<WebhookDelivery> webhookDeliveries(
      dev.hostpolicy.api.spi.WebhookSignatureScheme scheme, Arbitrary<WebhookKey> keys, java.time.Instant now) {
    return WebhookArbitraries.deliveries(scheme, keys, now);
  }

  /** Hostile mutations of valid webhook headers; see {@link WebhookArbitraries#fuzzedHeaders}. */
  public static Arbitrary<dev.hostpolicy.api.WebhookHeaders> fuzzedWebhookHeaders(dev.hostpolicy.api.WebhookHeaders valid) {
    return WebhookArbitraries.fuzzedHeaders(valid);
  }

  /** Hostile webhook header values; see {@link WebhookArbitraries#headerValues()}. */
  public static Arbitrary<String> webhookHeaderValues() {
    return WebhookArbitraries.headerValues();
  }

  /** Hostile valid-Unicode text, may contain NUL: {@link TextArbitraries#hostileText()}. */
  public static Arbitrary<String> hostileText() {
    return TextArbitraries.hostileText();
  }

  /** Hostile valid-Unicode text without NUL: {@link TextArbitraries#hostileTextWithoutNul()}. */
  public static Arbitrary<String> hostileTextWithoutNul() {
    return TextArbitraries.hostileTextWithoutNul();
  }

  /** Text holding a lone surrogate: {@link TextArbitraries#textWithLoneSurrogate()}. */
  public static Arbitrary<String> textWithLoneSurrogate() {
    return TextArbitraries.textWithLoneSurrogate();
  }

  /** Header values with CR, LF, NUL or an injected field: {@link HttpArbitraries#headerInjectionValues()}. */
  public static Arbitrary<String> headerInjectionValues() {
    return HttpArbitraries.headerInjectionValues();
  }

  /** Legal HTTP field values (visible ASCII, obs-text, inner blanks): {@link HttpArbitraries#fieldValues()}. */
  public static Arbitrary<String> httpFieldValues() {
    return HttpArbitraries.fieldValues();
  }

  /** Shell, JS, HTML, YAML and sed attack strings of the threat model: {@link TextArbitraries#injectionCorpus()}. */
  public static Arbitrary<String> injectionStrings() {
    return TextArbitraries.injectionCorpus();
  }

  /** YAML 1.1 plain scalars that are not strings ({@code no}, {@code 0755}, {@code ~}): {@link TextArbitraries#yaml11Lookalikes()}. */
  public static Arbitrary<String> yaml11Lookalikes() {
    return TextArbitraries.yaml11Lookalikes();
  }

  /** Hostile git remote URLs, all to be denied: {@link ValidatorArbitraries#hostileGitUrls()}. */
  public static Arbitrary<String> hostileGitUrls() {
    return ValidatorArbitraries.hostileGitUrls();
  }

  /** JSON trees with prototype-pollution keys: {@link ValidatorArbitraries#jsonTrees()}. */
  public static Arbitrary<com.fasterxml.jackson.databind.JsonNode> jsonTrees() {
    return ValidatorArbitraries.jsonTrees();
  }

  /** Well-formed absolute-form requests; see {@link HttpArbitraries#absoluteFormRequests(String)}. */
  public static Arbitrary<HttpArbitraries.RequestSample> absoluteFormRequests(String authority) {
    return HttpArbitraries.absoluteFormRequests(authority);
  }

  /** Request smuggling and malformed heads with their reason codes; see {@link HttpArbitraries#smugglingRequests(String)}. */
  public static Arbitrary<HttpArbitraries.Malformed> smugglingRequests(String authority) {
    return HttpArbitraries.smugglingRequests(authority);
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

  // --- audit log (see AuditArbitraries) ---

  /** {@link AuditArbitraries#auditEvents()}. */
  public static Arbitrary<dev.hostpolicy.api.spi.AuditEvent> auditEvents() {
    return AuditArbitraries.auditEvents();
  }

  /** {@link AuditArbitraries#timedEvents(int)}. */
  public static Arbitrary<List<AuditArbitraries.Timed>> timedAuditEvents(int maxSize) {
    return AuditArbitraries.timedEvents(maxSize);
  }

  /** {@link AuditArbitraries#timedEvents(int, int)}. */
  public static Arbitrary<List<AuditArbitraries.Timed>> timedAuditEvents(int minSize, int maxSize) {
    return AuditArbitraries.timedEvents(minSize, maxSize);
  }

  /** {@link AuditArbitraries#querySpecs(long)}. */
  public static Arbitrary<AuditArbitraries.QuerySpec> auditQuerySpecs(long spanMillis) {
    return AuditArbitraries.querySpecs(spanMillis);
  }

  /** {@link AuditArbitraries#smugglings()}. */
  public static Arbitrary<AuditArbitraries.Smuggling> auditSecretSmugglings() {
    return AuditArbitraries.smugglings();
  }

  /** {@link AuditArbitraries#tamperings()}. */
  public static Arbitrary<AuditArbitraries.Tampering> auditTamperings() {
    return AuditArbitraries.tamperings();
  }

  // --- child environments (see ChildEnvironmentArbitraries) ---

  /** {@link ChildEnvironmentArbitraries#scrubCases()}. */
  public static Arbitrary<ChildEnvironmentArbitraries.ScrubCase> scrubCases() {
    return ChildEnvironmentArbitraries.scrubCases();
  }

  /** {@link ChildEnvironmentArbitraries#passthroughLists()}. */
  public static Arbitrary<List<String>> passthroughLists() {
    return ChildEnvironmentArbitraries.passthroughLists();
  }

  /** {@link ChildEnvironmentArbitraries#invalidPassthroughEntries()}. */
  public static Arbitrary<String> invalidPassthroughEntries() {
    return ChildEnvironmentArbitraries.invalidPassthroughEntries();
  }

  // --- permissions (see PermissionArbitraries) ---

  /** {@link PermissionArbitraries#modeTables()}. */
  public static Arbitrary<java.util.Map<dev.hostpolicy.core.permission.ActionKind, dev.hostpolicy.api.PermissionMode>> permissionModeTables() {
    return PermissionArbitraries.modeTables();
  }

  /** {@link PermissionArbitraries#requests()}. */
  public static Arbitrary<dev.hostpolicy.core.permission.PermissionRequest> permissionRequests() {
    return PermissionArbitraries.requests();
  }

  // --- HTTP guard chain (see GuardArbitraries) ---

  /** {@link GuardArbitraries#eventNames()}. */
  public static Arbitrary<String> eventNames() {
    return GuardArbitraries.eventNames();
  }

  /** {@link GuardArbitraries#correlationIdCandidates()}. */
  public static Arbitrary<String> correlationIdCandidates() {
    return GuardArbitraries.correlationIdCandidates();
  }

  /** {@link GuardArbitraries#redirectTargets()}. */
  public static Arbitrary<String> redirectTargets() {
    return GuardArbitraries.redirectTargets();
  }

  /** {@link GuardArbitraries#malformedEventBodies()}. */
  public static Arbitrary<String> malformedEventBodies() {
    return GuardArbitraries.malformedEventBodies();
  }

  /** {@link GuardArbitraries#ambiguousPaths()}. */
  public static Arbitrary<String> ambiguousPaths() {
    return GuardArbitraries.ambiguousPaths();
  }

  /** Runaway-budget limits that generated runs reach: {@link BudgetArbitraries#limits()}. */
  public static Arbitrary<dev.hostpolicy.core.budget.BudgetLimits> budgetLimits() {
    return BudgetArbitraries.limits();
  }

  /** Ledger operation sequences over several runs: {@link BudgetArbitraries#operations(int, int)}. */
  public static Arbitrary<List<BudgetArbitraries.Op>> budgetOperations(int maxRuns, int maxSteps) {
    return BudgetArbitraries.operations(maxRuns, maxSteps);
  }
}
