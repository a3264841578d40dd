package dev.hostpolicy.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hostpolicy.api.Decision;
import dev.hostpolicy.api.Secret;
import dev.hostpolicy.api.TimeSource;
import dev.hostpolicy.api.WebhookHeaders;
import dev.hostpolicy.api.spi.WebhookSignatureScheme;
import dev.hostpolicy.core.webhook.ReplayCache;
import dev.hostpolicy.core.webhook.WebhookSchemes;
import dev.hostpolicy.testkit.PolicyArbitraries;
import dev.hostpolicy.testkit.WebhookArbitraries;
import dev.hostpolicy.testkit.WebhookDelivery;
import dev.hostpolicy.testkit.WebhookKey;
import dev.hostpolicy.testkit.fake.FakeTimeSource;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * The contract every {@link WebhookSignatureScheme} — HostPolicy's built-ins and a host's own — must
 * pass. Implement {@link #scheme()} (and {@link #keys()} when the scheme's secrets have a format the
 * test kit does not know) in a test class; the properties below run against it.
 *
 * <pre>{@code
 * class AcmeSchemeContractTest implements WebhookSignatureSchemeContract {
 *   public WebhookSignatureScheme scheme() { return new AcmeScheme(); }
 *   public Arbitrary<WebhookKey> keys() {
 *     return Arbitraries.strings().alpha().ofLength(32).map(s -> WebhookKey.symmetric(Secret.fromUtf8(s)));
 *   }
 * }
 * }</pre>
 *
 * <p>What it checks: a well-formed, stable id, registered for {@link java.util.ServiceLoader}; a
 * delivery its own signer signed verifies; flipping any bit of the body or of any header the signer
 * produced (signature, timestamp, id) denies; a signature made with one key never verifies under
 * another, and the denial never reveals the right signature or the secret; fuzzed headers always
 * give a decision with a webhook reason code, never an exception; no headers means
 * {@code webhook.signature-missing}; with no secrets nothing verifies; a signed timestamp is fresh
 * exactly up to the tolerance in both directions; a replayed delivery is refused; a verifier is
 * safe to share between threads. Every header a signer produces must be covered by the signature or
 * needed to check it.
 */
public interface WebhookSignatureSchemeContract {

  /** The scheme under test, configured as the host uses it. */
  WebhookSignatureScheme scheme();

  /** Keys in the scheme's format; the test kit's for the built-in id by default. */
  default Arbitrary<WebhookKey> keys() {
    return WebhookArbitraries.keys(scheme().id());
  }

  /** The class loader discovery uses; the thread context class loader by default. */
  default ClassLoader classLoader() {
    return Thread.currentThread().getContextClassLoader();
  }

  /** The instant deliveries are signed around. */
  default Instant now() {
    return WebhookArbitraries.NOW;
  }

  /**
   * Whether {@code flipped} spells the same signature as {@code original} in header
   * {@code header} (for example hex that accepts either case); such a flip is not a tampering.
   */
  default boolean sameMeaning(String header, String original, String flipped) {
    return false;
  }

  /** The webhook reason codes a verifier may deny with. */
  Set<String> DENIAL_CODES = Set.of(
      WebhookSignatureScheme.SIGNATURE_MISSING, WebhookSignatureScheme.SIGNATURE_MALFORMED,
      WebhookSignatureScheme.SIGNATURE_MISMATCH, WebhookSignatureScheme.TIMESTAMP_EXPIRED,
      WebhookSignatureScheme.REPLAYED, WebhookSignatureScheme.REPLAY_CACHE_FULL,
      WebhookSignatureScheme.VERIFIER_ERROR);

  private WebhookSignatureScheme.Context freshContext(TimeSource time) {
    return new WebhookSignatureScheme.Context(time, ReplayCache.create(time));
  }

  private Decision verifyAt(WebhookDelivery d, byte[] body, WebhookHeaders headers, Instant at) {
    return d.verifier().verify(body, headers, freshContext(FakeTimeSource.at(at)));
  }

  /** Ids are lowercase segments of {@code [a-z0-9]} joined by {@code .} or {@code -}; stable across instances. */
  @Example
  default void idIsWellFormedAndStable() {
    assertThat(scheme().id()).matches("[a-z0-9]+(?:[.-][a-z0-9]+)*").hasSizeLessThanOrEqualTo(128).isEqualTo(scheme().id());
    assertThat(scheme().priority()).isEqualTo(scheme().priority());
    assertThat(scheme().signs()).as("a scheme under this contract signs its deliveries").isTrue();
    assertThat(scheme().tolerance()).isEqualTo(scheme().tolerance());
  }

  /** The scheme's class is registered for ServiceLoader under its id. */
  @Example
  default void isDiscoverableById() {
    Optional<WebhookSignatureScheme> found = WebhookSchemes.discover(classLoader()).find(scheme().id());
    assertThat(found).as("ServiceLoader finds a scheme with id %s", scheme().id()).isPresent();
    assertThat(found.get().getClass()).isEqualTo(scheme().getClass());
  }

