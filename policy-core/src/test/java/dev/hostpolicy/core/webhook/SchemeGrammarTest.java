package dev.hostpolicy.core.webhook;

import static dev.hostpolicy.core.webhook.Deliveries.headers;
import static dev.hostpolicy.core.webhook.Deliveries.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hostpolicy.api.Decision;
import dev.hostpolicy.api.PolicyConfigurationException;
import dev.hostpolicy.api.Secret;
import dev.hostpolicy.api.WebhookHeaders;
import dev.hostpolicy.api.spi.WebhookSignatureScheme;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Each scheme's header grammar: what is missing, what is malformed, what is merely a mismatch. */
class SchemeGrammarTest {
  private static final long NOW = 1_700_000_000L;
  private static final byte[] BODY = utf8("{\"a\":1}");
  private static final String HEX64 = "0".repeat(64);

  private static Decision check(WebhookSignatureScheme scheme, String secret, WebhookHeaders headers) {
    return Deliveries.verify(scheme, Secret.fromUtf8(secret), BODY, headers, TestClock.at(NOW));
  }

  // --- github ---

  static List<String> githubMalformedCases() {
    return List.of("sha256=", "sha256=" + "0".repeat(63), "sha256=" + "0".repeat(65), "SHA256=" + HEX64,
      "sha256:" + HEX64, "sha1=" + HEX64, "sha256=" + "A".repeat(64), "sha256=" + "g".repeat(64), HEX64,
      "sha256= " + HEX64, "sha256=" + HEX64 + ",sha256=" + HEX64);
  }

  @ParameterizedTest
  @MethodSource("githubMalformedCases")
  void githubMalformed(String value) {
    assertThat(check(new GithubScheme(), "s", headers("X-Hub-Signature-256", value)).reason())
        .isEqualTo("webhook.signature-malformed");
  }

  @Test
  void githubSurroundingWhitespaceIsHttpsNotOurs() {
    WebhookHeaders signed = new GithubScheme().signer(List.of(Secret.fromUtf8("s"))).sign(BODY, Instant.EPOCH, Optional.empty());
    String v = signed.first("X-Hub-Signature-256").orElseThrow();
    assertThat(check(new GithubScheme(), "s", headers("x-hub-signature-256", " \t" + v + "\t ")).allowed()).isTrue();
  }

  @Test
  void githubRepeatedHeaderIsMalformedEvenIfOneIsRight() {
    WebhookHeaders signed = new GithubScheme().signer(List.of(Secret.fromUtf8("s"))).sign(BODY, Instant.EPOCH, Optional.empty());
    WebhookHeaders twice = signed.with("X-Hub-Signature-256", "sha256=" + HEX64);
    Decision d = check(new GithubScheme(), "s", twice);
    assertThat(d.reason()).isEqualTo("webhook.signature-malformed");
    assertThat(d.detail()).contains("appears 2 times");
  }

  @Test
  void githubLegacySha1OnlyWhenEnabled() {
    Secret s = Secret.fromUtf8("legacy");
    WebhookHeaders both = GithubScheme.withLegacySha1().signer(List.of(s)).sign(BODY, Instant.EPOCH, Optional.empty());
    assertThat(both.first("X-Hub-Signature")).hasValueSatisfying(v -> assertThat(v).startsWith("sha1=").hasSize(45));
    WebhookHeaders sha1Only = both.without("X-Hub-Signature-256");
    Decision off = Deliveries.verify(new GithubScheme(), s, BODY, sha1Only, TestClock.at(0));
    assertThat(off.reason()).isEqualTo("webhook.signature-missing");
    assertThat(off.detail()).contains("legacy-sha1");
    Decision on = Deliveries.verify(new GithubScheme().withOptions(Map.of("legacy-sha1", "true")), s, BODY, sha1Only, TestClock.at(0));
    assertThat(on.allowed()).as(on.toString()).isTrue();
    // With both present the SHA-256 header decides, even when SHA-1 is enabled.
    WebhookHeaders badModern = both.replacing("X-Hub-Signature-256", "sha256=" + HEX64);
    assertThat(Deliveries.verify(GithubScheme.withLegacySha1(), s, BODY, badModern, TestClock.at(0)).reason())
        .isEqualTo("webhook.signature-mismatch");
  }

