package dev.hostpolicy.testkit.fake;

import dev.hostpolicy.api.Secret;
import dev.hostpolicy.api.spi.AuditEvent;
import dev.hostpolicy.api.spi.AuditEvents;
import dev.hostpolicy.api.spi.AuditSink;
import dev.hostpolicy.testkit.SecretLeaks;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;

/**
 * An {@link AuditSink} that keeps events in memory and guards against leaks: give it the secrets a
 * test generated ({@link #forbidding(Secret...)}) and every append is searched for them — event name,
 * outcome, correlation id, every field name and value — raw and in the encodings
 * {@link SecretLeaks} knows (percent, hex, base64, {@code \\uHHHH}). A leak is recorded and the append
 * fails with an {@link AssertionError}; since the control under test may swallow that on another
 * thread, {@link #assertNoLeaks()} fails the test afterwards too. Thread-safe.
 *
 * <p>It refuses what the JSONL sink refuses, with the same {@link IllegalArgumentException}: event
 * names starting with {@code audit.} (the log's own records) and fields that would hold a request body
 * ({@link AuditEvents#isBodyFieldName}); with {@link #requireCatalogued()} it also refuses event
 * names outside {@link AuditEvents#catalogue()}. After {@link #close()} appends throw
 * {@link IllegalStateException}, like a real sink. {@link #await} waits (bounded) for events a control
 * records on another thread.
 *
 * <pre>{@code
 * Secret token = Secret.fromUtf8(generatedToken);
 * InMemoryAuditSink audit = InMemoryAuditSink.create().forbidding(token).requireCatalogued();
 * // ... exercise the control with `audit` ...
 * AuditEvent denied = audit.await("egress.denied", Duration.ofSeconds(10));
 * assertThat(denied.fields()).containsEntry("reason", "egress.private-address");
 * audit.assertNoLeaks();
 * }</pre>
 */
public final class InMemoryAuditSink implements AuditSink {
  private final List<AuditEvent> events = new CopyOnWriteArrayList<>();
  private final List<String> forbidden = new CopyOnWriteArrayList<>();
  private final List<String> leaks = new CopyOnWriteArrayList<>();
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition appended = lock.newCondition();
  private volatile RuntimeException failure;
  private volatile boolean catalogueOnly;
  private volatile boolean closed;

  private InMemoryAuditSink() {}

  /** An empty sink that forbids nothing yet. */
  public static InMemoryAuditSink create() {
    return new InMemoryAuditSink();
  }

  /** Fails every append that carries one of these secrets (as UTF-8 text), raw or encoded. */
  public InMemoryAuditSink forbidding(Secret... secrets) {
    for (Secret s : secrets) {
      forbidden.add(Objects.requireNonNull(s, "secret").revealUtf8());
    }
    return this;
  }

  /** Fails every append that carries one of these strings, raw or encoded. */
  public InMemoryAuditSink forbidding(String... texts) {
    for (String t : texts) {
      if (Objects.requireNonNull(t, "text").isEmpty()) {
        throw new IllegalArgumentException("an empty forbidden text would match everything");
      }
      forbidden.add(t);
    }
    return this;
  }

  /** From now on, refuses event names outside {@link AuditEvents#catalogue()} (a control must use catalogued names). */
  public InMemoryAuditSink requireCatalogued() {
    catalogueOnly = true;
    return this;
  }

  /** From now on every append throws {@code failure} (to test fail-closed callers); {@code null} to stop. */
  public void failWith(RuntimeException failure) {
    this.failure = failure;
  }

  @Override
  public String id() {
    return "memory";
  }

