package dev.hostpolicy.testkit.fake;

import dev.hostpolicy.api.Secret;
import dev.hostpolicy.api.spi.AuditEvent;
import dev.hostpolicy.api.spi.AuditSink;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An {@link AuditSink} that keeps events in memory and guards against leaks: give it the secrets a
 * test generated ({@link #forbidding(Secret...)}) and every append is searched for them — event name,
 * outcome, correlation id, every field value. A leak is recorded and the append fails with an
 * {@link AssertionError}; since the control under test may swallow that on another thread,
 * {@link #assertNoLeaks()} fails the test afterwards too. Thread-safe.
 *
 * <pre>{@code
 * Secret token = Secret.fromUtf8(generatedToken);
 * InMemoryAuditSink audit = InMemoryAuditSink.create().forbidding(token);
 * // ... exercise the control with `audit` ...
 * assertThat(audit.events("egress.denied")).hasSize(1);
 * audit.assertNoLeaks();
 * }</pre>
 */
public final class InMemoryAuditSink implements AuditSink {
  private final List<AuditEvent> events = new CopyOnWriteArrayList<>();
  private final List<String> forbidden = new CopyOnWriteArrayList<>();
  private final List<String> leaks = new CopyOnWriteArrayList<>();
  private volatile RuntimeException failure;

  private InMemoryAuditSink() {}

  /** An empty sink that forbids nothing yet. */
  public static InMemoryAuditSink create() {
    return new InMemoryAuditSink();
  }

  /** Fails every append whose text contains one of these secrets (as UTF-8 text). */
  public InMemoryAuditSink forbidding(Secret... secrets) {
    for (Secret s : secrets) {
      forbidden.add(Objects.requireNonNull(s, "secret").revealUtf8());
    }
    return this;
  }

  /** Fails every append whose text contains one of these strings. */
  public InMemoryAuditSink forbidding(String... texts) {
    for (String t : texts) {
      if (Objects.requireNonNull(t, "text").isEmpty()) {
        throw new IllegalArgumentException("an empty forbidden text would match everything");
      }
      forbidden.add(t);
    }
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

  @Override
  public void append(AuditEvent event) {
    Objects.requireNonNull(event, "event");
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
        if (t.contains(secret)) {
          String leak = "a forbidden secret appeared in audit event " + event.event() + " (field value or name)";
          leaks.add(leak);
          throw new AssertionError(leak);
        }
      }
    }
    events.add(event);
  }

  /** Every recorded event, in order. */
  public List<AuditEvent> events() {
    return Collections.unmodifiableList(new ArrayList<>(events));
  }

  /** The recorded events called {@code name}, in order. */
  public List<AuditEvent> events(String name) {
    List<AuditEvent> out = new ArrayList<>();
    for (AuditEvent e : events) {
      if (e.event().equals(name)) {
        out.add(e);
      }
    }
    return Collections.unmodifiableList(out);
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

  @Override
  public String toString() {
    return "InMemoryAuditSink[" + events.size() + " events, " + forbidden.size() + " forbidden, " + leaks.size() + " leaks]";
  }
}