  @Test
  void githubSignsWithExactlyOneSecret() {
    assertThatThrownBy(() -> new GithubScheme().signer(List.of(Secret.fromUtf8("a"), Secret.fromUtf8("b"))))
        .isInstanceOf(PolicyConfigurationException.class).hasMessageContaining("exactly one");
  }

  // --- stripe ---

  static List<String> stripeMalformedCases() {
    return List.of("", "t=" + NOW, "v1=" + HEX64, "t=" + NOW + ",v1=" + HEX64 + ",", "t=" + NOW + ",,v1=" + HEX64,
      "t=" + NOW + ", v1=" + HEX64, "t=-1,v1=" + HEX64, "t=1e9,v1=" + HEX64, "t=" + NOW + ",t=" + NOW + ",v1=" + HEX64,
      "t=" + NOW + ",v1=" + "AB".repeat(32), "t=" + NOW + ",v1=", "t=" + NOW + ",V1=" + HEX64, "t=" + NOW + ",v1" + HEX64,
      "t=\u0661\u0667,v1=" + HEX64, "t=1234567890123,v1=" + HEX64, "t=" + NOW + ",v0=" + HEX64);
  }

  @ParameterizedTest
  @MethodSource("stripeMalformedCases")
  void stripeMalformed(String value) {
    assertThat(check(new StripeScheme(), "whsec_x", headers("Stripe-Signature", value)).reason())
        .isEqualTo("webhook.signature-malformed");
  }

  @Test
  void stripeIgnoresUnknownItemsAndAcceptsAnyMatchingV1() {
    Secret s = Secret.fromUtf8("whsec_abc");
    String signed = new StripeScheme().signer(List.of(s)).sign(BODY, Instant.ofEpochSecond(NOW), Optional.empty())
        .first("Stripe-Signature").orElseThrow();
    String v1 = signed.substring(signed.indexOf("v1="));
    String reordered = "v0=" + HEX64 + ",v1=" + HEX64 + "," + v1 + ",t=" + NOW + ",scheme=future";
    Decision d = Deliveries.verify(new StripeScheme(), s, BODY, headers("Stripe-Signature", reordered), TestClock.at(NOW));
    assertThat(d.allowed()).as(d.toString()).isTrue();
  }

  @Test
  void stripeSignsWithEverySecret() {
    WebhookHeaders h = new StripeScheme().signer(List.of(Secret.fromUtf8("whsec_a"), Secret.fromUtf8("whsec_b")))
        .sign(BODY, Instant.ofEpochSecond(NOW), Optional.empty());
    assertThat(h.first("Stripe-Signature").orElseThrow()).matches("t=" + NOW + ",v1=[0-9a-f]{64},v1=[0-9a-f]{64}");
    assertThat(Deliveries.verify(new StripeScheme(), Secret.fromUtf8("whsec_b"), BODY, h, TestClock.at(NOW)).allowed()).isTrue();
  }

