package dev.hostpolicy.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hostpolicy.api.spi.AuditEvent;
import dev.hostpolicy.api.spi.AuditSink;
import dev.hostpolicy.testkit.AuditArbitraries;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The contract every {@link AuditSink} — ours and a host's — must pass. Implement {@link #newSink()}
 * and {@link #recorded(AuditSink)} in a test class and the properties below run against it.
 *
 * <pre>{@code
 * class SyslogAuditSinkContractTest implements AuditSinkContract {
 *   public AuditSink newSink() { return new SyslogAuditSink(testServer()); }
 *   public List<AuditEvent> recorded(AuditSink sink) { return testServer().received(); }
 * }
 * }</pre>
 *
 * <p>What it checks: a well-formed, stable id; every acknowledged append is recorded, in order, with
 * its event name, actor, outcome, correlation id and typed fields unchanged (hostile text, lone
 * surrogates and decimals included; a whole-number decimal may come back as a whole number); appends
 * from several threads are each recorded exactly once; after {@link AuditSink#close()} an append
 * throws.
 */
public interface AuditSinkContract {

  /** A fresh sink under test, recording into a fresh place. */
  AuditSink newSink() throws Exception;

  /** The events {@code sink} recorded so far, in order, read back however the sink allows (its own records left out). */
  List<AuditEvent> recorded(AuditSink sink) throws Exception;

  /** Ids are lowercase segments of {@code [a-z0-9]} joined by {@code .} or {@code -}. */
  @Example
  default void idIsWellFormedAndStable() throws Exception {
    try (AuditSink sink = newSink()) {
      assertThat(sink.id()).matches("[a-z0-9]+(?:[.-][a-z0-9]+)*").hasSizeLessThanOrEqualTo(128);
      assertThat(sink.id()).isEqualTo(sink.id());
    }
  }

  /** Every acknowledged append is read back, in order, unchanged. */
  @Property(tries = 40)
  default void everyAcknowledgedEventIsRecordedInOrderUnchanged(@ForAll("auditEventLists") List<AuditEvent> events) throws Exception {
    try (AuditSink sink = newSink()) {
      for (AuditEvent e : events) {
        sink.append(e);
      }
      List<AuditEvent> back = recorded(sink);
      assertThat(back).hasSameSizeAs(events);
      for (int i = 0; i < events.size(); i++) {
        assertThat(normalise(back.get(i))).as("event %d", i).isEqualTo(normalise(events.get(i)));
      }
    }
  }

  /** Four threads append 50 events each, released together: each is recorded exactly once. */
  @Example
  default void concurrentAppendsAreEachRecordedOnce() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try (AuditSink sink = newSink()) {
      CyclicBarrier start = new CyclicBarrier(4);
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        int thread = t;
        done.add(pool.submit(() -> {
          start.await(30, TimeUnit.SECONDS);
          for (int i = 0; i < 50; i++) {
            sink.append(AuditEvent.builder("run.start").field("id", thread + "-" + i).build());
          }
          return null;
        }));
      }
      for (Future<?> f : done) {
        f.get(60, TimeUnit.SECONDS);
      }
      Set<Object> ids = new HashSet<>();
      for (AuditEvent e : recorded(sink)) {
        assertThat(ids.add(e.fields().get("id"))).as("recorded once: %s", e.fields().get("id")).isTrue();
      }
      assertThat(ids).hasSize(200);
    } finally {
      pool.shutdownNow();
    }
  }

  /** A closed sink refuses appends (a caller must learn that nothing is recorded any more). */
  @Example
  default void aClosedSinkRefusesAppends() throws Exception {
    AuditSink sink = newSink();
    sink.append(AuditEvent.builder("run.start").build());
    sink.close();
    assertThatThrownBy(() -> sink.append(AuditEvent.builder("run.start").build())).isInstanceOf(RuntimeException.class);
  }

  /** Lists of generated events. */
  @Provide
  default Arbitrary<List<AuditEvent>> auditEventLists() {
    return AuditArbitraries.auditEvents().list().ofMaxSize(12);
  }

  /**
   * An event as comparable values: name, actor, outcome, correlation id and fields, with a decimal
   * that has no fraction digits turned into a whole number (JSON does not keep the difference).
   */
  static List<Object> normalise(AuditEvent e) {
    Map<String, Object> fields = new LinkedHashMap<>();
    e.fields().forEach((k, v) -> fields.put(k, normaliseValue(v)));
    return List.of(e.event(), e.actor(), e.outcome(), e.correlationId(), fields);
  }

  private static Object normaliseValue(Object v) {
    if (v instanceof BigDecimal d && d.scale() <= 0) {
      java.math.BigInteger i = d.toBigIntegerExact();
      return i.bitLength() < 64 ? (Object) i.longValue() : (Object) new BigDecimal(i);
    }
    return v;
  }

  /** Turns a read-back record into an event, for {@link #recorded} implementations that read a log. */
  static AuditEvent toEvent(String event, dev.hostpolicy.api.spi.AuditActor actor, String outcome, Optional<String> cid,
      Map<String, Object> fields) {
    AuditEvent.Builder b = AuditEvent.builder(event).actor(actor).outcome(outcome);
    cid.ifPresent(b::correlationId);
    fields.forEach((k, v) -> {
      if (v instanceof String s) {
        b.field(k, s);
      } else if (v instanceof Long l) {
        b.field(k, l.longValue());
      } else if (v instanceof BigDecimal d) {
        b.field(k, d);
      } else if (v instanceof Boolean x) {
        b.field(k, x.booleanValue());
      } else if (v instanceof List<?> list) {
        List<String> strings = new ArrayList<>();
        list.forEach(o -> strings.add((String) o));
        b.field(k, strings);
      } else {
        throw new IllegalArgumentException("unexpected value type " + v.getClass().getName() + " in field " + k);
      }
    });
    return b.build();
  }
}
