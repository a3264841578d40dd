package dev.hostpolicy.testkit.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hostpolicy.api.Decision;
import dev.hostpolicy.api.PolicyConfigurationException;
import dev.hostpolicy.api.Secret;
import dev.hostpolicy.api.WebhookHeaders;
import dev.hostpolicy.api.spi.WebhookSignatureScheme;
import dev.hostpolicy.core.webhook.ReplayCache;
import dev.hostpolicy.core.webhook.WebhookSchemes;
import dev.hostpolicy.core.webhook.WebhookTrigger;
import dev.hostpolicy.testkit.PolicyArbitraries;
import dev.hostpolicy.testkit.WebhookArbitraries;
import dev.hostpolicy.testkit.WebhookDelivery;
import dev.hostpolicy.testkit.WebhookKey;
import dev.hostpolicy.testkit.fake.FakeTimeSource;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.RandomDistribution;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;

/**
 * Adversarial properties of the five built-in schemes and of the trigger table, beyond what the
 * scheme contract checks for each scheme on its own.
 */
class WebhookSignatureProperties {
  private static final Instant NOW = WebhookArbitraries.NOW;
  private static final Set<String> TIMESTAMPED = Set.of("stripe", "slack", "standard-webhooks");

  private static WebhookTrigger.Builder trigger(WebhookDelivery d, FakeTimeSource time) {
    return WebhookTrigger.builder("t").scheme(d.scheme()).timeSource(time);
  }

  /** Flipping any bit of the verifying secret denies — or makes the secret unusable at configuration time. */
  @Property(tries = 150)
  void flippingAnySecretBitDenies(@ForAll("deliveries") WebhookDelivery d, @ForAll("positions") int where) {
    byte[] secret = d.key().verifying().reveal();
    secret[where % secret.length] ^= (byte) (1 << (where % 8));
    Secret flipped = Secret.of(secret);
    WebhookSignatureScheme.Verifier verifier;
    try {
      verifier = d.scheme().verifier(List.of(flipped));
    } catch (PolicyConfigurationException e) {
      assertThat(d.scheme().id()).as("only formatted secrets can become unusable").isEqualTo("standard-webhooks");
      return;
    }
    Decision decision = verifier.verify(d.body(), d.headers(), new WebhookSignatureScheme.Context(FakeTimeSource.at(NOW), ReplayCache.create(FakeTimeSource.at(NOW))));
    assertThat(decision.reason()).as("%s under a flipped secret -> %s", d, decision).isEqualTo(WebhookSignatureScheme.SIGNATURE_MISMATCH);
  }

  /** A signature made with key A never verifies under a trigger holding other keys, however many. */
  @Property(tries = 150)
  void aSignatureByANeverVerifiesUnderOthers(@ForAll("deliveriesAndOtherKeys") Tuple.Tuple2<WebhookDelivery, List<WebhookKey>> t) {
    WebhookDelivery d = t.get1();
    List<Secret> others = new ArrayList<>();
    for (WebhookKey k : t.get2()) {
      Assume.that(!k.verifying().matches(d.key().verifying()));
      others.add(k.verifying());
    }
    Decision decision = trigger(d, FakeTimeSource.at(NOW)).secrets(others).build().verify(d.body(), d.headers());
    assertThat(decision.reason()).isEqualTo(WebhookSignatureScheme.SIGNATURE_MISMATCH);
    others.add(d.key().verifying());
    assertThat(trigger(d, FakeTimeSource.at(NOW)).secrets(others).build().verify(d.body(), d.headers()).allowed()).isTrue();
  }

