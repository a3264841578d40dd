package dev.hostpolicy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code hostpolicy webhook sign|verify}, in process. */
class WebhookCommandTest {
  // GitHub docs, "Validating webhook deliveries" (docs.github.com/en/webhooks/using-webhooks/validating-webhook-deliveries).
  private static final String GH_SECRET = "It's a Secret to Everybody";
  private static final byte[] GH_BODY = "Hello, World!".getBytes(StandardCharsets.UTF_8);
  private static final String GH_SIG = "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17";
  private static final Map<String, String> GH_ENV = Map.of("GH_SECRET", GH_SECRET);

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static void assertNoSecret(CliRun r, String secret) {
    assertThat(r.out()).doesNotContain(secret);
    assertThat(r.stderr()).doesNotContain(secret);
  }

  @Test
  void signPrintsExactlyTheHeaderLine() {
    CliRun r = CliRun.run(GH_ENV, GH_BODY, "webhook", "sign", "--scheme", "github", "--secret-env", "GH_SECRET");
    assertThat(r.exit()).as(r.stderr()).isZero();
    assertThat(r.out()).isEqualTo("X-Hub-Signature-256: " + GH_SIG + "\n");
    assertThat(r.stderr()).isEmpty();
  }

  @Test
  void verifyAllowsTheGithubDocsExample() {
    CliRun r = CliRun.run(GH_ENV, GH_BODY, "webhook", "verify", "--scheme", "github", "--secret-env", "GH_SECRET",
        "--header", "X-Hub-Signature-256: " + GH_SIG);
    assertThat(r.exit()).as(r.stderr()).isZero();
    assertThat(r.out()).isEqualTo("allowed\n");
    assertNoSecret(r, GH_SECRET);
  }

  @Test
  void verifyDeniesWithTheReasonAndExitThree() {
    CliRun r = CliRun.run(GH_ENV, utf8("Hello, World?"), "webhook", "verify", "--scheme", "github", "--secret-env", "GH_SECRET",
        "--header", "X-Hub-Signature-256: " + GH_SIG);
    assertThat(r.exit()).isEqualTo(3);
    assertThat(r.out()).isEqualTo("webhook.signature-mismatch\n");
    assertThat(r.stderr()).startsWith("hostpolicy: denied: webhook.signature-mismatch");
    assertNoSecret(r, GH_SECRET);
  }

  @Test
  void verifyJsonPrintsOneDecisionObject() throws Exception {
    CliRun ok = CliRun.run(GH_ENV, GH_BODY, "webhook", "verify", "--json", "--scheme", "github", "--secret-env", "GH_SECRET",
        "--header", "x-hub-signature-256: " + GH_SIG);
    JsonNode j = new ObjectMapper().readTree(ok.stdout());
    assertThat(ok.exit()).isZero();
    assertThat(j.get("allowed").asBoolean()).isTrue();
    assertThat(j.get("reason").asText()).isEqualTo("allowed");
    assertThat(j.has("detail")).isTrue();
    assertThat(ok.out()).endsWith("}\n").doesNotContain("\n{");

    CliRun missing = CliRun.run(GH_ENV, GH_BODY, "webhook", "verify", "--json", "--scheme", "github", "--secret-env", "GH_SECRET");
    JsonNode m = new ObjectMapper().readTree(missing.stdout());
    assertThat(missing.exit()).isEqualTo(3);
    assertThat(m.get("allowed").asBoolean()).isFalse();
    assertThat(m.get("reason").asText()).isEqualTo("webhook.signature-missing");
    assertThat(m.get("detail").asText()).contains("X-Hub-Signature-256");
  }

  @Test
  void slackDocsExampleWithNow() {
    // Slack docs, "Verifying requests from Slack" (docs.slack.dev/authentication/verifying-requests-from-slack).
    String body = "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V"
        + "&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text="
        + "&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN"
        + "&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c";
    Map<String, String> env = Map.of("SLACK", "8f742231b10e8888abcd99yyyzzz85a5");
    String[] headers = {"--header", "X-Slack-Request-Timestamp: 1531420618",
        "--header", "X-Slack-Signature: v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503"};
    List<String> args = new ArrayList<>(List.of("webhook", "verify", "--scheme", "slack", "--secret-env", "SLACK"));
    args.addAll(List.of(headers));
    List<String> fresh = new ArrayList<>(args);
    fresh.addAll(List.of("--now", "1531420918"));
    assertThat(CliRun.run(env, utf8(body), fresh.toArray(String[]::new)).out()).isEqualTo("allowed\n");
    List<String> late = new ArrayList<>(args);
    late.addAll(List.of("--now", "1531420919"));
    CliRun r = CliRun.run(env, utf8(body), late.toArray(String[]::new));
    assertThat(r.exit()).isEqualTo(3);
    assertThat(r.out()).isEqualTo("webhook.timestamp-expired\n");
    assertThat(CliRun.run(env, utf8(body), "webhook", "sign", "--scheme", "slack", "--secret-env", "SLACK", "--now", "1531420618").out())
        .isEqualTo("X-Slack-Request-Timestamp: 1531420618\nX-Slack-Signature: v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503\n");
  }

