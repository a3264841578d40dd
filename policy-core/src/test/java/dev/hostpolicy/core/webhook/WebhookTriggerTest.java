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
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The trigger table of issue 6, one nested class per row, plus the body limit and rotation. */
class WebhookTriggerTest {
  private static final long NOW = 1_700_000_000L;
  private static final byte[] BODY = utf8("{\"event\":\"push\"}");
  private static final Secret SECRET = Secret.fromUtf8("whsec_row-one-secret-value");

  private static WebhookHeaders stripeSigned(Secret secret, long at, byte[] body) {
    return new StripeScheme().signer(List.of(secret)).sign(body, Instant.ofEpochSecond(at), Optional.empty());
  }

  private static WebhookTrigger.Builder stripe(TestClock clock) {
    return WebhookTrigger.builder("payments").scheme(new StripeScheme()).timeSource(clock);
  }

  /** Row 1: the scheme signs, a secret is set, verifyOptional either way — verify. */
  @Nested
  class SignsWithSecret {
    @ParameterizedTest(name = "verifyOptional={0}")
    @ValueSource(booleans = {false, true})
    void aGoodSignatureIsAllowed(boolean optional) {
      TestClock clock = TestClock.at(NOW);
      Decision d = stripe(clock).secret(SECRET).verifyOptional(optional).build()
          .verify(BODY, stripeSigned(SECRET, NOW, BODY));
      assertThat(d.allowed()).as(d.toString()).isTrue();
      assertThat(d.reason()).isEqualTo("allowed");
    }

    @ParameterizedTest(name = "verifyOptional={0}")
    @ValueSource(booleans = {false, true})
    void missingDenies(boolean optional) {
      Decision d = stripe(TestClock.at(NOW)).secret(SECRET).verifyOptional(optional).build()
          .verify(BODY, headers("Content-Type", "application/json"));
      assertThat(d.reason()).isEqualTo("webhook.signature-missing");
      assertThat(d.denied()).isTrue();
    }

    @ParameterizedTest(name = "verifyOptional={0}")
    @ValueSource(booleans = {false, true})
    void malformedDenies(boolean optional) {
      Decision d = stripe(TestClock.at(NOW)).secret(SECRET).verifyOptional(optional).build()
          .verify(BODY, headers("Stripe-Signature", "t=" + NOW + ",v1=XYZ"));
      assertThat(d.reason()).isEqualTo("webhook.signature-malformed");
    }

    @ParameterizedTest(name = "verifyOptional={0}")
    @ValueSource(booleans = {false, true})
    void aPresentButWrongSignatureIsRefusedEvenWhenOptional(boolean optional) {
      Secret other = Secret.fromUtf8("whsec_someone-else");
      Decision d = stripe(TestClock.at(NOW)).secret(SECRET).verifyOptional(optional).build()
          .verify(BODY, stripeSigned(other, NOW, BODY));
      assertThat(d.reason()).isEqualTo("webhook.signature-mismatch");
      assertThat(d.denied()).isTrue();
    }

    @ParameterizedTest(name = "verifyOptional={0}")
    @ValueSource(booleans = {false, true})
    void expiredDenies(boolean optional) {
      Decision d = stripe(TestClock.at(NOW + 301)).secret(SECRET).verifyOptional(optional).build()
          .verify(BODY, stripeSigned(SECRET, NOW, BODY));
      assertThat(d.reason()).isEqualTo("webhook.timestamp-expired");
      assertThat(d.detail()).contains("301 s in the past");
    }

    @ParameterizedTest(name = "verifyOptional={0}")
    @ValueSource(booleans = {false, true})
    void replayedDenies(boolean optional) {
      WebhookTrigger trigger = stripe(TestClock.at(NOW)).secret(SECRET).verifyOptional(optional).build();
      WebhookHeaders signed = stripeSigned(SECRET, NOW, BODY);
      assertThat(trigger.verify(BODY, signed).allowed()).isTrue();
      Decision again = trigger.verify(BODY, signed);
      assertThat(again.reason()).isEqualTo("webhook.replayed");
      // The same delivery with an extra bogus v1 entry is still the same delivery.
      WebhookHeaders padded = signed.replacing("Stripe-Signature",
          signed.first("Stripe-Signature").orElseThrow() + ",v1=" + "0".repeat(64));
      assertThat(trigger.verify(BODY, padded).reason()).isEqualTo("webhook.replayed");
    }
  }

