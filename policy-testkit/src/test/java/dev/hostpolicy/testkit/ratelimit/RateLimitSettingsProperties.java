package dev.hostpolicy.testkit.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.hostpolicy.api.PolicyConfigurationException;
import dev.hostpolicy.api.Rate;
import dev.hostpolicy.api.spi.PolicyKey;
import dev.hostpolicy.api.spi.PolicyKeys;
import dev.hostpolicy.core.HostPolicy;
import dev.hostpolicy.core.Settings;
import dev.hostpolicy.core.ratelimit.RateLimitResult;
import dev.hostpolicy.core.ratelimit.RateLimiter;
import dev.hostpolicy.testkit.PolicyArbitraries;
import dev.hostpolicy.testkit.fake.FakeTimeSource;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * Any text in {@code WEBHOOK_RATE_LIMIT} / {@code LOGIN_RATE_LIMIT} either builds a policy whose
 * limiter enforces exactly the parsed rate (0 = off), or fails the build with a configuration error
 * naming the setting or the rule — validation and the limiter never disagree, so a policy that built
 * never fails later when the limiter is made.
 */
class RateLimitSettingsProperties {

  @Property(tries = 1500)
  void aRateSettingBuildsAWorkingLimiterOrNamesTheKey(
      @ForAll("rateKeys") PolicyKey<Rate> key, @ForAll("rateTexts") String raw) {
    String variable = "INFLOOP_" + (key == PolicyKeys.WEBHOOK_RATE_LIMIT ? "WEBHOOK_RATE_LIMIT" : "LOGIN_RATE_LIMIT");
    Throwable thrown = catchThrowable(() -> build(variable, raw));
    Rate parsed;
    try {
      parsed = Rate.parse(raw);
    } catch (IllegalArgumentException e) {
      parsed = null;
    }
    if (thrown != null) {
      assertThat(thrown).isInstanceOf(PolicyConfigurationException.class);
      assertThat(thrown.getMessage()).satisfiesAnyOf(
          m -> assertThat(m).startsWith(variable + ": "),
          m -> assertThat(m).startsWith(key.id() + ": ").contains(variable));
      assertThat(parsed == null || !RateLimiter.isSupported(parsed)).isTrue();
      return;
    }
    assertThat(parsed).isNotNull();
    FakeTimeSource time = FakeTimeSource.create();
    RateLimiter limiter = build(variable, raw).newRateLimiter(key, time);
    assertThat(limiter.rate()).isEqualTo(parsed);
    long burst = parsed.isOff() ? 1_000 : Math.min(parsed.permits(), 1_000);
    for (long i = 0; i < burst; i++) {
      assertThat(limiter.tryAcquire("k").allowed()).isTrue();
    }
    RateLimitResult next = limiter.tryAcquire("k");
    assertThat(next.allowed()).isEqualTo(parsed.isOff() || parsed.permits() > burst);
  }

  private static HostPolicy build(String variable, String raw) {
    return HostPolicy.builder().profile("minimal").namespace("INFLOOP")
        .settings(Settings.fromEnvironment(Map.of(variable, raw))).build();
  }

  @Provide
  Arbitrary<PolicyKey<Rate>> rateKeys() {
    return Arbitraries.of(PolicyKeys.WEBHOOK_RATE_LIMIT, PolicyKeys.LOGIN_RATE_LIMIT);
  }

  @Provide
  Arbitrary<String> rateTexts() {
    Arbitrary<String> wellFormed = Combinators.combine(
            Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.longs().between(0, 2_000)),
                Tuple.of(1, Arbitraries.longs().between(0, 999_999_999_999_999_999L))),
            Arbitraries.of("", "/s", "/min", "/h"))
        .as((n, unit) -> n + unit);
    return Arbitraries.frequencyOf(Tuple.of(1, wellFormed), Tuple.of(1, PolicyArbitraries.adversarialSettingValues()));
  }
}
