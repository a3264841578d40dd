package dev.hostpolicy.testkit.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hostpolicy.api.Secret;
import dev.hostpolicy.api.spi.AuditEvent;
import dev.hostpolicy.api.spi.AuditEvents;
import dev.hostpolicy.core.audit.AuditAnchor;
import dev.hostpolicy.core.audit.AuditLog;
import dev.hostpolicy.core.audit.AuditOptions;
import dev.hostpolicy.core.audit.AuditQuery;
import dev.hostpolicy.core.audit.AuditRecord;
import dev.hostpolicy.core.audit.AuditRecords;
import dev.hostpolicy.core.audit.AuditVerification;
import dev.hostpolicy.core.audit.JsonlAuditSink;
import dev.hostpolicy.testkit.AuditArbitraries;
import dev.hostpolicy.testkit.PolicyArbitraries;
import dev.hostpolicy.testkit.SecretLeaks;
import dev.hostpolicy.testkit.contract.AuditSinkContract;
import dev.hostpolicy.testkit.fake.FakeTimeSource;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * The audit log's properties, on real files with small rotation sizes so that most logs span several
 * files: a query returns exactly a reference filter over everything written (in order, unchanged,
 * limit respected) and a tail the newest records; verify, given the head anchor, finds every
 * single-line edit, deletion, swap or duplication; and a generated secret never appears in any output,
 * whichever way it is smuggled in.
 */
class AuditLogProperties {
  private static Path root;
  private static final AtomicInteger N = new AtomicInteger();

  @BeforeContainer
  static void createRoot() {
    root = TempDirs.create("audit-properties");
  }

  @AfterContainer
  static void deleteRoot() {
    TempDirs.delete(root);
  }

  private static Path freshDataDir() {
    return root.resolve("data-" + N.incrementAndGet());
  }

  /** Writes the events with the clock moving as told; returns the records as written. */
  private static List<AuditRecord> write(Path data, List<AuditArbitraries.Timed> events, long maxBytes, int maxFiles) throws Exception {
    FakeTimeSource time = FakeTimeSource.at(AuditArbitraries.START);
    List<AuditRecord> written = new ArrayList<>();
    try (JsonlAuditSink sink = JsonlAuditSink.open(data, AuditOptions.builder().timeSource(time).maxBytes(maxBytes).maxFiles(maxFiles).build())) {
      for (AuditArbitraries.Timed t : events) {
        time.advance(Duration.ofMillis(t.advanceMillis()));
        written.add(sink.record(t.event()));
      }
    }
    return written;
  }

  /** The query semantics, restated from the documentation. */
  private static boolean reference(AuditArbitraries.QuerySpec q, AuditRecord r) {
    Instant ts = r.ts();
    if (q.since().isPresent() && ts.compareTo(q.since().get()) < 0) {
      return false;
    }
    if (q.until().isPresent() && ts.compareTo(q.until().get()) >= 0) {
      return false;
    }
    if (q.actor().isPresent() && q.actor().get() != r.actor()) {
      return false;
    }
    if (q.cid().isPresent() && !q.cid().equals(r.cid())) {
      return false;
    }
    if (q.events().isEmpty()) {
      return true;
    }
    for (String p : q.events()) {
      if (p.equals("*") || p.equals(r.event()) || (p.endsWith(".*") && r.event().startsWith(p.substring(0, p.length() - 1)))) {
        return true;
      }
    }
    return false;
  }

  private static AuditQuery toQuery(AuditArbitraries.QuerySpec q) {
    AuditQuery.Builder b = AuditQuery.builder();
    q.since().ifPresent(b::since);
    q.until().ifPresent(b::until);
    q.events().forEach(b::event);
    q.actor().ifPresent(b::actor);
    q.cid().ifPresent(b::cid);
    q.limit().ifPresent(b::limit);
    return b.build();
  }

  @Property(tries = 60)
  void queryResultsEqualAFilterOverEverythingWritten(
      @ForAll("timedEvents") List<AuditArbitraries.Timed> events,
      @ForAll("querySpecs") List<AuditArbitraries.QuerySpec> queries,
      @ForAll("rotationSizes") long maxBytes) throws Exception {
    Path data = freshDataDir();
    List<AuditRecord> written = write(data, events, maxBytes, 1000);
    AuditLog log = AuditLog.at(data);
    for (int i = 0; i < written.size(); i++) {
      assertThat(AuditSinkContract.normalise(toEvent(written.get(i)))).isEqualTo(AuditSinkContract.normalise(events.get(i).event()));
    }
    for (AuditArbitraries.QuerySpec q : queries) {
      Stream<AuditRecord> expected = written.stream().filter(r -> reference(q, r));
      if (q.limit().isPresent()) {
        expected = expected.limit(q.limit().get());
      }
      List<String> want = expected.map(AuditRecord::json).toList();
      try (AuditRecords got = log.query(toQuery(q))) {
        List<AuditRecord> records = got.toList();
        assertThat(records).extracting(AuditRecord::json).as("%s", q).isEqualTo(want);
        assertThat(got.issues()).isEmpty();
      }
    }
    for (int n : new int[] {0, 1, 5, written.size(), written.size() + 3}) {
      List<String> want = written.subList(Math.max(0, written.size() - n), written.size()).stream().map(AuditRecord::json).toList();
      assertThat(log.tail(n).toList()).extracting(AuditRecord::json).isEqualTo(want);
    }
    assertThat(log.verify().decision().allowed()).isTrue();
  }