  /** A delivery the scheme's own signer produced verifies, naming no reason but {@code allowed}. */
  @Property(tries = 60)
  default void aSignedDeliveryVerifies(@ForAll("contractDeliveries") WebhookDelivery d) {
    Decision decision = verifyAt(d, d.body(), d.headers(), now());
    assertThat(decision.allowed()).as("%s -> %s", d, decision).isTrue();
    assertThat(decision.reason()).isEqualTo(Decision.ALLOWED);
  }

  /** Flipping any bit of the body denies (an empty body gets a byte instead); the first and last byte always among them. */
  @Property(tries = 60)
  default void flippingAnyBodyBitDenies(
      @ForAll("contractDeliveries") WebhookDelivery d, @ForAll("contractPositions") int where) {
    byte[] original = d.body();
    List<byte[]> tampered = new ArrayList<>();
    if (original.length == 0) {
      tampered.add(new byte[] {(byte) where});
    } else {
      for (int index : new int[] {0, where % original.length, original.length - 1}) {
        byte[] body = original.clone();
        body[index] ^= (byte) (1 << (where % 8));
        tampered.add(body);
      }
    }
    for (byte[] body : tampered) {
      Decision decision = verifyAt(d, body, d.headers(), now());
      assertThat(decision.reason()).as("%s with a flipped body bit -> %s", d, decision)
          .isEqualTo(WebhookSignatureScheme.SIGNATURE_MISMATCH);
    }
  }

  /**
   * Flipping any bit (of the low byte) of any character of any header the signer produced —
   * signature, timestamp, delivery id — denies. Every position and every bit is tried.
   */
  @Property(tries = 12)
  default void flippingAnyBitOfASignedHeaderDenies(@ForAll("contractDeliveries") WebhookDelivery d) {
    WebhookSignatureScheme.Verifier verifier = d.verifier();
    byte[] body = d.body();
    for (Map.Entry<String, String> target : d.headers().entries()) {
      String value = target.getValue();
      for (int i = 0; i < value.length(); i++) {
        for (int bit = 0; bit < 8; bit++) {
          String flipped = value.substring(0, i) + (char) (value.charAt(i) ^ (1 << bit)) + value.substring(i + 1);
          if (sameMeaning(target.getKey(), value, flipped)) {
            continue;
          }
          WebhookHeaders tampered = d.headers().replacing(target.getKey(), flipped);
          Decision decision = verifier.verify(body, tampered, freshContext(FakeTimeSource.at(now())));
          assertThat(decision.denied()).as("%s: %s flipped to %s -> %s", d, target.getKey(), flipped, decision).isTrue();
          assertThat(decision.reason()).isIn(DENIAL_CODES);
        }
      }
    }
  }

  /**
   * A signature made with one key never verifies under another, and the denial shows neither the
   * secret nor the signature the right key would have made (no signing oracle).
   */
  @Property(tries = 40)
  default void aSignatureFromAnotherKeyIsAMismatchAndRevealsNothing(
      @ForAll("contractDeliveries") WebhookDelivery d, @ForAll("contractKeys") WebhookKey other) {
    Assume.that(!other.verifying().matches(d.key().verifying()));
    WebhookSignatureScheme.Verifier wrong = scheme().verifier(List.of(other.verifying()));
    Decision decision = wrong.verify(d.body(), d.headers(), freshContext(FakeTimeSource.at(now())));
    assertThat(decision.reason()).as("%s under another key -> %s", d, decision).isEqualTo(WebhookSignatureScheme.SIGNATURE_MISMATCH);
    WebhookHeaders wouldBe = scheme().signer(List.of(other.signing())).sign(d.body(), d.signedAt(), d.deliveryId());
    for (Map.Entry<String, String> e : wouldBe.entries()) {
      for (String token : e.getValue().split("[=, ]")) {
        if (token.length() >= 16 && !d.headers().all(e.getKey()).contains(e.getValue())) {
          assertThat(decision.detail()).as("the detail must not show the right signature").doesNotContain(token);
        }
      }
    }
    for (Secret s : List.of(other.signing(), other.verifying(), d.key().signing(), d.key().verifying())) {
      String text = new String(s.reveal(), StandardCharsets.ISO_8859_1);
      if (text.length() >= 8) {
        assertThat(decision.detail()).doesNotContain(text);
      }
    }
  }

  /** Fuzzed headers always give a decision — allowed, or denied with a webhook reason code — never an exception. */
  @Property(tries = 150)
  default void fuzzedHeadersGiveATypedDecision(@ForAll("contractFuzz") Tuple.Tuple2<WebhookDelivery, WebhookHeaders> fuzz) {
    WebhookDelivery d = fuzz.get1();
    Decision decision = verifyAt(d, d.body(), fuzz.get2(), now());
    assertThat(decision).isNotNull();
    if (decision.denied()) {
      assertThat(decision.reason()).as("%s", decision).isIn(DENIAL_CODES);
    }
  }

