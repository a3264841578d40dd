package dev.hostpolicy.core.webhook;

import static dev.hostpolicy.core.webhook.Deliveries.headers;
import static dev.hostpolicy.core.webhook.Deliveries.utf8;
import static dev.hostpolicy.core.webhook.Deliveries.verify;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hostpolicy.api.Decision;
import dev.hostpolicy.api.Secret;
import dev.hostpolicy.api.WebhookHeaders;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.math.ec.rfc8032.Ed25519;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Every published test vector we know of for the built-in schemes, each with its source. */
class PublishedVectorsTest {
  private static final HexFormat HEX = HexFormat.of();

  // GitHub docs, "Validating webhook deliveries" > "Testing the webhook payload validation"
  // (docs.github.com/en/webhooks/using-webhooks/validating-webhook-deliveries).
  private static final String GITHUB_SECRET = "It's a Secret to Everybody";
  private static final String GITHUB_BODY = "Hello, World!";
  private static final String GITHUB_SIGNATURE =
      "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17";

  // Slack docs, "Verifying requests from Slack" (api.slack.com/authentication/verifying-requests-from-slack,
  // now docs.slack.dev/authentication/verifying-requests-from-slack): the worked example.
  private static final String SLACK_SECRET = "8f742231b10e8888abcd99yyyzzz85a5";
  private static final String SLACK_TIMESTAMP = "1531420618";
  private static final String SLACK_BODY =
      "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V"
          + "&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text="
          + "&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN"
          + "&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c";
  private static final String SLACK_SIGNATURE = "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503";

  // Standard Webhooks reference libraries, github.com/standard-webhooks/standard-webhooks:
  // libraries/go/webhook_symmetric_test.go (TestSymmetricWebhookSign) and
  // libraries/go/webhook_asymmetric_test.go (TestAsymmetricWebhookSign), the spec's example message.
  private static final String SW_ID = "msg_p5jXN8AQM9LWM0D4loKWxJek";
  private static final String SW_TIMESTAMP = "1614265330";
  private static final String SW_BODY = "{\"test\": 2432232314}";
  private static final String SW_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
  private static final String SW_V1 = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";
  private static final String SW_SIGNING_KEY = "whsk_VEVTVFNJR05JTkdLRVlET05PVFVTRVRISVNGT1JBTlk=";
  private static final String SW_V1A =
      "v1a,tQ9V2XOqn7jL/DQenEFpqIugdBVtiMmER5mhSkXBNwM0mkATuDe6KYYUuxqtaiHeYGb7KaaBRdM5WqyeFiL8Ag==";

  @Test
  void githubDocsExampleVerifies() {
    Decision d = verify(new GithubScheme(), Secret.fromUtf8(GITHUB_SECRET), utf8(GITHUB_BODY),
        headers("X-Hub-Signature-256", GITHUB_SIGNATURE), TestClock.at(0));
    assertThat(d.allowed()).as(d.toString()).isTrue();
  }

  @Test
  void githubDocsExampleIsWhatWeSign() {
    WebhookHeaders signed = new GithubScheme().signer(List.of(Secret.fromUtf8(GITHUB_SECRET)))
        .sign(utf8(GITHUB_BODY), Instant.EPOCH, Optional.empty());
    assertThat(signed).isEqualTo(headers("X-Hub-Signature-256", GITHUB_SIGNATURE));
  }

  @Test
  void slackDocsExampleVerifiesWithinTheTolerance() {
    long ts = Long.parseLong(SLACK_TIMESTAMP);
    WebhookHeaders h = headers("X-Slack-Request-Timestamp", SLACK_TIMESTAMP, "X-Slack-Signature", SLACK_SIGNATURE);
    Decision d = verify(new SlackScheme(), Secret.fromUtf8(SLACK_SECRET), utf8(SLACK_BODY), h, TestClock.at(ts + 60));
    assertThat(d.allowed()).as(d.toString()).isTrue();
    Decision late = verify(new SlackScheme(), Secret.fromUtf8(SLACK_SECRET), utf8(SLACK_BODY), h, TestClock.at(ts + 301));
    assertThat(late.reason()).isEqualTo("webhook.timestamp-expired");
  }