  /**
   * Records {@code event}.
   *
   * @throws AssertionError if it carries a forbidden secret
   * @throws IllegalArgumentException if the JSONL sink would refuse it (or it is not catalogued, when required)
   * @throws IllegalStateException after {@link #close()}
   */
  @Override
  public void append(AuditEvent event) {
    Objects.requireNonNull(event, "event");
    if (closed) {
      throw new IllegalStateException("the audit sink is closed");
    }
    RuntimeException f = failure;
    if (f != null) {
      throw f;
    }
    List<String> texts = new ArrayList<>();
    texts.add(event.event());
    texts.add(event.outcome());
    event.correlationId().ifPresent(texts::add);
    for (Map.Entry<String, Object> e : event.fields().entrySet()) {
      texts.add(e.getKey());
      if (e.getValue() instanceof List<?> list) {
        for (Object o : list) {
          texts.add(String.valueOf(o));
        }
      } else {
        texts.add(String.valueOf(e.getValue()));
      }
    }
    for (String secret : forbidden) {
      for (String t : texts) {
        if (SecretLeaks.leaks(t, secret)) {
          String leak = "a forbidden secret appeared in audit event " + event.event() + " (field value or name)";
          leaks.add(leak);
          throw new AssertionError(leak);
        }
      }
    }
    if (AuditEvents.isSinkRecord(event.event())) {
      throw new IllegalArgumentException("event names starting with audit. are the log's own records");
    }
    for (String name : event.fields().keySet()) {
      if (AuditEvents.isBodyFieldName(name)) {
        throw new IllegalArgumentException("field " + name + " would hold a request body; audit its size or digest instead");
      }
    }
    if (catalogueOnly && !AuditEvents.isCatalogued(event.event())) {
      throw new IllegalArgumentException("event " + event.event() + " is not in the AuditEvents catalogue");
    }
    lock.lock();
    try {
      events.add(event);
      appended.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /** Every recorded event, in order. */
  public List<AuditEvent> events() {
    return Collections.unmodifiableList(new ArrayList<>(events));
  }

  /** The recorded events called {@code name}, in order. */
  public List<AuditEvent> events(String name) {
    return events(e -> e.event().equals(name));
  }

  /** The recorded events that {@code filter} accepts, in order. */
  public List<AuditEvent> events(Predicate<AuditEvent> filter) {
    List<AuditEvent> out = new ArrayList<>();
    for (AuditEvent e : events) {
      if (filter.test(e)) {
        out.add(e);
      }
    }
    return Collections.unmodifiableList(out);
  }

  /**
   * The only recorded event called {@code name}.
   *
   * @throws AssertionError if there is none or more than one
   */
  public AuditEvent single(String name) {
    List<AuditEvent> found = events(name);
    if (found.size() != 1) {
      throw new AssertionError("expected exactly one " + name + " audit event, found " + found.size() + ": " + events);
    }
    return found.get(0);
  }

  /**
   * Waits until an event called {@code name} is recorded and returns the first one.
   *
   * @throws AssertionError if none is recorded within {@code timeout}
   */
  public AuditEvent await(String name, Duration timeout) {
    return awaitCount(e -> e.event().equals(name), 1, timeout, name).get(0);
  }

  /**
   * Waits until at least {@code count} recorded events satisfy {@code filter}; returns them.
   *
   * @throws AssertionError if fewer are recorded within {@code timeout}
   */
  public List<AuditEvent> await(Predicate<AuditEvent> filter, int count, Duration timeout) {
    return awaitCount(filter, count, timeout, "matching");
  }

  private List<AuditEvent> awaitCount(Predicate<AuditEvent> filter, int count, Duration timeout, String what) {
    long deadline = System.nanoTime() + timeout.toNanos();
    lock.lock();
    try {
      while (true) {
        List<AuditEvent> found = events(filter);
        if (found.size() >= count) {
          return found;
        }
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new AssertionError("waited " + timeout + " for " + count + " " + what + " audit event(s), found " + found.size()
              + ": " + events);
        }
        try {
          appended.awaitNanos(Math.min(left, TimeUnit.MILLISECONDS.toNanos(100)));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new AssertionError("interrupted while waiting for audit events", e);
        }
      }
    } finally {
      lock.unlock();
    }
  }

  /** The leaks seen so far (descriptions, never the secret). */
  public List<String> leaks() {
    return List.copyOf(leaks);
  }

  /**
   * Fails if any append ever carried a forbidden secret.
   *
   * @throws AssertionError naming the events
   */
  public void assertNoLeaks() {
    if (!leaks.isEmpty()) {
      throw new AssertionError(leaks.size() + " audit leak(s): " + leaks);
    }
  }

  /** Forgets the recorded events (not the leaks). */
  public void clear() {
    events.clear();
  }

  /** Further appends throw {@link IllegalStateException}, as with a real sink. */
  @Override
  public void close() {
    closed = true;
  }

  @Override
  public String toString() {
    return "InMemoryAuditSink[" + events.size() + " events, " + forbidden.size() + " forbidden, " + leaks.size() + " leaks]";
  }
}