  /** Row 2: the scheme signs, no secret, verifyOptional — accept unsigned, with a notable reason. */
  @Nested
  class SignsNoSecretOptional {
    private final WebhookTrigger trigger =
        stripe(TestClock.at(NOW)).verifyOptional(true).build();

    @Test
    void anUnsignedDeliveryIsAcceptedWithANotableReason() {
      Decision d = trigger.verify(BODY, WebhookHeaders.empty());
      assertThat(d.allowed()).isTrue();
      assertThat(d.reason()).isEqualTo("webhook.unsigned-accepted");
    }

    @Test
    void aWellFormedSignatureCannotBeCheckedAndIsAcceptedAsUnsigned() {
      Decision d = trigger.verify(BODY, stripeSigned(SECRET, NOW, BODY));
      assertThat(d.allowed()).isTrue();
      assertThat(d.reason()).isEqualTo("webhook.unsigned-accepted");
      assertThat(d.detail()).contains("not checked");
    }

    @Test
    void aMalformedSignatureIsStillRefused() {
      Decision d = trigger.verify(BODY, headers("Stripe-Signature", "t=1,v1=nothex"));
      assertThat(d.reason()).isEqualTo("webhook.signature-malformed");
      assertThat(d.denied()).isTrue();
    }
  }

  /** Row 3: the scheme signs, no secret, not optional — refused at build time, and at run time. */
  @Nested
  class SignsNoSecretNotOptional {
    @Test
    void theBuildFailsNamingTheTrigger() {
      assertThatThrownBy(() -> stripe(TestClock.at(NOW)).build())
          .isInstanceOf(PolicyConfigurationException.class)
          .hasMessageStartingWith("payments: ")
          .hasMessageContaining("webhook.misconfigured")
          .satisfies(e -> assertThat(((PolicyConfigurationException) e).key()).contains("payments"));
    }

    @Test
    void aTriggerWhoseSecretsWereAllDestroyedDeniesAsMisconfigured() {
      Secret doomed = Secret.fromUtf8("whsec_to-be-destroyed");
      WebhookTrigger trigger = stripe(TestClock.at(NOW)).secret(doomed).build();
      WebhookHeaders signed = stripeSigned(doomed, NOW, BODY);
      doomed.destroy();
      Decision d = trigger.verify(BODY, signed);
      assertThat(d.reason()).isEqualTo("webhook.misconfigured");
      assertThat(d.denied()).isTrue();
    }
  }

  /** Row 4: the scheme does not sign — allow. */
  @Nested
  class DoesNotSign {
    @Test
    void aNonSigningSchemeAllows() {
      Decision d = WebhookTrigger.builder("ping").scheme(new NonSigningScheme()).build()
          .verify(BODY, headers("X-Hub-Signature-256", "garbage"));
      assertThat(d.allowed()).isTrue();
      assertThat(d.reason()).isEqualTo("allowed");
    }

    @Test
    void anUnsignedTriggerAllows() {
      Decision d = WebhookTrigger.builder("ping").unsigned().build().verify(BODY, WebhookHeaders.empty());
      assertThat(d.allowed()).isTrue();
    }

    @Test
    void aSecretForANonSigningSchemeIsAConfigurationError() {
      assertThatThrownBy(() -> WebhookTrigger.builder("ping").scheme(new NonSigningScheme()).secret(SECRET).build())
          .isInstanceOf(PolicyConfigurationException.class).hasMessageContaining("never be checked");
      assertThatThrownBy(() -> WebhookTrigger.builder("ping").unsigned().secret(SECRET).build())
          .isInstanceOf(PolicyConfigurationException.class);
    }

    @Test
    void theBodyLimitStillApplies() {
      Decision d = WebhookTrigger.builder("ping").unsigned().maxBodyBytes(4).build().verify(utf8("12345"), WebhookHeaders.empty());
      assertThat(d.reason()).isEqualTo("webhook.body-too-large");
    }
  }

  @Nested
  class BodyLimit {
    @Test
    void theDefaultIsOneMebibyteInclusive() throws IOException {
      Secret s = Secret.fromUtf8("github-secret");
      WebhookTrigger t = WebhookTrigger.builder("big").scheme(new GithubScheme()).secret(s).build();
      assertThat(t.maxBodyBytes()).isEqualTo(1 << 20);
      byte[] exact = new byte[1 << 20];
      WebhookHeaders signed = new GithubScheme().signer(List.of(s)).sign(exact, Instant.EPOCH, Optional.empty());
      assertThat(t.verify(exact, signed).allowed()).isTrue();
      assertThat(t.verify(new byte[(1 << 20) + 1], signed).reason()).isEqualTo("webhook.body-too-large");
    }

