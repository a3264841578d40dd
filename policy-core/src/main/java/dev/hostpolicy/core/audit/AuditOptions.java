package dev.hostpolicy.core.audit;

import dev.hostpolicy.api.Secret;
import dev.hostpolicy.api.TimeSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * How a {@link JsonlAuditSink} writes: rotation size and file count (the operator settings
 * {@code AUDIT_MAX_BYTES} and {@code AUDIT_MAX_FILES}; {@code HostPolicy.auditOptions()} fills them in),
 * the {@link AuditDurability durability} policy, the clock that stamps lines, the largest line
 * accepted, how long to wait for another process holding the log's lock, and the secrets no line may
 * contain.
 *
 * <pre>{@code
 * AuditOptions options = AuditOptions.builder()
 *     .maxBytes(10L * 1024 * 1024)          // rotate audit.jsonl at 10 MiB
 *     .maxFiles(10)                         // keep audit.jsonl + audit.1.jsonl ... audit.9.jsonl
 *     .durability(AuditDurability.fsyncPerEvent())
 *     .redacting(apiToken)                  // a value containing the token is written as [redacted]
 *     .build();
 * }</pre>
 */
public final class AuditOptions {

  /** Rotation size by default: 10 MiB. */
  public static final long DEFAULT_MAX_BYTES = 10L * 1024 * 1024;

  /** Files kept by default, the live one included. */
  public static final int DEFAULT_MAX_FILES = 10;

  /** The most files that can be kept. */
  public static final int MAX_FILES_LIMIT = 1000;

  /** The largest line accepted by default: 64 KiB. */
  public static final int DEFAULT_MAX_LINE_BYTES = 64 * 1024;

  /** How long an append waits by default for another process that holds the log's lock. */
  public static final Duration DEFAULT_LOCK_TIMEOUT = Duration.ofSeconds(10);

  private static final AuditOptions DEFAULTS = builder().build();

  private final long maxBytes;
  private final int maxFiles;
  private final AuditDurability durability;
  private final TimeSource time;
  private final int maxLineBytes;
  private final Duration lockTimeout;
  private final List<Secret> redacted;

  private AuditOptions(Builder b) {
    this.maxBytes = b.maxBytes;
    this.maxFiles = b.maxFiles;
    this.durability = b.durability;
    this.time = b.time;
    this.maxLineBytes = b.maxLineBytes;
    this.lockTimeout = b.lockTimeout;
    this.redacted = List.copyOf(b.redacted);
  }

  /** 10 MiB, 10 files, flush per event, the system clock, 64 KiB lines, 10 s lock wait, no secrets. */
  public static AuditOptions defaults() {
    return DEFAULTS;
  }

  /** A builder starting from the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding these options. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.maxBytes = maxBytes;
    b.maxFiles = maxFiles;
    b.durability = durability;
    b.time = time;
    b.maxLineBytes = maxLineBytes;
    b.lockTimeout = lockTimeout;
    b.redacted.addAll(redacted);
    return b;
  }

  /** The size at which {@code audit.jsonl} is rotated. */
  public long maxBytes() {
    return maxBytes;
  }

  /** The files kept, {@code audit.jsonl} included. */
  public int maxFiles() {
    return maxFiles;
  }

  /** When an append returns. */
  public AuditDurability durability() {
    return durability;
  }

  /** The clock that stamps lines (and paces {@link AuditDurability#fsyncEvery}). */
  public TimeSource time() {
    return time;
  }

  /** The largest line accepted; a larger event is refused. */
  public int maxLineBytes() {
    return maxLineBytes;
  }

  /** How long an append waits for another process holding the log's lock before it fails. */
  public Duration lockTimeout() {
    return lockTimeout;
  }

  List<Secret> redactedSecrets() {
    return redacted;
  }

  /** The rotation, durability and limits (never a secret). */
  @Override
  public String toString() {
    return "AuditOptions[maxBytes=" + maxBytes + ", maxFiles=" + maxFiles + ", durability=" + durability.describe()
        + ", maxLineBytes=" + maxLineBytes + ", lockTimeout=" + lockTimeout + ", redacting " + redacted.size() + " secret(s)]";
  }

