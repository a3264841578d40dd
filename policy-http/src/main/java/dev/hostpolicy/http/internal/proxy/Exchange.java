package dev.hostpolicy.http.internal.proxy;

import dev.hostpolicy.api.TimeSource;
import java.io.IOException;
import java.nio.channels.Channel;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The channels one worker is blocked on, and the deadline after which the {@link Watchdog} closes
 * them (which ends any blocked read, write or connect). While a request head is awaited the deadline
 * is fixed — the idle timeout until its first byte, then the header timeout, however slowly the rest
 * trickles in; while a message moves, each read or write moves the deadline to now + the idle timeout.
 */
final class Exchange {
  private enum Phase {
    AWAIT_HEAD,
    IN_HEAD,
    ACTIVE,
    FIXED
  }

  private final Watchdog watchdog;
  private final TimeSource time;
  private final long idleNanos;
  private final long headerNanos;
  private final List<Channel> channels = new CopyOnWriteArrayList<>();
  private volatile Phase phase = Phase.ACTIVE;
  private volatile long deadline;
  private volatile boolean expired;

  Exchange(Watchdog watchdog, TimeSource time, long idleNanos, long headerNanos) {
    this.watchdog = watchdog;
    this.time = time;
    this.idleNanos = idleNanos;
    this.headerNanos = headerNanos;
    this.deadline = time.nanoTime() + idleNanos;
  }

  /** Closes {@code c} too when the deadline passes or the proxy stops. */
  void add(Channel c) {
    channels.add(c);
    if (expired) {
      closeQuietly(c);
    }
  }

  void remove(Channel c) {
    channels.remove(c);
  }

  /**
   * The first request head of a connection accepted at {@code acceptedAt}: the whole head must
   * arrive within the header timeout of the accept, however slowly it trickles in.
   */
  void awaitFirstHead(long acceptedAt) {
    phase = Phase.IN_HEAD;
    deadline = acceptedAt + headerNanos;
  }

  /** A later request head on a kept-alive connection: the idle timeout until its first byte, then the header timeout. */
  void awaitHead() {
    // the idle time runs from the last byte of the previous exchange (the deadline it set), not from
    // whenever this thread gets here
    if (phase != Phase.ACTIVE) {
      deadline = time.nanoTime() + idleNanos;
    }
    phase = Phase.AWAIT_HEAD;
  }

  /** A message is moving: each byte of progress extends the deadline by the idle timeout. */
  void active() {
    phase = Phase.ACTIVE;
    deadline = time.nanoTime() + idleNanos;
  }

  /** From now on, a fixed deadline {@code nanos} away that progress does not move (lingering before a close). */
  void lingerFor(long nanos) {
    phase = Phase.FIXED;
    deadline = time.nanoTime() + nanos;
  }

  /** A read made progress (the bytes are in, so the time read now is not later than the peer saw). */
  void progress() {
    progress(time.nanoTime());
  }

  /** The exchange's clock, for callers that must read it before an I/O call. */
  long now() {
    return time.nanoTime();
  }

  /**
   * An I/O call that started at {@code at} made progress. A write's progress is stamped with the
   * time taken before the write: once the peer has the bytes it may act (and a test may move a fake
   * clock), so a time read after the write could postpone the deadline past what the peer observed.
   */
  void progress(long at) {
    Phase p = phase;
    if (p == Phase.ACTIVE) {
      deadline = at + idleNanos;
    } else if (p == Phase.AWAIT_HEAD) {
      phase = Phase.IN_HEAD;
      deadline = at + headerNanos;
    }
  }

  boolean expired() {
    return expired;
  }

  boolean pastDeadline(long now) {
    return now - deadline > 0;
  }

  /** Closes every channel (the deadline passed, or the proxy stops). */
  void expire() {
    expired = true;
    for (Channel c : channels) {
      closeQuietly(c);
    }
  }

  /** Stops watching this exchange. */
  void done() {
    if (watchdog != null) {
      watchdog.forget(this);
    }
  }

  /** An exchange no watchdog enforces (for reading from memory in tests). */
  static Exchange unwatched(TimeSource time) {
    return new Exchange(null, time, Long.MAX_VALUE / 4, Long.MAX_VALUE / 4);
  }

  static void closeQuietly(Channel c) {
    try {
      c.close();
    } catch (IOException e) {
      // closing is best effort
    }
  }
}
