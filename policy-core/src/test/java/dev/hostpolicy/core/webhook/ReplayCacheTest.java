package dev.hostpolicy.core.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ReplayCacheTest {
  private static final Instant T0 = Instant.ofEpochSecond(1_700_000_000L);

  @Test
  void aKeyIsRememberedUntilItExpiresInclusive() {
    TestClock clock = new TestClock(T0);
    ReplayCache cache = ReplayCache.create(clock);
    Instant expires = T0.plusSeconds(300);
    assertThat(cache.remember("k", expires).allowed()).isTrue();
    assertThat(cache.remember("k", expires).reason()).isEqualTo("webhook.replayed");
    clock.set(expires);
    assertThat(cache.remember("k", expires).reason()).isEqualTo("webhook.replayed");
    clock.set(expires.plusNanos(1));
    assertThat(cache.size()).isZero();
    assertThat(cache.remember("k", expires.plusSeconds(300)).allowed()).isTrue();
  }

  @Test
  void aFullCacheRefusesRatherThanForgets() {
    TestClock clock = new TestClock(T0);
    ReplayCache cache = ReplayCache.bounded(2, clock);
    assertThat(cache.remember("a", T0.plusSeconds(10)).allowed()).isTrue();
    assertThat(cache.remember("b", T0.plusSeconds(20)).allowed()).isTrue();
    assertThat(cache.remember("c", T0.plusSeconds(30)).reason()).isEqualTo("webhook.replay-cache-full");
    assertThat(cache.remember("a", T0.plusSeconds(10)).reason()).isEqualTo("webhook.replayed");
    clock.advance(Duration.ofSeconds(11));
    assertThat(cache.remember("c", T0.plusSeconds(30)).allowed()).isTrue();
    assertThat(cache.size()).isEqualTo(2);
  }

  @Test
  void anAlreadyExpiredKeyNeedsNoRoom() {
    ReplayCache cache = ReplayCache.bounded(1, new TestClock(T0));
    assertThat(cache.remember("old", T0.minusSeconds(1)).allowed()).isTrue();
    assertThat(cache.size()).isZero();
  }

  @Test
  void memoryIsBoundedByTheEntryCountNotTheKeyLength() {
    ReplayCache cache = ReplayCache.bounded(1000, new TestClock(T0));
    for (int i = 0; i < 1000; i++) {
      assertThat(cache.remember("k".repeat(10_000) + i, T0.plusSeconds(60)).allowed()).isTrue();
    }
    assertThat(cache.size()).isEqualTo(1000);
    assertThat(cache.remember("one more", T0.plusSeconds(60)).reason()).isEqualTo("webhook.replay-cache-full");
    assertThat(cache.maxEntries()).isEqualTo(1000);
  }

  @Test
  void needsRoomForOne() {
    assertThatThrownBy(() -> ReplayCache.bounded(0, new TestClock(T0))).isInstanceOf(IllegalArgumentException.class);
  }
}