  @Test
  void slackDocsExampleIsWhatWeSign() {
    WebhookHeaders signed = new SlackScheme().signer(List.of(Secret.fromUtf8(SLACK_SECRET)))
        .sign(utf8(SLACK_BODY), Instant.ofEpochSecond(Long.parseLong(SLACK_TIMESTAMP)), Optional.empty());
    assertThat(signed).isEqualTo(headers("X-Slack-Request-Timestamp", SLACK_TIMESTAMP, "X-Slack-Signature", SLACK_SIGNATURE));
  }

  @Test
  void standardWebhooksSymmetricExampleVerifiesAndIsWhatWeSign() {
    WebhookHeaders h = headers("webhook-id", SW_ID, "webhook-timestamp", SW_TIMESTAMP, "webhook-signature", SW_V1);
    Decision d = verify(new StandardWebhooksScheme(), Secret.fromUtf8(SW_SECRET), utf8(SW_BODY), h,
        TestClock.at(Long.parseLong(SW_TIMESTAMP)));
    assertThat(d.allowed()).as(d.toString()).isTrue();
    WebhookHeaders signed = new StandardWebhooksScheme().signer(List.of(Secret.fromUtf8(SW_SECRET)))
        .sign(utf8(SW_BODY), Instant.ofEpochSecond(Long.parseLong(SW_TIMESTAMP)), Optional.of(SW_ID));
    assertThat(signed).isEqualTo(h);
  }

  @Test
  void standardWebhooksAsymmetricExampleIsWhatWeSignAndVerifiesWithThePublicKey() {
    WebhookHeaders signed = new StandardWebhooksScheme().signer(List.of(Secret.fromUtf8(SW_SIGNING_KEY)))
        .sign(utf8(SW_BODY), Instant.ofEpochSecond(Long.parseLong(SW_TIMESTAMP)), Optional.of(SW_ID));
    assertThat(signed.first("webhook-signature")).contains(SW_V1A);

    byte[] seed = Base64.getDecoder().decode(SW_SIGNING_KEY.substring(5));
    String publicKey = "whpk_" + Base64.getEncoder().encodeToString(
        new Ed25519PrivateKeyParameters(seed, 0).generatePublicKey().getEncoded());
    WebhookHeaders h = headers("webhook-id", SW_ID, "webhook-timestamp", SW_TIMESTAMP, "webhook-signature", SW_V1A);
    Decision d = verify(new StandardWebhooksScheme(), Secret.fromUtf8(publicKey), utf8(SW_BODY), h,
        TestClock.at(Long.parseLong(SW_TIMESTAMP)));
    assertThat(d.allowed()).as(d.toString()).isTrue();
  }