  /** A delivery without any header is missing its signature. */
  @Property(tries = 10)
  default void noHeadersMeansTheSignatureIsMissing(@ForAll("contractDeliveries") WebhookDelivery d) {
    assertThat(verifyAt(d, d.body(), WebhookHeaders.empty(), now()).reason()).isEqualTo(WebhookSignatureScheme.SIGNATURE_MISSING);
  }

  /** Bound to no secret, a verifier checks grammar only: a valid delivery is a mismatch, never allowed. */
  @Property(tries = 20)
  default void withoutSecretsNothingVerifies(@ForAll("contractDeliveries") WebhookDelivery d) {
    Decision decision = scheme().verifier(List.of()).verify(d.body(), d.headers(), freshContext(FakeTimeSource.at(now())));
    assertThat(decision.reason()).isEqualTo(WebhookSignatureScheme.SIGNATURE_MISMATCH);
  }

  /**
   * A signed timestamp is fresh up to and including the tolerance in both directions and stale a
   * nanosecond beyond; a scheme without a tolerance does not look at the time.
   */
  @Property(tries = 30)
  default void toleranceIsExactToTheSecond(@ForAll("contractDeliveries") WebhookDelivery d) {
    Instant at = d.signedAt();
    Optional<Duration> tolerance = scheme().tolerance();
    if (tolerance.isEmpty()) {
      assertThat(verifyAt(d, d.body(), d.headers(), at.plus(Duration.ofDays(3650))).allowed()).isTrue();
      return;
    }
    Duration t = tolerance.get();
    assertThat(verifyAt(d, d.body(), d.headers(), at.plus(t)).allowed()).as("at +tolerance").isTrue();
    assertThat(verifyAt(d, d.body(), d.headers(), at.minus(t)).allowed()).as("at -tolerance").isTrue();
    for (Instant stale : List.of(at.plus(t).plusNanos(1), at.plus(t).plusSeconds(1), at.minus(t).minusNanos(1), at.minus(t).minusSeconds(1))) {
      assertThat(verifyAt(d, d.body(), d.headers(), stale).reason()).as("at %s", stale).isEqualTo(WebhookSignatureScheme.TIMESTAMP_EXPIRED);
    }
  }

  /** A scheme with a tolerance refuses a second copy of an accepted delivery. */
  @Property(tries = 30)
  default void aReplayedDeliveryIsRefused(@ForAll("contractDeliveries") WebhookDelivery d) {
    if (scheme().tolerance().isEmpty()) {
      return;
    }
    WebhookSignatureScheme.Context context = freshContext(FakeTimeSource.at(now()));
    WebhookSignatureScheme.Verifier v = d.verifier();
    assertThat(v.verify(d.body(), d.headers(), context).allowed()).isTrue();
    assertThat(v.verify(d.body(), d.headers(), context).reason()).isEqualTo(WebhookSignatureScheme.REPLAYED);
  }

  /** One verifier, four threads, distinct deliveries: every one verifies. */
  @Example
  default void aVerifierIsSafeToShare() throws Exception {
    WebhookKey key = keys().sample();
    WebhookSignatureScheme.Verifier v = scheme().verifier(List.of(key.verifying()));
    WebhookSignatureScheme.Signer signer = scheme().signer(List.of(key.signing()));
    WebhookSignatureScheme.Context context = freshContext(FakeTimeSource.at(now()));
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<Boolean>> results = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        int thread = t;
        results.add(pool.submit(() -> {
          boolean all = true;
          for (int i = 0; i < 50; i++) {
            byte[] body = ("{\"thread\":" + thread + ",\"n\":" + i + "}").getBytes(StandardCharsets.UTF_8);
            WebhookHeaders h = signer.sign(body, now(), Optional.of("msg_" + thread + "_" + i));
            all &= v.verify(body, h, context).allowed();
          }
          return all;
        }));
      }
      for (Future<Boolean> f : results) {
        assertThat(f.get(60, TimeUnit.SECONDS)).isTrue();
      }
    } finally {
      pool.shutdownNow();
    }
  }

  /** Positions, uniformly spread (jqwik biases integers towards small values by default). */
  @Provide
  default Arbitrary<Integer> contractPositions() {
    return Arbitraries.integers().between(0, Integer.MAX_VALUE).withDistribution(net.jqwik.api.RandomDistribution.uniform());
  }

  /** Keys in the scheme's format. */
  @Provide
  default Arbitrary<WebhookKey> contractKeys() {
    return keys();
  }

  /** Deliveries signed by the scheme around {@link #now()}. */
  @Provide
  default Arbitrary<WebhookDelivery> contractDeliveries() {
    return PolicyArbitraries.webhookDeliveries(scheme(), keys(), now());
  }

  /** A delivery and a fuzzed version of its headers. */
  @Provide
  default Arbitrary<Tuple.Tuple2<WebhookDelivery, WebhookHeaders>> contractFuzz() {
    return contractDeliveries().flatMap(d -> Arbitraries.oneOf(
        PolicyArbitraries.fuzzedWebhookHeaders(d.headers()),
        PolicyArbitraries.webhookHeaderValues().map(v -> d.headers().with("X-Fuzz", v)))
        .map(h -> Tuple.of(d, h)));
  }
}