    @Test
    void aTooLargeBodyIsRefusedBeforeTheSchemeIsAsked() {
      ThrowingScheme scheme = new ThrowingScheme();
      WebhookTrigger t = WebhookTrigger.builder("big").scheme(scheme).secret(SECRET).maxBodyBytes(10).build();
      assertThat(t.verify(new byte[11], WebhookHeaders.empty()).reason()).isEqualTo("webhook.body-too-large");
      assertThat(scheme.verifyCalls).isZero();
    }

    @Test
    void receivingStopsReadingOneBytePastTheLimit() throws IOException {
      CountingStream in = new CountingStream(1_000_000);
      WebhookTrigger t = WebhookTrigger.builder("big").unsigned().maxBodyBytes(100).build();
      WebhookTrigger.Received r = t.receive(in, WebhookHeaders.empty());
      assertThat(r.decision().reason()).isEqualTo("webhook.body-too-large");
      assertThat(r.body()).isEmpty();
      assertThat(in.read).isEqualTo(101);
    }

    @Test
    void receivingReturnsTheBytesItVerified() throws IOException {
      Secret s = Secret.fromUtf8("github-secret");
      WebhookTrigger t = WebhookTrigger.builder("small").scheme(new GithubScheme()).secret(s).build();
      WebhookHeaders signed = new GithubScheme().signer(List.of(s)).sign(BODY, Instant.EPOCH, Optional.empty());
      WebhookTrigger.Received r = t.receive(new ByteArrayInputStream(BODY), signed);
      assertThat(r.decision().allowed()).isTrue();
      assertThat(r.body()).isEqualTo(BODY);
    }

    @Test
    void limitsOutsideTheRangeAreConfigurationErrors() {
      assertThatThrownBy(() -> WebhookTrigger.builder("x").maxBodyBytes(0)).isInstanceOf(PolicyConfigurationException.class)
          .hasMessageContaining("x.max-body-bytes");
      assertThatThrownBy(() -> WebhookTrigger.builder("x").maxBodyBytes(Integer.MAX_VALUE)).isInstanceOf(PolicyConfigurationException.class);
    }
  }

  @Nested
  class Rotation {
    @Test
    void everyActiveSecretVerifiesAndTheMatchIsNamed() {
      Secret old = Secret.fromUtf8("old-github-secret");
      Secret fresh = Secret.fromUtf8("new-github-secret");
      WebhookTrigger t = WebhookTrigger.builder("deploy").scheme("github").secrets(List.of(old, fresh)).build();
      Decision byOld = t.verify(BODY, new GithubScheme().signer(List.of(old)).sign(BODY, Instant.EPOCH, Optional.empty()));
      Decision byNew = t.verify(BODY, new GithubScheme().signer(List.of(fresh)).sign(BODY, Instant.EPOCH, Optional.empty()));
      assertThat(byOld.allowed()).isTrue();
      assertThat(byOld.detail()).contains("secret 1 of 2");
      assertThat(byNew.detail()).contains("secret 2 of 2");
    }

    @Test
    void destroyingASecretRetiresIt() {
      Secret old = Secret.fromUtf8("old-github-secret");
      Secret fresh = Secret.fromUtf8("new-github-secret");
      WebhookTrigger t = WebhookTrigger.builder("deploy").scheme(new GithubScheme()).secrets(List.of(old, fresh)).build();
      WebhookHeaders byOld = new GithubScheme().signer(List.of(old)).sign(BODY, Instant.EPOCH, Optional.empty());
      WebhookHeaders byNew = new GithubScheme().signer(List.of(fresh)).sign(BODY, Instant.EPOCH, Optional.empty());
      old.destroy();
      assertThat(t.verify(BODY, byOld).reason()).isEqualTo("webhook.signature-mismatch");
      assertThat(t.verify(BODY, byNew).allowed()).isTrue();
    }
  }

  @Nested
  class FailClosed {
    @Test
    void aSchemeThatThrowsDenies() {
      Decision d = WebhookTrigger.builder("x").scheme(new ThrowingScheme()).secret(SECRET).build()
          .verify(BODY, WebhookHeaders.empty());
      assertThat(d.reason()).isEqualTo("webhook.verifier-error");
      assertThat(d.detail()).contains("IllegalStateException").doesNotContain("row-one-secret");
    }