  /**
   * RFC 4231 section 4 (test cases 1–4, 6, 7 for HMAC-SHA-256; 1–2 for HMAC-SHA-512), through the
   * generic scheme with hex encoding. Case 5 is a truncated MAC and is checked on its prefix.
   */
  @ParameterizedTest(name = "RFC 4231 case {0} {1}")
  @CsvSource({
    "1, hmac-sha256, 0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b, 4869205468657265, b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7",
    "2, hmac-sha256, 4a656665, 7768617420646f2079612077616e7420666f72206e6f7468696e673f, 5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843",
    "3, hmac-sha256, aa*20, dd*50, 773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe",
    "4, hmac-sha256, 0102030405060708090a0b0c0d0e0f10111213141516171819, cd*50, 82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b",
    "6, hmac-sha256, aa*131, 54657374205573696e67204c6172676572205468616e20426c6f636b2d53697a65204b6579202d2048617368204b6579204669727374, 60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54",
    "7, hmac-sha256, aa*131, 5468697320697320612074657374207573696e672061206c6172676572207468616e20626c6f636b2d73697a65206b657920616e642061206c6172676572207468616e20626c6f636b2d73697a6520646174612e20546865206b6579206e6565647320746f20626520686173686564206265666f7265206265696e6720757365642062792074686520484d414320616c676f726974686d2e"
        + ", 9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2",
    "1, hmac-sha512, 0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b, 4869205468657265, 87aa7cdea5ef619d4ff0b4241a1d6cb02379f4e2ce4ec2787ad0b30545e17cdedaa833b7d6b8a702038b274eaea3f4e4be9d914eeb61f1702e696c203a126854",
    "2, hmac-sha512, 4a656665, 7768617420646f2079612077616e7420666f72206e6f7468696e673f, 164b7a7bfcf819e2e395fbe73b56e0a387bd64222e831fd610270cd7ea2505549758bf75c05a994a6d034f65f8f0e6fdcaeab1a34d4a6b4b636e070a38bce737",
  })
  void rfc4231(int testCase, String algorithm, String keyHex, String dataHex, String macHex) {
    GenericHmacScheme scheme = new GenericHmacScheme().withOptions(java.util.Map.of("algorithm", algorithm));
    Secret key = Secret.of(hex(keyHex));
    byte[] data = hex(dataHex);
    Decision d = verify(scheme, key, data, headers("X-Signature", macHex), TestClock.at(0));
    assertThat(d.allowed()).as("case %d: %s", testCase, d).isTrue();
    assertThat(scheme.signer(List.of(key)).sign(data, Instant.EPOCH, Optional.empty()).first("X-Signature")).contains(macHex);
  }

  /** Hex, or {@code xx*N}: the byte {@code xx} repeated N times (as the RFC writes its long inputs). */
  private static byte[] hex(String text) {
    int star = text.indexOf('*');
    if (star < 0) {
      return HEX.parseHex(text);
    }
    byte[] out = new byte[Integer.parseInt(text.substring(star + 1))];
    java.util.Arrays.fill(out, HEX.parseHex(text.substring(0, star))[0]);
    return out;
  }

  @Test
  void rfc4231Case5TruncatedMacIsThePrefixOfOurs() {
    // RFC 4231 section 4.6: HMAC-SHA-256 truncated to 128 bits.
    Secret key = Secret.of(HEX.parseHex("0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c"));
    String full = new GenericHmacScheme().signer(List.of(key))
        .sign(utf8("Test With Truncation"), Instant.EPOCH, Optional.empty()).first("X-Signature").orElseThrow();
    assertThat(full).startsWith("a3b6167473100ee06e0c796c2955552b").hasSize(64);
  }

  /**
   * RFC 8032 section 7.1, TEST 1 (empty message): the Ed25519 primitive behind {@code v1a} derives
   * the published public key and signature, and a key pair given as {@code whsk_}/{@code whpk_}
   * secrets signs and verifies through the scheme.
   */
  @Test
  void rfc8032Test1() {
    byte[] secretKey = HEX.parseHex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60");
    byte[] publicKey = HEX.parseHex("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a");
    byte[] signature = HEX.parseHex("e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b");
    Ed25519PrivateKeyParameters priv = new Ed25519PrivateKeyParameters(secretKey, 0);
    assertThat(priv.generatePublicKey().getEncoded()).isEqualTo(publicKey);
    byte[] sig = new byte[64];
    priv.sign(Ed25519.Algorithm.Ed25519, null, new byte[0], 0, 0, sig, 0);
    assertThat(sig).isEqualTo(signature);
    assertThat(Ed25519.verify(signature, 0, publicKey, 0, new byte[0], 0, 0)).isTrue();

    Secret whsk = Secret.fromUtf8("whsk_" + Base64.getEncoder().encodeToString(secretKey));
    Secret whpk = Secret.fromUtf8("whpk_" + Base64.getEncoder().encodeToString(publicKey));
    WebhookHeaders signed = new StandardWebhooksScheme().signer(List.of(whsk))
        .sign(utf8("{}"), Instant.ofEpochSecond(1_700_000_000L), Optional.of("msg_1"));
    Decision d = verify(new StandardWebhooksScheme(), whpk, utf8("{}"), signed, TestClock.at(1_700_000_000L));
    assertThat(d.allowed()).as(d.toString()).isTrue();
  }
}
