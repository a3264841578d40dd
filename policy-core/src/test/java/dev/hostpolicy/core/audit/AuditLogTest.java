package dev.hostpolicy.core.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hostpolicy.api.spi.AuditActor;
import dev.hostpolicy.api.spi.AuditEvent;
import dev.hostpolicy.api.spi.AuditEvents;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditLogTest {
  @TempDir Path data;
  private Path dir;
  private final List<AuditRecord> written = new ArrayList<>();
  private AuditAnchor head;

  /** 40 events over 40 seconds in several small files. */
  @BeforeEach
  void write() throws Exception {
    TestClock clock = TestClock.at("2026-01-01T00:00:00Z");
    try (JsonlAuditSink sink = JsonlAuditSink.open(data, AuditOptions.builder().timeSource(clock).maxBytes(1200).maxFiles(100).build())) {
      for (int i = 0; i < 40; i++) {
        AuditEvent.Builder b = switch (i % 4) {
          case 0 -> AuditEvents.loginFailure("auth.bad-token");
          case 1 -> AuditEvents.webhookRejected("deploy", "webhook.signature-mismatch").correlationId("cid_" + (i % 3));
          case 2 -> AuditEvents.runStart("run-" + i).correlationId("cid_" + (i % 3));
          default -> AuditEvents.loginSuccess();
        };
        AuditRecord r = sink.record(b.field("i", i).build());
        written.add(r);
        head = r.anchor();
        clock.advance(Duration.ofSeconds(1));
      }
    }
    dir = data.resolve("audit");
    assertThat(Logs.files(dir).size()).isGreaterThan(3);
  }

  private List<AuditRecord> query(AuditQuery q) throws Exception {
    try (AuditRecords r = AuditLog.at(data).query(q)) {
      List<AuditRecord> out = r.toList();
      assertThat(r.issues()).isEmpty();
      return out;
    }
  }

  private static List<Long> seqs(List<AuditRecord> records) {
    return records.stream().map(AuditRecord::seq).toList();
  }

  @Test
  void queryStreamsEveryFileInOrderAndFilters() throws Exception {
    assertThat(seqs(query(AuditQuery.all()))).isEqualTo(seqs(written));
    assertThat(query(AuditQuery.all())).extracting(AuditRecord::json).isEqualTo(written.stream().map(AuditRecord::json).toList());
    assertThat(query(AuditQuery.builder().event("auth.*").build())).hasSize(20)
        .allMatch(r -> r.event().startsWith("auth.login."));
    assertThat(query(AuditQuery.builder().event("webhook.rejected").event("run.start").actor(AuditActor.WEBHOOK).build())).hasSize(10);
    assertThat(query(AuditQuery.builder().cid("cid_1").build())).allMatch(r -> r.cid().orElseThrow().equals("cid_1")).hasSize(7);
    List<AuditRecord> window = query(AuditQuery.builder().since(Instant.parse("2026-01-01T00:00:10Z"))
        .until(Instant.parse("2026-01-01T00:00:20Z")).build());
    assertThat(window).extracting(r -> r.fields().get("i")).containsExactly(10L, 11L, 12L, 13L, 14L, 15L, 16L, 17L, 18L, 19L);
    assertThat(query(AuditQuery.builder().event("auth.login.failure").limit(3).build())).extracting(r -> r.fields().get("i"))
        .containsExactly(0L, 4L, 8L);
    List<AuditRecord> withOwn = query(AuditQuery.builder().includeSinkRecords(true).build());
    assertThat(withOwn.get(0).event()).isEqualTo("audit.chain.start");
    assertThat(withOwn).filteredOn(AuditRecord::isSinkRecord).extracting(AuditRecord::event).contains("audit.file.start");
    assertThat(query(AuditQuery.builder().event("audit.*").build())).allMatch(AuditRecord::isSinkRecord).isNotEmpty();
    assertThat(withOwn.size()).isEqualTo(withOwn.get(withOwn.size() - 1).seq());
  }

  @Test
  void tailReadsTheNewestBackwards() throws Exception {
    assertThat(AuditLog.at(data).tail(5).toList()).extracting(AuditRecord::json)
        .isEqualTo(written.subList(35, 40).stream().map(AuditRecord::json).toList());
    assertThat(AuditLog.at(data).tail(1000).toList()).hasSize(40);
    assertThat(AuditLog.at(data).tail(0).toList()).isEmpty();
    assertThat(AuditLog.at(data).tail(3, AuditQuery.builder().event("run.start").build()).toList())
        .extracting(r -> r.fields().get("i")).containsExactly(30L, 34L, 38L);
  }

  @Test
  void anIntactLogVerifiesWithItsHead() throws Exception {
    AuditVerification v = AuditLog.at(data).verify(head);
    assertThat(v.decision().reason()).as(v.toString()).isEqualTo("allowed");
    assertThat(v.head()).contains(head);
    assertThat(v.first().orElseThrow().seq()).isEqualTo(1);
    assertThat(v.records()).isEqualTo(head.seq());
    assertThat(v.decision().detail()).contains("head " + head);
  }

  private void rewrite(String file, List<String> lines) throws Exception {
    Files.writeString(dir.resolve(file), lines.isEmpty() ? "" : String.join("\n", lines) + "\n");
  }

  private AuditVerification verify() throws Exception {
    return AuditLog.at(data).verify(head);
  }

  @Test
  void editingAnyLineBreaksTheChainOrTheAnchor() throws Exception {
    for (String file : Logs.files(dir)) {
      List<String> original = Logs.linesOf(dir.resolve(file));
      for (int i = 0; i < original.size(); i++) {
        List<String> edited = new ArrayList<>(original);
        edited.set(i, edited.get(i).replace("\"outcome\":\"", "\"outcome\":\"x"));
        rewrite(file, edited);
        AuditVerification v = verify();
        assertThat(v.decision().denied()).as("%s:%d edited", file, i + 1).isTrue();
        assertThat(v.decision().reason()).isIn("audit.chain-broken", "audit.anchor-mismatch");
        rewrite(file, original);
      }
    }
    assertThat(verify().intact()).isTrue();
  }

  @Test
  void deletingOrSwappingAnyLineIsFound() throws Exception {
    for (String file : Logs.files(dir)) {
      List<String> original = Logs.linesOf(dir.resolve(file));
      for (int i = 0; i < original.size(); i++) {
        List<String> deleted = new ArrayList<>(original);
        deleted.remove(i);
        rewrite(file, deleted);
        assertThat(verify().decision().denied()).as("%s:%d deleted", file, i + 1).isTrue();
        if (i + 1 < original.size()) {
          List<String> swapped = new ArrayList<>(original);
          Collections.swap(swapped, i, i + 1);
          rewrite(file, swapped);
          assertThat(verify().decision().reason()).as("%s:%d swapped", file, i + 1).isEqualTo("audit.chain-broken");
        }
        rewrite(file, original);
      }
    }
  }

  @Test
  void withoutAnAnchorOnlyTheNewestLinesCanBeCutUnseen() throws Exception {
    List<String> live = Logs.linesOf(dir.resolve("audit.jsonl"));
    rewrite("audit.jsonl", live.subList(0, live.size() - 1));
    assertThat(AuditLog.at(data).verify().intact()).as("the chain alone cannot see a cut tail").isTrue();
    AuditVerification v = verify();
    assertThat(v.decision().reason()).isEqualTo("audit.anchor-mismatch");
    assertThat(v.decision().detail()).contains("before the anchored seq " + head.seq());
  }

  @Test
  void removingOrReorderingFilesIsFound() throws Exception {
    List<String> files = Logs.files(dir);
    // swap two rotated files
    Path a = dir.resolve(files.get(1));
    Path b = dir.resolve(files.get(2));
    Path t = dir.resolve("tmp");
    Files.move(a, t);
    Files.move(b, a);
    Files.move(t, b);
    assertThat(verify().decision().reason()).isEqualTo("audit.chain-broken");
    Files.move(a, t);
    Files.move(b, a);
    Files.move(t, b);
    // a middle file removed
    Files.move(dir.resolve(files.get(2)), t);
    assertThat(verify().decision().reason()).isEqualTo("audit.chain-broken");
    Files.move(t, dir.resolve(files.get(2)));
    // a middle file emptied
    List<String> keep = Logs.linesOf(dir.resolve(files.get(2)));
    rewrite(files.get(2), List.of());
    assertThat(verify().decision().reason()).isEqualTo("audit.chain-broken");
    assertThat(verify().problem().orElseThrow().detail()).contains("empty");
    rewrite(files.get(2), keep);
    assertThat(verify().intact()).isTrue();
    // the oldest file removed: indistinguishable from rotation (documented)
    Files.delete(dir.resolve(files.get(0)));
    AuditVerification v = verify();
    assertThat(v.intact()).isTrue();
    assertThat(v.first().orElseThrow().seq()).isGreaterThan(1);
  }

  @Test
  void aMalformedLineIsSkippedByQueriesAndFailsVerify() throws Exception {
    String file = Logs.files(dir).get(1);
    List<String> lines = new ArrayList<>(Logs.linesOf(dir.resolve(file)));
    lines.set(2, "{\"ts\":\"2026-01-01T00:00:00.000Z\",\"seq\":\"x\"}");
    rewrite(file, lines);
    try (AuditRecords r = AuditLog.at(data).query(AuditQuery.all())) {
      assertThat(r.toList()).hasSize(39);
      assertThat(r.issues()).singleElement().satisfies(i -> {
        assertThat(i.reason()).isEqualTo("audit.malformed-line");
        assertThat(i.where()).isEqualTo(file + ":3");
      });
    }
    AuditVerification v = verify();
    assertThat(v.decision().reason()).isEqualTo("audit.malformed-line");
    assertThat(v.problem().orElseThrow().where()).isEqualTo(file + ":3");
  }

  @Test
  void aReplacedBeginningIsFound() throws Exception {
    String oldest = Logs.files(dir).get(0);
    List<String> lines = new ArrayList<>(Logs.linesOf(dir.resolve(oldest)));
    lines.add(1, lines.get(0)); // a second chain start
    rewrite(oldest, lines);
    assertThat(verify().decision().reason()).isEqualTo("audit.chain-broken");
  }

  @Test
  void anAnchorOlderThanTheRetainedLogCannotBeChecked() throws Exception {
    AuditAnchor first = written.get(0).anchor();
    Files.delete(dir.resolve(Logs.files(dir).get(0)));
    AuditVerification v = AuditLog.at(data).verify(first);
    assertThat(v.decision().allowed()).isTrue();
    assertThat(v.decision().reason()).isEqualTo("audit.anchor-rotated");
    AuditVerification wrong = AuditLog.at(data).verify(new AuditAnchor(head.seq(), "0".repeat(64)));
    assertThat(wrong.decision().reason()).isEqualTo("audit.anchor-mismatch");
    assertThat(wrong.decision().detail()).contains("rewritten");
  }

  @Test
  void emptyAndMissingLogs(@TempDir Path other) throws Exception {
    Files.createDirectories(other.resolve("audit"));
    AuditVerification v = AuditLog.at(other).verify();
    assertThat(v.decision().reason()).isEqualTo("audit.empty");
    assertThat(v.head()).isEmpty();
    assertThatThrownBy(() -> AuditLog.at(other.resolve("nope")).verify()).isInstanceOf(NoSuchFileException.class);
  }

  @Test
  void aReadOnlyCopyIsReadWithoutALock(@TempDir Path copy) throws Exception {
    Path to = Files.createDirectories(copy.resolve("audit"));
    for (String f : Logs.files(dir)) {
      Files.copy(dir.resolve(f), to.resolve(f), StandardCopyOption.COPY_ATTRIBUTES);
    }
    assertThat(Files.exists(to.resolve("audit.lock"))).isFalse();
    assertThat(AuditLog.at(copy).verify(head).decision().reason()).isEqualTo("allowed");
    assertThat(Files.exists(to.resolve("audit.lock"))).as("a reader creates nothing").isFalse();
  }

  @Test
  void anchorsParseStrictly() {
    AuditAnchor a = AuditAnchor.parse("12:" + "ab".repeat(32));
    assertThat(a.toString()).isEqualTo("12:" + "ab".repeat(32));
    for (String bad : List.of("0:" + "ab".repeat(32), "12:" + "AB".repeat(32), "12:" + "ab".repeat(31), "x:y", "", "12 :" + "ab".repeat(32))) {
      assertThatThrownBy(() -> AuditAnchor.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
    }
    assertThatThrownBy(() -> AuditQuery.builder().event("Auth")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> AuditQuery.builder().limit(0)).isInstanceOf(IllegalArgumentException.class);
    Instant t = Instant.parse("2026-01-01T00:00:00Z");
    assertThatThrownBy(() -> AuditQuery.builder().since(t).until(t).build()).isInstanceOf(IllegalArgumentException.class);
  }
}
