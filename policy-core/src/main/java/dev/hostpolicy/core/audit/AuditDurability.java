package dev.hostpolicy.core.audit;

import java.time.Duration;
import java.util.Objects;

/**
 * When {@link JsonlAuditSink#append} may return: what "recorded" means.
 *
 * <ul>
 *   <li>{@link #flushPerEvent()} (the default): the line was handed to the operating system in one
 *       write. It survives the host process being killed; a power loss or kernel crash can lose the
 *       last lines.
 *   <li>{@link #fsyncPerEvent()}: the line was forced to the device ({@code fdatasync}) before the
 *       append returns. Survives a power loss; costs one device flush per append (appends from several
 *       threads share one).
 *   <li>{@link #fsyncEvery(Duration)}: the line is written at once and the append returns once a
 *       device flush covering it has happened; flushes happen at most once per interval (the first
 *       append after a quiet interval flushes at once). Survives a power loss like
 *       {@code fsyncPerEvent}, with fewer flushes under load, at the price of up to one interval of
 *       waiting per append.
 * </ul>
 *
 * <pre>{@code
 * AuditOptions options = AuditOptions.builder().durability(AuditDurability.fsyncPerEvent()).build();
 * }</pre>
 */
public sealed interface AuditDurability
    permits AuditDurability.FlushPerEvent, AuditDurability.FsyncPerEvent, AuditDurability.FsyncInterval {

  /** The line is written to the operating system before the append returns (the default). */
  static AuditDurability flushPerEvent() {
    return new FlushPerEvent();
  }

  /** The line is forced to the device before the append returns. */
  static AuditDurability fsyncPerEvent() {
    return new FsyncPerEvent();
  }

  /** The append returns once a device flush covers the line; at most one flush per {@code interval}. */
  static AuditDurability fsyncEvery(Duration interval) {
    return new FsyncInterval(interval);
  }

  /** A short name: {@code flush}, {@code fsync}, {@code fsync-every-PT1S}. */
  String describe();

  /** Written, not forced. */
  record FlushPerEvent() implements AuditDurability {
    @Override
    public String describe() {
      return "flush";
    }
  }

  /** Forced per append. */
  record FsyncPerEvent() implements AuditDurability {
    @Override
    public String describe() {
      return "fsync";
    }
  }

  /**
   * Forced at most once per interval; appends wait for the flush.
   *
   * @param interval between device flushes, from 1 ms to 1 hour
   */
  record FsyncInterval(Duration interval) implements AuditDurability {
    /** Validates the interval. */
    public FsyncInterval {
      Objects.requireNonNull(interval, "interval");
      if (interval.compareTo(Duration.ofMillis(1)) < 0 || interval.compareTo(Duration.ofHours(1)) > 0) {
        throw new IllegalArgumentException("the fsync interval must be from 1 ms to 1 hour");
      }
    }

    @Override
    public String describe() {
      return "fsync-every-" + interval;
    }
  }
}
