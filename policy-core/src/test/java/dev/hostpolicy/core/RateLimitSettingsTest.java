package dev.hostpolicy.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hostpolicy.api.PolicyConfigurationException;
import dev.hostpolicy.api.Rate;
import dev.hostpolicy.api.spi.PolicyKeys;
import dev.hostpolicy.core.ratelimit.RateLimiter;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The rate-limit settings reach the limiters: defaults, 0 = off, and errors that name the key. */
class RateLimitSettingsTest {

  private static HostPolicy build(Map<String, String> env) {
    return HostPolicy.builder().profile("minimal").namespace("INFLOOP").settings(Settings.fromEnvironment(env)).build();
  }

  @Test
  void defaultsAre120PerMinutePerTriggerAnd20PerMinuteForLogins() {
    HostPolicy p = build(Map.of());
    RateLimiter webhook = p.newRateLimiter(PolicyKeys.WEBHOOK_RATE_LIMIT);
    RateLimiter login = p.newRateLimiter(PolicyKeys.LOGIN_RATE_LIMIT);
    assertThat(webhook.rate()).isEqualTo(Rate.perMinute(120));
    assertThat(webhook.name()).isEqualTo("ratelimit.webhook");
    assertThat(login.rate()).isEqualTo(Rate.perMinute(20));
    for (int i = 0; i < 20; i++) {
      assertThat(login.tryAcquire().allowed()).isTrue();
    }
    assertThat(login.tryAcquire().allowed()).isFalse();
  }

  @Test
  void zeroTurnsALimitOffExplicitly() {
    HostPolicy p = build(Map.of("INFLOOP_WEBHOOK_RATE_LIMIT", "0", "INFLOOP_LOGIN_RATE_LIMIT", "0/s"));
    for (var key : new Object[] {PolicyKeys.WEBHOOK_RATE_LIMIT, PolicyKeys.LOGIN_RATE_LIMIT}) {
      @SuppressWarnings("unchecked")
      RateLimiter limiter = p.newRateLimiter((dev.hostpolicy.api.spi.PolicyKey<Rate>) key);
      assertThat(limiter.rate().isOff()).isTrue();
      for (int i = 0; i < 500; i++) {
        assertThat(limiter.tryAcquire("t").allowed()).isTrue();
      }
    }
    assertThat(p.source(PolicyKeys.WEBHOOK_RATE_LIMIT).toString()).contains("INFLOOP_WEBHOOK_RATE_LIMIT");
  }

  @Test
  void settingsReachTheLimiter() {
    HostPolicy p = build(Map.of("INFLOOP_WEBHOOK_RATE_LIMIT", "3/s"));
    RateLimiter webhook = p.newRateLimiter(PolicyKeys.WEBHOOK_RATE_LIMIT);
    assertThat(webhook.rate()).isEqualTo(Rate.of(3, java.time.Duration.ofSeconds(1)));
  }

  @Test
  void negativeOrMalformedValuesAreErrorsNamingTheSetting() {
    for (String raw : new String[] {"-1", "-0", "abc", "12/d", " 5", "5 ", "1.5/s", "120/MIN", "", "+3"}) {
      for (String name : new String[] {"INFLOOP_WEBHOOK_RATE_LIMIT", "INFLOOP_LOGIN_RATE_LIMIT"}) {
        assertThatThrownBy(() -> build(Map.of(name, raw)))
            .as("%s=%s", name, raw)
            .isInstanceOf(PolicyConfigurationException.class)
            .hasMessageStartingWith(name + ": malformed value")
            .hasMessageContaining("expected N, N/s, N/min or N/h")
            .satisfies(e -> assertThat(((PolicyConfigurationException) e).key()).contains(name));
      }
    }
  }

  @Test
  void aRateTooFineToCountExactlyIsAnErrorNamingTheKeyAndTheSetting() {
    assertThatThrownBy(() -> build(Map.of("INFLOOP_LOGIN_RATE_LIMIT", "999999999999999999/h")))
        .isInstanceOf(PolicyConfigurationException.class)
        .hasMessageStartingWith("ratelimit.login: rate 999999999999999999/h is too fine-grained")
        .hasMessageContaining("INFLOOP_LOGIN_RATE_LIMIT")
        .satisfies(e -> assertThat(((PolicyConfigurationException) e).key()).contains("ratelimit.login"));
  }

  @Test
  void aHostSettingARateTooFineFailsTheBuildToo() {
    assertThatThrownBy(() -> HostPolicy.builder().profile("minimal")
            .set(PolicyKeys.WEBHOOK_RATE_LIMIT, Rate.of(3, java.time.Duration.ofDays(36_500))).build())
        .isInstanceOf(PolicyConfigurationException.class)
        .hasMessageStartingWith("ratelimit.webhook: ")
        .hasMessageContaining("host");
  }
}
