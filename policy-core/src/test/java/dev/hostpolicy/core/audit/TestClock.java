package dev.hostpolicy.core.audit;

import dev.hostpolicy.api.TimeSource;
import java.time.Duration;
import java.time.Instant;

/** A clock that moves only when a test moves it (policy-core tests cannot use the test kit's). */
final class TestClock implements TimeSource {
  private volatile Instant now;

  TestClock(Instant now) {
    this.now = now;
  }

  static TestClock at(String instant) {
    return new TestClock(Instant.parse(instant));
  }

  @Override
  public Instant now() {
    return now;
  }

  @Override
  public long nanoTime() {
    return now.getEpochSecond() * 1_000_000_000L + now.getNano();
  }

  TestClock advance(Duration d) {
    now = now.plus(d);
    return this;
  }
}
