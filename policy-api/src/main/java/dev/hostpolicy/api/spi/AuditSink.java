package dev.hostpolicy.api.spi;

/**
 * Where audited events go: the default JSONL file sink, an in-memory sink in tests, or a host's own
 * (syslog, a database). Found with {@link java.util.ServiceLoader} by {@link #id()}, or handed to a
 * control directly.
 *
 * <p>{@link #append(AuditEvent)} returns only when the event is acknowledged under the sink's
 * durability policy; it throws if the event could not be recorded, and the caller decides whether
 * that stops the action (security-relevant callers fail closed). Implementations are thread-safe.
 *
 * <pre>{@code
 * public final class SyslogAuditSink implements AuditSink {
 *   public String id() { return "com.acme.syslog"; }
 *   public void append(AuditEvent event) { syslog.send(format(event)); }
 * }
 * }</pre>
 */
public interface AuditSink extends AutoCloseable {

  /** A sink that records nothing — for hosts that explicitly opt out, and for benchmarks. */
  static AuditSink discarding() {
    return new AuditSink() {
      @Override
      public String id() {
        return "discard";
      }

      @Override
      public void append(AuditEvent event) {}
    };
  }

  /** Lowercase id, dotted or hyphenated ({@code jsonl}, {@code com.acme.syslog}). */
  String id();

  /**
   * Records {@code event}; returns once it is acknowledged under this sink's durability policy.
   *
   * @throws java.io.UncheckedIOException or another runtime exception if the event was not recorded
   */
  void append(AuditEvent event);

  /** Flushes and releases resources; further appends fail. Does nothing by default. */
  @Override
  default void close() {}
}