  /** For any configured tolerance, freshness ends exactly at the tolerance, both ways, to the nanosecond. */
  @Property(tries = 100)
  void toleranceBoundariesAreExactForAnyTolerance(
      @ForAll("timestampedSchemesWithKeys") Tuple.Tuple2<WebhookSignatureScheme, WebhookKey> schemeAndKey,
      @ForAll @IntRange(min = 1, max = 86_400) int toleranceSeconds,
      @ForAll("signingTimes") long signedAt) {
    WebhookSignatureScheme scheme = schemeAndKey.get1().withOptions(Map.of("tolerance-seconds", Integer.toString(toleranceSeconds)));
    WebhookKey key = schemeAndKey.get2();
    byte[] body = "{}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    Instant at = Instant.ofEpochSecond(signedAt);
    WebhookHeaders h = scheme.signer(List.of(key.signing())).sign(body, at, Optional.of("msg_1"));
    Duration t = Duration.ofSeconds(toleranceSeconds);
    Map<Instant, Boolean> expectFresh = Map.of(
        at, true, at.plus(t), true, at.minus(t), true,
        at.plus(t).plusNanos(1), false, at.minus(t).minusNanos(1), false,
        at.plus(t).plusSeconds(1), false, at.minus(t).minusSeconds(1), false);
    expectFresh.forEach((now, fresh) -> {
      FakeTimeSource clock = FakeTimeSource.at(now);
      Decision d = scheme.verifier(List.of(key.verifying())).verify(body, h, new WebhookSignatureScheme.Context(clock, ReplayCache.create(clock)));
      if (fresh) {
        assertThat(d.allowed()).as("%s at %s", scheme, now).isTrue();
      } else {
        assertThat(d.reason()).as("%s at %s", scheme, now).isEqualTo(WebhookSignatureScheme.TIMESTAMP_EXPIRED);
      }
    });
  }

  /** Header fuzzing through a trigger never throws anything: it is a decision, and a denial has a webhook code. */
  @Property(tries = 300)
  void headerFuzzingGivesOnlyTypedDecisions(@ForAll("fuzzed") Tuple.Tuple2<WebhookDelivery, WebhookHeaders> fuzz) {
    WebhookDelivery d = fuzz.get1();
    for (boolean optional : new boolean[] {false, true}) {
      Decision decision = trigger(d, FakeTimeSource.at(NOW)).secret(d.key().verifying()).verifyOptional(optional).build()
          .verify(d.body(), fuzz.get2());
      if (decision.denied()) {
        assertThat(decision.reason()).startsWith("webhook.").isNotEqualTo(WebhookSignatureScheme.VERIFIER_ERROR);
      } else {
        assertThat(decision.reason()).isEqualTo(Decision.ALLOWED);
      }
    }
  }

  /** With a secret set, verifyOptional never changes a decision (a present-but-wrong signature is refused either way). */
  @Property(tries = 200)
  void verifyOptionalIsIrrelevantOnceASecretIsSet(@ForAll("fuzzed") Tuple.Tuple2<WebhookDelivery, WebhookHeaders> fuzz) {
    WebhookDelivery d = fuzz.get1();
    Decision strict = trigger(d, FakeTimeSource.at(NOW)).secret(d.key().verifying()).build().verify(d.body(), fuzz.get2());
    Decision optional = trigger(d, FakeTimeSource.at(NOW)).secret(d.key().verifying()).verifyOptional(true).build()
        .verify(d.body(), fuzz.get2());
    assertThat(optional.allowed()).isEqualTo(strict.allowed());
    assertThat(optional.reason()).isEqualTo(strict.reason());
  }

  /** Without a secret and with verifyOptional, a delivery is accepted as unsigned unless its signature is malformed. */
  @Property(tries = 200)
  void unsignedAcceptanceStillRefusesMalformedSignatures(@ForAll("fuzzed") Tuple.Tuple2<WebhookDelivery, WebhookHeaders> fuzz) {
    WebhookDelivery d = fuzz.get1();
    Decision decision = trigger(d, FakeTimeSource.at(NOW)).verifyOptional(true).build().verify(d.body(), fuzz.get2());
    if (decision.allowed()) {
      assertThat(decision.reason()).isEqualTo(WebhookSignatureScheme.UNSIGNED_ACCEPTED);
    } else {
      assertThat(decision.reason()).isEqualTo(WebhookSignatureScheme.SIGNATURE_MALFORMED);
    }
  }