  private static AuditEvent toEvent(AuditRecord r) {
    return AuditSinkContract.toEvent(r.event(), r.actor(), r.outcome(), r.cid(), r.fields());
  }

  @Property(tries = 150)
  void verifyFindsEverySingleLineTampering(
      @ForAll("timedEventsNonEmpty") List<AuditArbitraries.Timed> events,
      @ForAll("tamperings") AuditArbitraries.Tampering tampering,
      @ForAll("rotationSizes") long maxBytes,
      @ForAll("fileCounts") int maxFiles) throws Exception {
    Path data = freshDataDir();
    List<AuditRecord> written = write(data, events, maxBytes, maxFiles);
    AuditAnchor head = written.get(written.size() - 1).anchor();
    AuditLog log = AuditLog.at(data);
    AuditVerification before = log.verify(head);
    assertThat(before.decision().reason()).as("%s", before).isEqualTo("allowed");
    String what = tampering.apply(data.resolve("audit"));
    AuditVerification after = log.verify(head);
    assertThat(after.decision().denied()).as("%s went unnoticed: %s", what, after).isTrue();
    assertThat(after.decision().reason()).isIn(AuditLog.CHAIN_BROKEN, AuditLog.MALFORMED_LINE, AuditLog.ANCHOR_MISMATCH);
    assertThat(after.problem()).isPresent();
  }

  @Property(tries = 150)
  void generatedSecretsNeverAppearInAnyOutput(
      @ForAll("secrets") String secret,
      @ForAll("smugglings") List<AuditArbitraries.Smuggling> attempts,
      @ForAll("noise") List<AuditArbitraries.Timed> noise) throws Exception {
    Secret s = Secret.fromUtf8(secret);
    Path registered = freshDataDir();
    Path unregistered = freshDataDir();
    List<String> outputs = new ArrayList<>();
    try (JsonlAuditSink withSecret = JsonlAuditSink.open(registered, AuditOptions.builder().maxBytes(1500).redacting(s).build());
        JsonlAuditSink plain = JsonlAuditSink.open(unregistered, AuditOptions.builder().maxBytes(1500).build())) {
      int i = 0;
      for (AuditArbitraries.Smuggling attempt : attempts) {
        if (i < noise.size()) {
          withSecret.append(noise.get(i++).event());
        }
        AuditEvent event;
        try {
          event = attempt.attempt().apply(secret);
        } catch (IllegalArgumentException refusedByTheApi) {
          outputs.add(String.valueOf(refusedByTheApi.getMessage()));
          continue;
        }
        try {
          AuditRecord r = withSecret.record(event);
          outputs.add(r.toString());
          outputs.add(r.json());
          outputs.add(String.valueOf(r.fields()));
          outputs.add(String.valueOf(r.cid()));
        } catch (IllegalArgumentException refused) {
          outputs.add(String.valueOf(refused.getMessage()));
        }
        // what the API refuses whatever the options, no sink writes
        if (event.fields().keySet().stream().anyMatch(AuditEvents::isBodyFieldName)) {
          try {
            plain.append(event);
            throw new AssertionError("a body field was accepted: " + attempt);
          } catch (IllegalArgumentException refused) {
            outputs.add(String.valueOf(refused.getMessage()));
          }
        }
      }
    }
    for (Path data : List.of(registered, unregistered)) {
      Path dir = data.resolve("audit");
      try (Stream<Path> files = Files.list(dir)) {
        for (Path f : (Iterable<Path>) files::iterator) {
          outputs.add(Files.readString(f, StandardCharsets.ISO_8859_1));
        }
      }
      AuditLog log = AuditLog.at(data);
      try (AuditRecords r = log.query(AuditQuery.builder().includeSinkRecords(true).build())) {
        r.forEach(x -> {
          outputs.add(x.toString());
          outputs.add(String.valueOf(x.fields()));
        });
        outputs.add(String.valueOf(r.issues()));
      }
      outputs.add(String.valueOf(log.tail(1000).toList()));
      outputs.add(String.valueOf(log.verify()));
    }
    SecretLeaks.assertNoLeak(String.join("\n", outputs), secret);
  }

  @Provide
  Arbitrary<List<AuditArbitraries.Timed>> timedEvents() {
    return PolicyArbitraries.timedAuditEvents(3, 30);
  }

  @Provide
  Arbitrary<List<AuditArbitraries.Timed>> noise() {
    return PolicyArbitraries.timedAuditEvents(0, 10);
  }

  @Provide
  Arbitrary<List<AuditArbitraries.Timed>> timedEventsNonEmpty() {
    return PolicyArbitraries.timedAuditEvents(2, 25);
  }

  @Provide
  Arbitrary<List<AuditArbitraries.QuerySpec>> querySpecs() {
    return PolicyArbitraries.auditQuerySpecs(30 * 5000L).list().ofMinSize(1).ofMaxSize(6);
  }

  @Provide
  Arbitrary<Long> rotationSizes() {
    return Arbitraries.of(400L, 1200L, 4096L, 1_000_000L);
  }

  @Provide
  Arbitrary<Integer> fileCounts() {
    return Arbitraries.of(2, 3, 1000);
  }

  @Provide
  Arbitrary<AuditArbitraries.Tampering> tamperings() {
    return PolicyArbitraries.auditTamperings();
  }

  @Provide
  Arbitrary<String> secrets() {
    return PolicyArbitraries.secretLikeValues();
  }

  @Provide
  Arbitrary<List<AuditArbitraries.Smuggling>> smugglings() {
    return PolicyArbitraries.auditSecretSmugglings().list().ofMinSize(1).ofMaxSize(8);
  }
}
