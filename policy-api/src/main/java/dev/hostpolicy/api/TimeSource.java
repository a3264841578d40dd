package dev.hostpolicy.api;

import java.time.Instant;

/**
 * Where a control reads the time: wall-clock instants for timestamps and tolerance windows, and a
 * monotonic nanosecond counter for durations and rate-limit arithmetic. Inject a fake one in tests
 * (policy-testkit has {@code FakeTimeSource}); never sleep to make timing pass.
 *
 * <pre>{@code
 * TimeSource time = TimeSource.system();
 * long start = time.nanoTime();
 * Instant stamped = time.now();
 * }</pre>
 */
public interface TimeSource {

  /** The current wall-clock instant. */
  Instant now();

  /** A monotonic nanosecond counter; only differences are meaningful. */
  long nanoTime();

  /** The system clock ({@link Instant#now()}) and {@link System#nanoTime()}. */
  static TimeSource system() {
    return SystemTimeSource.INSTANCE;
  }
}

/** The real clocks. */
enum SystemTimeSource implements TimeSource {
  INSTANCE;

  @Override
  public Instant now() {
    return Instant.now();
  }

  @Override
  public long nanoTime() {
    return System.nanoTime();
  }
}