  @Test
  void stripeKeyIsTheWhsecStringAsIs() {
    // Keying with the decoded Base64 after whsec_ (the Standard Webhooks rule) must not verify.
    Secret asIs = Secret.fromUtf8("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
    Secret decoded = Secret.of(java.util.Base64.getDecoder().decode("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"));
    WebhookHeaders h = new StripeScheme().signer(List.of(decoded)).sign(BODY, Instant.ofEpochSecond(NOW), Optional.empty());
    assertThat(Deliveries.verify(new StripeScheme(), asIs, BODY, h, TestClock.at(NOW)).reason()).isEqualTo("webhook.signature-mismatch");
  }

  // --- slack ---

  static List<String> slackMalformedSignatureCases() {
    return List.of("v0=", "v1=" + HEX64, "v0=" + HEX64.substring(1), "v0:" + HEX64, "V0=" + HEX64, "v0=" + HEX64 + "0");
  }

  @ParameterizedTest
  @MethodSource("slackMalformedSignatureCases")
  void slackMalformedSignature(String value) {
    WebhookHeaders h = headers("X-Slack-Signature", value, "X-Slack-Request-Timestamp", Long.toString(NOW));
    assertThat(check(new SlackScheme(), "s", h).reason()).isEqualTo("webhook.signature-malformed");
  }

  static List<String> slackMalformedTimestampCases() {
    return List.of("", "abc", "-1700000000", "1700000000.5", "+1700000000", "1234567890123", "1 700000000");
  }

  @ParameterizedTest
  @MethodSource("slackMalformedTimestampCases")
  void slackMalformedTimestamp(String ts) {
    WebhookHeaders h = headers("X-Slack-Signature", "v0=" + HEX64, "X-Slack-Request-Timestamp", ts);
    assertThat(check(new SlackScheme(), "s", h).reason()).isEqualTo("webhook.signature-malformed");
  }

  @Test
  void slackSignatureWithoutTimestampIsMalformedAndNoSignatureIsMissing() {
    assertThat(check(new SlackScheme(), "s", headers("X-Slack-Signature", "v0=" + HEX64)).reason())
        .isEqualTo("webhook.signature-malformed");
    assertThat(check(new SlackScheme(), "s", headers("X-Slack-Request-Timestamp", "1")).reason())
        .isEqualTo("webhook.signature-missing");
  }

  // --- standard-webhooks ---

  private static final String SW_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
  private static final String V1 = "v1," + java.util.Base64.getEncoder().encodeToString(new byte[32]);

  private static WebhookHeaders sw(String id, String ts, String sig) {
    return headers("webhook-id", id, "webhook-timestamp", ts, "webhook-signature", sig);
  }

  static List<String> standardWebhooksMalformedSignatureCases() {
    return List.of("", "v1", "v1,", V1 + "\t" + V1, "," + V1, V1 + "  " + V1, "v1," + "A".repeat(43), "v1," + "A".repeat(42) + "B=", "v1,AAAA",
      "v1a," + java.util.Base64.getEncoder().encodeToString(new byte[32]), "V1,abc", "v2,abc", "v1;" + V1.substring(3),
      "v1," + java.util.Base64.getUrlEncoder().encodeToString(new byte[] {-5, -1, -2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
          0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}));
  }

  @ParameterizedTest
  @MethodSource("standardWebhooksMalformedSignatureCases")
  void standardWebhooksMalformedSignature(String sig) {
    assertThat(check(new StandardWebhooksScheme(), SW_SECRET, sw("msg_1", Long.toString(NOW), sig)).reason())
        .isEqualTo("webhook.signature-malformed");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "msg.1", "msg 1", "msg_\u00e9", "msg_\n"})
  void standardWebhooksMalformedId(String id) {
    assertThat(check(new StandardWebhooksScheme(), SW_SECRET, sw(id, Long.toString(NOW), V1)).reason())
        .isEqualTo("webhook.signature-malformed");
  }

  @Test
  void standardWebhooksIdLengthIsCapped() {
    assertThat(check(new StandardWebhooksScheme(), SW_SECRET, sw("m".repeat(256), Long.toString(NOW), V1)).reason())
        .isEqualTo("webhook.signature-mismatch");
    assertThat(check(new StandardWebhooksScheme(), SW_SECRET, sw("m".repeat(257), Long.toString(NOW), V1)).reason())
        .isEqualTo("webhook.signature-malformed");
  }

  @Test
  void standardWebhooksIgnoresUnknownVersionsNextToAKnownOne() {
    Secret s = Secret.fromUtf8(SW_SECRET);
    WebhookHeaders signed = new StandardWebhooksScheme().signer(List.of(s)).sign(BODY, Instant.ofEpochSecond(NOW), Optional.of("msg_1"));
    String list = "v2,whatever " + V1 + " " + signed.first("webhook-signature").orElseThrow();
    Decision d = Deliveries.verify(new StandardWebhooksScheme(), s, BODY, signed.replacing("webhook-signature", list), TestClock.at(NOW));
    assertThat(d.allowed()).as(d.toString()).isTrue();
  }

  @Test
  void standardWebhooksReplayIsKeyedByTheId() {
    Secret s = Secret.fromUtf8(SW_SECRET);
    TestClock clock = TestClock.at(NOW);
    WebhookSignatureScheme.Context ctx = Deliveries.context(clock);
    WebhookSignatureScheme.Verifier v = new StandardWebhooksScheme().verifier(List.of(s));
    WebhookSignatureScheme.Signer signer = new StandardWebhooksScheme().signer(List.of(s));
    assertThat(v.verify(BODY, signer.sign(BODY, Instant.ofEpochSecond(NOW), Optional.of("msg_1")), ctx).allowed()).isTrue();
    // A re-signed retry of the same message (new timestamp) is the same delivery.
    Decision retry = v.verify(BODY, signer.sign(BODY, Instant.ofEpochSecond(NOW + 5), Optional.of("msg_1")), ctx);
    assertThat(retry.reason()).isEqualTo("webhook.replayed");
    assertThat(v.verify(BODY, signer.sign(BODY, Instant.ofEpochSecond(NOW), Optional.of("msg_2")), ctx).allowed()).isTrue();
  }