  /** A replay of an accepted delivery is refused; another trigger sharing the cache is not affected. */
  @Property(tries = 100)
  void replayOfAnAcceptedDeliveryDenies(@ForAll("timestampedDeliveries") WebhookDelivery d) {
    FakeTimeSource time = FakeTimeSource.at(NOW);
    ReplayCache shared = ReplayCache.create(time);
    WebhookTrigger a = WebhookTrigger.builder("a").scheme(d.scheme()).secret(d.key().verifying()).timeSource(time).replayGuard(shared).build();
    WebhookTrigger b = WebhookTrigger.builder("b").scheme(d.scheme()).secret(d.key().verifying()).timeSource(time).replayGuard(shared).build();
    assertThat(a.verify(d.body(), d.headers()).allowed()).isTrue();
    assertThat(a.verify(d.body(), d.headers()).reason()).isEqualTo(WebhookSignatureScheme.REPLAYED);
    assertThat(b.verify(d.body(), d.headers()).allowed()).isTrue();
    // Still refused until the signed timestamp leaves the window, when the freshness check takes over.
    Duration t = d.scheme().tolerance().orElseThrow();
    time.setNow(d.signedAt().plus(t));
    assertThat(a.verify(d.body(), d.headers()).reason()).isEqualTo(WebhookSignatureScheme.REPLAYED);
    time.setNow(d.signedAt().plus(t).plusNanos(1));
    assertThat(a.verify(d.body(), d.headers()).reason()).isEqualTo(WebhookSignatureScheme.TIMESTAMP_EXPIRED);
  }

  /** The body limit is checked before anything else: over it is always body-too-large, at or under it never. */
  @Property(tries = 200)
  void theBodyLimitComesFirst(
      @ForAll("fuzzed") Tuple.Tuple2<WebhookDelivery, WebhookHeaders> fuzz, @ForAll @IntRange(min = 1, max = 100_000) int limit) {
    WebhookDelivery d = fuzz.get1();
    Decision decision = trigger(d, FakeTimeSource.at(NOW)).secret(d.key().verifying()).maxBodyBytes(limit).build()
        .verify(d.body(), fuzz.get2());
    if (d.body().length > limit) {
      assertThat(decision.reason()).isEqualTo(WebhookSignatureScheme.BODY_TOO_LARGE);
    } else {
      assertThat(decision.reason()).isNotEqualTo(WebhookSignatureScheme.BODY_TOO_LARGE);
    }
  }

  @Provide
  Arbitrary<WebhookDelivery> deliveries() {
    return Arbitraries.of(WebhookSchemes.builtIns().all())
        .flatMap(s -> PolicyArbitraries.webhookDeliveries(s, PolicyArbitraries.webhookKeys(s.id()), NOW));
  }

  @Provide
  Arbitrary<WebhookDelivery> timestampedDeliveries() {
    return timestampedSchemes().flatMap(s -> PolicyArbitraries.webhookDeliveries(s, PolicyArbitraries.webhookKeys(s.id()), NOW));
  }

  @Provide
  Arbitrary<WebhookSignatureScheme> timestampedSchemes() {
    return Arbitraries.of(WebhookSchemes.builtIns().all().stream().filter(s -> TIMESTAMPED.contains(s.id())).toList());
  }

  @Provide
  Arbitrary<Tuple.Tuple2<WebhookDelivery, List<WebhookKey>>> deliveriesAndOtherKeys() {
    return deliveries().flatMap(d -> PolicyArbitraries.webhookKeys(d.scheme().id()).list().ofMinSize(1).ofMaxSize(3)
        .map(keys -> Tuple.of(d, keys)));
  }

  @Provide
  Arbitrary<Tuple.Tuple2<WebhookSignatureScheme, WebhookKey>> timestampedSchemesWithKeys() {
    return timestampedSchemes().flatMap(s -> PolicyArbitraries.webhookKeys(s.id()).map(k -> Tuple.of(s, k)));
  }

  @Provide
  Arbitrary<Tuple.Tuple2<WebhookDelivery, WebhookHeaders>> fuzzed() {
    return deliveries().flatMap(d -> PolicyArbitraries.fuzzedWebhookHeaders(d.headers()).map(h -> Tuple.of(d, h)));
  }

  @Provide
  Arbitrary<Long> signingTimes() {
    return Arbitraries.longs().between(100_000L, 9_000_000_000L) // FakeTimeSource holds epoch nanoseconds: up to 2262
        .withDistribution(RandomDistribution.uniform());
  }

  @Provide
  Arbitrary<Integer> positions() {
    return Arbitraries.integers().between(0, Integer.MAX_VALUE).withDistribution(RandomDistribution.uniform());
  }
}