  /**
   * Builds {@link AuditOptions}; every setter validates at once.
   *
   * <pre>{@code
   * AuditOptions.builder().maxFiles(3).durability(AuditDurability.fsyncEvery(Duration.ofMillis(200))).build();
   * }</pre>
   */
  public static final class Builder {
    private long maxBytes = DEFAULT_MAX_BYTES;
    private int maxFiles = DEFAULT_MAX_FILES;
    private AuditDurability durability = AuditDurability.flushPerEvent();
    private TimeSource time = TimeSource.system();
    private int maxLineBytes = DEFAULT_MAX_LINE_BYTES;
    private Duration lockTimeout = DEFAULT_LOCK_TIMEOUT;
    private final List<Secret> redacted = new ArrayList<>();

    private Builder() {}

    /**
     * The size at which {@code audit.jsonl} is rotated: a line that would take the file past it goes
     * into a fresh file (a line is never split). At least 1; operators can set no less than 4096
     * through {@code AUDIT_MAX_BYTES}, smaller values are for tests.
     */
    public Builder maxBytes(long maxBytes) {
      if (maxBytes < 1) {
        throw new IllegalArgumentException("maxBytes must be at least 1");
      }
      this.maxBytes = maxBytes;
      return this;
    }

    /** The files kept, {@code audit.jsonl} included: 1 to {@value AuditOptions#MAX_FILES_LIMIT}. */
    public Builder maxFiles(long maxFiles) {
      if (maxFiles < 1 || maxFiles > MAX_FILES_LIMIT) {
        throw new IllegalArgumentException("maxFiles must be from 1 to " + MAX_FILES_LIMIT);
      }
      this.maxFiles = (int) maxFiles;
      return this;
    }

    /** When an append returns; {@link AuditDurability#flushPerEvent()} by default. */
    public Builder durability(AuditDurability durability) {
      this.durability = Objects.requireNonNull(durability, "durability");
      return this;
    }

    /** The clock; the system clock by default. */
    public Builder timeSource(TimeSource time) {
      this.time = Objects.requireNonNull(time, "time");
      return this;
    }

    /** The largest line accepted, 1 KiB to 16 MiB; 64 KiB by default. */
    public Builder maxLineBytes(int maxLineBytes) {
      if (maxLineBytes < 1024 || maxLineBytes > 16 * 1024 * 1024) {
        throw new IllegalArgumentException("maxLineBytes must be from 1024 to 16 MiB");
      }
      this.maxLineBytes = maxLineBytes;
      return this;
    }

    /** How long an append waits for another process's lock; 10 s by default (1 ms to 10 min). */
    public Builder lockTimeout(Duration lockTimeout) {
      Objects.requireNonNull(lockTimeout, "lockTimeout");
      if (lockTimeout.compareTo(Duration.ofMillis(1)) < 0 || lockTimeout.compareTo(Duration.ofMinutes(10)) > 0) {
        throw new IllegalArgumentException("lockTimeout must be from 1 ms to 10 minutes");
      }
      this.lockTimeout = lockTimeout;
      return this;
    }

    /**
     * Secrets no line may contain: a string value, list entry or correlation id that contains one is
     * written as {@value Secret#REDACTED}, and an event whose name, outcome or field name contains one
     * is refused. Each secret must be at least 8 bytes (a shorter one would redact ordinary words). The
     * sink keeps a reference to each secret, not a copy: destroying it ends its screening.
     */
    public Builder redacting(Secret... secrets) {
      for (Secret s : secrets) {
        Objects.requireNonNull(s, "secret");
        if (s.length() < 8) {
          throw new IllegalArgumentException("a secret to redact must be at least 8 bytes");
        }
        redacted.add(s);
      }
      return this;
    }

    /** The options. */
    public AuditOptions build() {
      return new AuditOptions(this);
    }
  }
}