  static List<String> standardWebhooksRejectsUnusableSecretsWithoutEchoingThemCases() {
    return List.of("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "whsec_", "whsec_***", "whsec_AAAA", "whpk_AAAA",
      "whsk_AAAA", "whpk_" + "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
  }

  @ParameterizedTest
  @MethodSource("standardWebhooksRejectsUnusableSecretsWithoutEchoingThemCases")
  void standardWebhooksRejectsUnusableSecretsWithoutEchoingThem(String secret) {
    assertThatThrownBy(() -> new StandardWebhooksScheme().verifier(List.of(Secret.fromUtf8(secret))))
        .isInstanceOf(PolicyConfigurationException.class)
        .hasMessageStartingWith("standard-webhooks: secret 1 of 1")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain(secret.length() > 6 ? secret.substring(6) : "\u0000"));
  }

  @Test
  void standardWebhooksAPublicKeyCannotSign() {
    Secret whpk = Secret.fromUtf8("whpk_" + java.util.Base64.getEncoder().encodeToString(
        java.util.HexFormat.of().parseHex("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a")));
    assertThatThrownBy(() -> new StandardWebhooksScheme().signer(List.of(whpk)))
        .isInstanceOf(PolicyConfigurationException.class).hasMessageContaining("whsk_");
  }