  @Test
  void standardWebhooksSignReproducesTheSpecExampleFromIdAndNow() {
    // github.com/standard-webhooks/standard-webhooks, libraries/go/webhook_symmetric_test.go (TestSymmetricWebhookSign).
    Map<String, String> env = Map.of("SW", "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
    CliRun r = CliRun.run(env, utf8("{\"test\": 2432232314}"), "webhook", "sign", "--scheme", "standard-webhooks",
        "--secret-env", "SW", "--id", "msg_p5jXN8AQM9LWM0D4loKWxJek", "--now", "1614265330");
    assertThat(r.out()).isEqualTo("webhook-id: msg_p5jXN8AQM9LWM0D4loKWxJek\nwebhook-timestamp: 1614265330\n"
        + "webhook-signature: v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=\n");
    CliRun viaHeader = CliRun.run(env, utf8("{\"test\": 2432232314}"), "webhook", "sign", "--scheme", "standard-webhooks",
        "--secret-env", "SW", "--header", "webhook-id: msg_p5jXN8AQM9LWM0D4loKWxJek", "--now", "1614265330");
    assertThat(viaHeader.out()).isEqualTo(r.out());
    CliRun random = CliRun.run(env, utf8("{}"), "webhook", "sign", "--scheme", "standard-webhooks", "--secret-env", "SW");
    assertThat(random.out()).matches("webhook-id: msg_[A-Za-z0-9_-]{24}\nwebhook-timestamp: [0-9]+\nwebhook-signature: v1,[A-Za-z0-9+/]{43}=\n");
    assertThat(CliRun.run(env, utf8("{}"), "webhook", "sign", "--scheme", "standard-webhooks", "--secret-env", "SW", "--id", "a.b").exit())
        .isEqualTo(2);
  }

  @Test
  void bodiesAreReadByteForByte(@TempDir Path dir) throws Exception {
    byte[] body = {'{', 0, '\r', '\n', (byte) 0xff, (byte) 0xc3, '}', '\n'};
    Path secret = dir.resolve("secret");
    Files.write(secret, utf8("whsec_file-secret-value\n"));
    CliRun signed = CliRun.run(Map.of(), body, "webhook", "sign", "--scheme", "stripe", "--secret-file", secret.toString(), "--now", "1700000000");
    assertThat(signed.exit()).as(signed.stderr()).isZero();
    String header = signed.out().strip();
    assertThat(header).matches("Stripe-Signature: t=1700000000,v1=[0-9a-f]{64}");
    CliRun ok = CliRun.run(Map.of(), body, "webhook", "verify", "--scheme", "stripe", "--secret-file", secret.toString(),
        "--now", "1700000100", "--header", header);
    assertThat(ok.out()).isEqualTo("allowed\n");
    byte[] lastByteChanged = body.clone();
    lastByteChanged[body.length - 1] = '\r';
    CliRun changed = CliRun.run(Map.of(), lastByteChanged, "webhook", "verify", "--scheme", "stripe", "--secret-file", secret.toString(),
        "--now", "1700000100", "--header", header);
    assertThat(changed.out()).isEqualTo("webhook.signature-mismatch\n");
    // The trailing newline of the file is not part of the secret; the same value from the environment agrees.
    CliRun env = CliRun.run(Map.of("S", "whsec_file-secret-value"), body, "webhook", "verify", "--scheme", "stripe", "--secret-env", "S",
        "--now", "1700000100", "--header", header);
    assertThat(env.out()).isEqualTo("allowed\n");
    assertNoSecret(ok, "file-secret-value");
  }

  @Test
  void optionsReachTheScheme() {
    Map<String, String> env = Map.of("K", "generic-key");
    CliRun signed = CliRun.run(env, utf8("x"), "webhook", "sign", "--scheme", "generic", "--secret-env", "K",
        "--option", "header=X-Shop-Hmac", "--option", "encoding=base64", "--option", "algorithm=hmac-sha512", "--option", "prefix=sha512=");
    assertThat(signed.out()).matches("X-Shop-Hmac: sha512=[A-Za-z0-9+/]{86}==\n");
    CliRun bad = CliRun.run(env, utf8("x"), "webhook", "sign", "--scheme", "generic", "--secret-env", "K", "--option", "colour=red");
    assertThat(bad.exit()).isEqualTo(2);
    assertThat(bad.stderr()).contains("generic.colour");
    CliRun legacy = CliRun.run(env, utf8("x"), "webhook", "sign", "--scheme", "github", "--secret-env", "K", "--option", "legacy-sha1=true");
    assertThat(legacy.out()).matches("X-Hub-Signature: sha1=[0-9a-f]{40}\nX-Hub-Signature-256: sha256=[0-9a-f]{64}\n");
  }

  @Test
  void aBodyOverTheLimitIsDenied() {
    CliRun r = CliRun.run(GH_ENV, new byte[11], "webhook", "verify", "--scheme", "github", "--secret-env", "GH_SECRET",
        "--max-body-bytes", "10", "--header", "X-Hub-Signature-256: " + GH_SIG);
    assertThat(r.exit()).isEqualTo(3);
    assertThat(r.out()).isEqualTo("webhook.body-too-large\n");
    assertThat(CliRun.run(GH_ENV, new byte[11], "webhook", "sign", "--scheme", "github", "--secret-env", "GH_SECRET",
        "--max-body-bytes", "10").exit()).isEqualTo(2);
  }

  @Test
  void usageErrorsExitTwoWithoutTheSecret(@TempDir Path dir) throws Exception {
    Path empty = dir.resolve("empty");
    Files.write(empty, utf8("\n"));
    List<CliRun> runs = List.of(
        CliRun.run(GH_ENV, GH_BODY, "webhook", "verify", "--scheme", "github"),
        CliRun.run(GH_ENV, GH_BODY, "webhook", "verify", "--scheme", "github", "--secret-env", "GH_SECRET", "--secret-file", empty.toString()),
        CliRun.run(GH_ENV, GH_BODY, "webhook", "verify", "--scheme", "github", "--secret-env", "NOPE"),
        CliRun.run(GH_ENV, GH_BODY, "webhook", "verify", "--scheme", "github", "--secret-file", dir.resolve("missing").toString()),
        CliRun.run(GH_ENV, GH_BODY, "webhook", "verify", "--scheme", "github", "--secret-file", empty.toString()),
        CliRun.run(GH_ENV, GH_BODY, "webhook", "verify", "--scheme", "gitlab", "--secret-env", "GH_SECRET"),
        CliRun.run(GH_ENV, GH_BODY, "webhook", "verify", "--scheme", "github", "--secret-env", "GH_SECRET", "--header", "no colon"),
        CliRun.run(GH_ENV, GH_BODY, "webhook", "verify", "--scheme", "github", "--secret-env", "GH_SECRET", "--now", "yesterday"),
        CliRun.run(GH_ENV, GH_BODY, "webhook", "verify", "--scheme", "github", "--secret-env", "GH_SECRET", "--now", "-5"),
        CliRun.run(GH_ENV, GH_BODY, "webhook", "verify", "--scheme", "github", "--secret-env", "GH_SECRET", "--secret", "x"),
        CliRun.run(GH_ENV, GH_BODY, "webhook", "frobnicate"),
        CliRun.run(GH_ENV, GH_BODY, "webhook"));
    for (CliRun r : runs) {
      assertThat(r.exit()).as(r.stderr()).isEqualTo(2);
      assertThat(r.stdout()).isEmpty();
      assertNoSecret(r, GH_SECRET);
    }
    assertThat(runs.get(5).stderr()).contains("github, stripe, slack, standard-webhooks, generic");
  }

  @Test
  void anUnusableSecretIsAConfigurationErrorThatDoesNotEchoIt() {
    String secret = "not-a-whsec-value-1234567890";
    CliRun r = CliRun.run(Map.of("SW", secret), utf8("{}"), "webhook", "verify", "--scheme", "standard-webhooks", "--secret-env", "SW",
        "--header", "webhook-signature: v1,AAAA");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.stderr()).contains("whsec_");
    assertNoSecret(r, secret);
  }

  @Test
  void theWebhooksPageIsBundled() throws Exception {
    CliRun r = CliRun.run("docs", "webhooks");
    assertThat(r.exit()).isZero();
    assertThat(r.stdout()).isEqualTo(Files.readAllBytes(Path.of("../docs/webhooks.md")));
  }
}