    @Test
    void aTriggerNeedsASchemeOrAnExplicitUnsigned() {
      assertThatThrownBy(() -> WebhookTrigger.builder("x").build()).isInstanceOf(PolicyConfigurationException.class)
          .hasMessageContaining("unsigned()");
      assertThatThrownBy(() -> WebhookTrigger.builder("x").unsigned().scheme("github").build())
          .isInstanceOf(PolicyConfigurationException.class);
    }

    @Test
    void anUnknownSchemeListsTheKnownOnes() {
      assertThatThrownBy(() -> WebhookTrigger.builder("x").scheme("gitlab").secret(SECRET).build())
          .isInstanceOf(PolicyConfigurationException.class)
          .hasMessageContaining("gitlab").hasMessageContaining("github, stripe, slack, standard-webhooks, generic");
    }

    @Test
    void badTriggerNamesAndOptionsAreConfigurationErrors() {
      assertThatThrownBy(() -> WebhookTrigger.builder("has space")).isInstanceOf(PolicyConfigurationException.class);
      assertThatThrownBy(() -> WebhookTrigger.builder("x").scheme("github").schemeOptions(Map.of("legacy-sha1", "yes"))
          .secret(SECRET).build()).isInstanceOf(PolicyConfigurationException.class).hasMessageContaining("github.legacy-sha1");
    }

    @Test
    void anUnusableSecretNamesTheTriggerButNotTheSecret() {
      Secret bad = Secret.fromUtf8("not-a-standard-webhooks-secret-value");
      assertThatThrownBy(() -> WebhookTrigger.builder("events").scheme(new StandardWebhooksScheme()).secret(bad).build())
          .isInstanceOf(PolicyConfigurationException.class)
          .hasMessageStartingWith("events: scheme standard-webhooks")
          .hasMessageNotContaining("not-a-standard-webhooks-secret-value");
    }

    @Test
    void toStringNeverShowsTheSecret() {
      WebhookTrigger t = stripe(TestClock.at(NOW)).secret(SECRET).build();
      assertThat(t.toString()).doesNotContain("row-one-secret").contains("stripe").contains("secrets=1");
    }
  }

  @Test
  void optionsReachTheScheme() {
    TestClock clock = TestClock.at(NOW);
    WebhookTrigger t = WebhookTrigger.builder("slow").scheme("stripe").schemeOptions(Map.of("tolerance-seconds", "10"))
        .secret(SECRET).timeSource(clock).build();
    WebhookHeaders signed = stripeSigned(SECRET, NOW, BODY);
    clock.advance(Duration.ofSeconds(11));
    assertThat(t.verify(BODY, signed).reason()).isEqualTo("webhook.timestamp-expired");
  }

  /** A scheme that does not sign (row 4). */
  static final class NonSigningScheme implements WebhookSignatureScheme {
    public String id() {
      return "test.none";
    }

    public int priority() {
      return 0;
    }

    public boolean signs() {
      return false;
    }

    public Optional<Duration> tolerance() {
      return Optional.empty();
    }

    public Verifier verifier(List<Secret> secrets) {
      return (body, headers, context) -> Decision.allow();
    }

    public Signer signer(List<Secret> secrets) {
      return (body, timestamp, id) -> WebhookHeaders.empty();
    }
  }

  /** A scheme whose verifier throws. */
  static final class ThrowingScheme implements WebhookSignatureScheme {
    int verifyCalls;

    public String id() {
      return "test.throwing";
    }

    public int priority() {
      return 0;
    }

    public boolean signs() {
      return true;
    }

    public Optional<Duration> tolerance() {
      return Optional.empty();
    }

    public Verifier verifier(List<Secret> secrets) {
      return (body, headers, context) -> {
        verifyCalls++;
        throw new IllegalStateException("boom");
      };
    }

    public Signer signer(List<Secret> secrets) {
      return (body, timestamp, id) -> WebhookHeaders.empty();
    }
  }

  /** An endless stream that counts what was read from it. */
  static final class CountingStream extends InputStream {
    private final long size;
    long read;

    CountingStream(long size) {
      this.size = size;
    }

    @Override
    public int read() {
      if (read >= size) {
        return -1;
      }
      read++;
      return 'x';
    }

    @Override
    public int read(byte[] b, int off, int len) {
      if (read >= size) {
        return -1;
      }
      int n = (int) Math.min(len, size - read);
      java.util.Arrays.fill(b, off, off + n, (byte) 'x');
      read += n;
      return n;
    }
  }
}