  @Test
  void standardWebhooksGeneratesDeliveryIdsWithoutDots() {
    WebhookHeaders h = new StandardWebhooksScheme().signer(List.of(Secret.fromUtf8(SW_SECRET)))
        .sign(BODY, Instant.ofEpochSecond(NOW), Optional.empty());
    assertThat(h.first("webhook-id").orElseThrow()).matches("msg_[A-Za-z0-9_-]{24}");
    assertThatThrownBy(() -> new StandardWebhooksScheme().signer(List.of(Secret.fromUtf8(SW_SECRET)))
        .sign(BODY, Instant.ofEpochSecond(NOW), Optional.of("a.b"))).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void standardWebhooksKeyHelpersRoundTrip() {
    Secret signing = StandardWebhooksScheme.newSigningKey();
    Secret publicKey = StandardWebhooksScheme.publicKeyOf(signing);
    assertThat(publicKey.revealUtf8()).startsWith("whpk_").hasSize(5 + 44);
    WebhookHeaders h = new StandardWebhooksScheme().signer(List.of(signing)).sign(BODY, Instant.ofEpochSecond(NOW), Optional.empty());
    assertThat(Deliveries.verify(new StandardWebhooksScheme(), publicKey, BODY, h, TestClock.at(NOW)).allowed()).isTrue();
    Secret symmetric = StandardWebhooksScheme.newSymmetricSecret();
    assertThat(symmetric.revealUtf8()).startsWith("whsec_").hasSize(6 + 44);
    assertThat(symmetric.matches(StandardWebhooksScheme.newSymmetricSecret())).isFalse();
    assertThatThrownBy(() -> StandardWebhooksScheme.publicKeyOf(symmetric)).isInstanceOf(PolicyConfigurationException.class);
  }

  @Test
  void standardWebhooksSecretsMustBeCanonicalBase64() {
    // 25 bytes -> 36 characters ending in "==": the last data character carries 4 unused bits.
    byte[] key = new byte[25];
    String canonical = java.util.Base64.getEncoder().encodeToString(key);
    assertThat(canonical).endsWith("A==");
    String padBitsSet = canonical.substring(0, canonical.length() - 3) + "B==";
    assertThat(java.util.Base64.getDecoder().decode(padBitsSet)).isEqualTo(key); // the JDK alone accepts it
    new StandardWebhooksScheme().verifier(List.of(Secret.fromUtf8("whsec_" + canonical)));
    new StandardWebhooksScheme().verifier(List.of(Secret.fromUtf8("whsec_" + canonical.replace("=", ""))));
    assertThatThrownBy(() -> new StandardWebhooksScheme().verifier(List.of(Secret.fromUtf8("whsec_" + padBitsSet))))
        .isInstanceOf(PolicyConfigurationException.class).hasMessageContaining("canonical");
  }

  // --- generic ---

  @Test
  void genericOptionsShapeTheHeader() {
    GenericHmacScheme scheme = new GenericHmacScheme().withOptions(
        Map.of("header", "X-Shop-Hmac", "prefix", "sha512=", "encoding", "base64", "algorithm", "hmac-sha512"));
    Secret s = Secret.fromUtf8("k");
    WebhookHeaders h = scheme.signer(List.of(s)).sign(BODY, Instant.EPOCH, Optional.empty());
    assertThat(h.first("x-shop-hmac").orElseThrow()).startsWith("sha512=").hasSize(7 + 88);
    assertThat(Deliveries.verify(scheme, s, BODY, h, TestClock.at(0)).allowed()).isTrue();
    assertThat(Deliveries.verify(new GenericHmacScheme(), s, BODY, h, TestClock.at(0)).reason()).isEqualTo("webhook.signature-missing");
  }

  @Test
  void genericHexAcceptsOneCaseOnly() {
    Secret s = Secret.fromUtf8("k");
    String lower = new GenericHmacScheme().signer(List.of(s)).sign(BODY, Instant.EPOCH, Optional.empty()).first("X-Signature").orElseThrow();
    assertThat(Deliveries.verify(new GenericHmacScheme(), s, BODY, headers("X-Signature", lower.toUpperCase()), TestClock.at(0)).allowed()).isTrue();
    int letter = lower.replaceAll("[0-9]", " ").indexOf(lower.chars().filter(Character::isLetter).mapToObj(c -> String.valueOf((char) c)).findFirst().orElseThrow());
    String mixed = lower.substring(0, letter) + Character.toUpperCase(lower.charAt(letter)) + lower.substring(letter + 1);
    assertThat(Deliveries.verify(new GenericHmacScheme(), s, BODY, headers("X-Signature", mixed), TestClock.at(0)).reason())
        .isEqualTo("webhook.signature-malformed");
  }

  @Test
  void genericBadOptionsNameTheOption() {
    assertThatThrownBy(() -> new GenericHmacScheme().withOptions(Map.of("header", "X Sig")))
        .isInstanceOf(PolicyConfigurationException.class).hasMessageStartingWith("generic.header");
    assertThatThrownBy(() -> new GenericHmacScheme().withOptions(Map.of("encoding", "base32")))
        .isInstanceOf(PolicyConfigurationException.class).hasMessageStartingWith("generic.encoding");
    assertThatThrownBy(() -> new GenericHmacScheme().withOptions(Map.of("algorithm", "hmac-md5")))
        .isInstanceOf(PolicyConfigurationException.class).hasMessageStartingWith("generic.algorithm");
    assertThatThrownBy(() -> new GenericHmacScheme().withOptions(Map.of("colour", "red")))
        .isInstanceOf(PolicyConfigurationException.class).hasMessageStartingWith("generic.colour");
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "-1", "86401", "1e3", " 300", "300s", ""})
  void toleranceOptionIsStrict(String value) {
    assertThatThrownBy(() -> new SlackScheme().withOptions(Map.of("tolerance-seconds", value)))
        .isInstanceOf(PolicyConfigurationException.class).hasMessageStartingWith("slack.tolerance-seconds");
  }

  @Test
  void toleranceIsConfigurable() {
    assertThat(new StripeScheme().withOptions(Map.of("tolerance-seconds", "60")).tolerance()).contains(Duration.ofSeconds(60));
    assertThat(StandardWebhooksScheme.withTolerance(Duration.ofSeconds(1)).tolerance()).contains(Duration.ofSeconds(1));
    assertThatThrownBy(() -> SlackScheme.withTolerance(Duration.ofMillis(1500))).isInstanceOf(PolicyConfigurationException.class);
    assertThat(new GithubScheme().tolerance()).isEmpty();
  }

  @Test
  void emptySecretListChecksGrammarOnlyAndNeverAllows() {
    for (WebhookSignatureScheme scheme : WebhookSchemes.builtIns().all()) {
      WebhookSignatureScheme.Verifier none = scheme.verifier(List.of());
      assertThat(none.verify(BODY, WebhookHeaders.empty(), Deliveries.context(TestClock.at(NOW))).reason())
          .as(scheme.id()).isEqualTo("webhook.signature-missing");
    }
  }
}
