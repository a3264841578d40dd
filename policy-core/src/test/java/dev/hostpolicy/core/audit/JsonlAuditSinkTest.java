package dev.hostpolicy.core.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hostpolicy.api.PolicyViolationException;
import dev.hostpolicy.api.Secret;
import dev.hostpolicy.api.spi.AuditActor;
import dev.hostpolicy.api.spi.AuditEvent;
import dev.hostpolicy.api.spi.AuditEvents;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonlAuditSinkTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path data;

  private AuditOptions.Builder options(TestClock clock) {
    return AuditOptions.builder().timeSource(clock);
  }

  private static String mode(Path p) throws IOException {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
  }

  @Test
  void writesTheDocumentedLineFormatChainedFromAChainStart() throws Exception {
    TestClock clock = TestClock.at("2026-03-04T05:06:07.089123Z");
    try (JsonlAuditSink sink = JsonlAuditSink.open(data, options(clock).build())) {
      sink.append(AuditEvent.builder("webhook.rejected").actor(AuditActor.WEBHOOK).outcome("denied").correlationId("cid_abc")
          .field("trigger", "deploy").field("bytes", 12).field("cost", new BigDecimal("0.50")).field("signed", false)
          .field("names", List.of("A", "B")).field("note", "caf\u00e9 \u2028 \u001b[31m \u007f \"q\"").build());
    }
    Path dir = data.resolve("audit");
    assertThat(mode(dir)).isEqualTo("rwx------");
    assertThat(mode(dir.resolve("audit.jsonl"))).isEqualTo("rw-------");
    assertThat(mode(dir.resolve("audit.lock"))).isEqualTo("rw-------");
    byte[] raw = Files.readAllBytes(dir.resolve("audit.jsonl"));
    for (byte b : raw) {
      assertThat(b & 0xff).as("7-bit ASCII, no control but the line break").isBetween(0x0a, 0x7e);
      assertThat(b == '\n' || b >= 0x20).isTrue();
    }
    List<String> lines = Logs.lines(dir);
    assertThat(lines).hasSize(2);
    assertThat(lines.get(0)).isEqualTo("{\"ts\":\"2026-03-04T05:06:07.089Z\",\"seq\":1,\"event\":\"audit.chain.start\",\"actor\":\"system\","
        + "\"outcome\":\"ok\",\"reason\":\"new-log\",\"version\":1,\"prev\":\"" + "0".repeat(64) + "\"}");
    assertThat(lines.get(1)).isEqualTo("{\"ts\":\"2026-03-04T05:06:07.089Z\",\"seq\":2,\"event\":\"webhook.rejected\",\"actor\":\"webhook\","
        + "\"outcome\":\"denied\",\"cid\":\"cid_abc\",\"trigger\":\"deploy\",\"bytes\":12,\"cost\":0.50,\"signed\":false,\"names\":[\"A\",\"B\"],"
        + "\"note\":\"caf\\u00E9 \\u2028 \\u001B[31m \\u007F \\\"q\\\"\",\"prev\":\"" + Logs.sha256(lines.get(0)) + "\"}");
    JsonNode parsed = JSON.readTree(lines.get(1));
    assertThat(parsed.get("note").asText()).isEqualTo("caf\u00e9 \u2028 \u001b[31m \u007f \"q\"");
  }

  @Test
  void recordReturnsTheLineAsWrittenAndItsAnchor() throws Exception {
    TestClock clock = TestClock.at("2026-01-01T00:00:00Z");
    try (JsonlAuditSink sink = JsonlAuditSink.open(data, options(clock).build())) {
      AuditRecord r = sink.record(AuditEvents.runStart("run-1").build());
      assertThat(r.seq()).isEqualTo(2);
      assertThat(r.event()).isEqualTo("run.start");
      assertThat(r.fields()).containsEntry("run", "run-1");
      assertThat(r.json()).isEqualTo(Logs.lines(sink.directory()).get(1));
      assertThat(r.sha256()).isEqualTo(Logs.sha256(r.json()));
      assertThat(r.prev()).isEqualTo(Logs.sha256(Logs.lines(sink.directory()).get(0)));
      assertThat(AuditLog.at(data).verify(r.anchor()).decision().reason()).isEqualTo("allowed");
    }
  }

  @Test
  void refusesTheLogsOwnNamesBodiesAndOversizedLines() throws Exception {
    try (JsonlAuditSink sink = JsonlAuditSink.open(data, AuditOptions.builder().maxLineBytes(1024).build())) {
      assertThatThrownBy(() -> sink.append(AuditEvent.builder("audit.chain.start").build())).isInstanceOf(IllegalArgumentException.class);
      for (String name : List.of("body", "requestBody", "webhook.payload", "raw_body", "Payloads")) {
        assertThatThrownBy(() -> sink.append(AuditEvent.builder("webhook.accepted").field(name, "{}").build()))
            .as(name).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("body");
      }
      sink.append(AuditEvent.builder("webhook.accepted").field("bodyBytes", 10).field("payload_sha256", "ab").build());
      assertThatThrownBy(() -> sink.append(AuditEvent.builder("run.start").field("a", "x".repeat(2000)).build()))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("line limit");
      assertThat(AuditLog.at(data).tail(10).toList()).hasSize(1);
    }
  }

  @Test
  void redactsRegisteredSecretsWhereverTheyAppearInAValue() throws Exception {
    Secret token = Secret.fromUtf8("hp_S3cr3tT0k3nValue_xyz");
    try (JsonlAuditSink sink = JsonlAuditSink.open(data, AuditOptions.builder().redacting(token).build())) {
      AuditRecord r = sink.record(AuditEvent.builder("auth.login.failure").correlationId("hp_S3cr3tT0k3nValue_xyz")
          .field("header", "Bearer hp_S3cr3tT0k3nValue_xyz").field("plain", "hp_S3cr3tT0k3nValue_xyz")
          .field("list", List.of("ok", "x hp_S3cr3tT0k3nValue_xyz y")).field("near", "hp_S3cr3tT0k3nValue_xy").build());
      assertThat(r.fields()).containsEntry("header", "[redacted]").containsEntry("plain", "[redacted]")
          .containsEntry("list", List.of("ok", "[redacted]")).containsEntry("near", "hp_S3cr3tT0k3nValue_xy");
      assertThat(r.cid()).contains("[redacted]");
      assertThatThrownBy(() -> sink.append(AuditEvent.builder("run.start").field("hp_S3cr3tT0k3nValue_xyz", "v").build()))
          .isInstanceOf(IllegalArgumentException.class).hasMessageNotContaining("S3cr3t");
    }
    String all = String.join("\n", Logs.lines(data.resolve("audit")));
    assertThat(all).doesNotContain("hp_S3cr3tT0k3nValue_xyz").contains("hp_S3cr3tT0k3nValue_xy\"");
    assertThatThrownBy(() -> AuditOptions.builder().redacting(Secret.fromUtf8("short"))).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void rotatesWithoutSplittingOrLosingALineAndDeletesTheOldest() throws Exception {
    TestClock clock = TestClock.at("2026-01-01T00:00:00Z");
    List<String> written = new ArrayList<>();
    try (JsonlAuditSink sink = JsonlAuditSink.open(data, options(clock).maxBytes(1000).maxFiles(3).build())) {
      for (int i = 0; i < 60; i++) {
        written.add(sink.record(AuditEvent.builder("run.start").field("n", i).field("pad", "p".repeat(i % 7 * 20)).build()).json());
      }
    }
    Path dir = data.resolve("audit");
    assertThat(Logs.files(dir)).containsExactly("audit.2.jsonl", "audit.1.jsonl", "audit.jsonl");
    List<String> lines = Logs.lines(dir);
    for (String f : Logs.files(dir)) {
      assertThat(Files.size(dir.resolve(f))).as(f).isLessThanOrEqualTo(1000);
      assertThat(Logs.linesOf(dir.resolve(f)).get(0)).as(f).contains("\"event\":\"audit.file.start\"");
      assertThat(mode(dir.resolve(f))).isEqualTo("rw-------");
    }
    List<String> events = lines.stream().filter(l -> !l.contains("\"event\":\"audit.")).toList();
    assertThat(events).isNotEmpty();
    assertThat(written).endsWith(events.toArray(String[]::new));
    AuditVerification v = AuditLog.at(data).verify();
    assertThat(v.decision().reason()).as(v.toString()).isEqualTo("allowed");
    assertThat(v.files()).isEqualTo(3);
    assertThat(v.first().orElseThrow().seq()).isGreaterThan(1);
  }

  @Test
  void oneFileOnlyRotatesByStartingAfresh() throws Exception {
    try (JsonlAuditSink sink = JsonlAuditSink.open(data, AuditOptions.builder().maxBytes(400).maxFiles(1).build())) {
      for (int i = 0; i < 10; i++) {
        sink.append(AuditEvent.builder("run.start").field("n", i).build());
      }
    }
    assertThat(Logs.files(data.resolve("audit"))).containsExactly("audit.jsonl");
    assertThat(AuditLog.at(data).verify().intact()).isTrue();
    assertThat(AuditLog.at(data).tail(100).toList()).extracting(r -> r.fields().get("n")).last().isEqualTo(9L);
  }

  @Test
  void aLineLargerThanTheRotationSizeGetsAFileOfItsOwn() throws Exception {
    try (JsonlAuditSink sink = JsonlAuditSink.open(data, AuditOptions.builder().maxBytes(100).maxFiles(50).build())) {
      for (int i = 0; i < 5; i++) {
        sink.append(AuditEvent.builder("run.start").field("pad", "x".repeat(300)).build());
      }
    }
    Path dir = data.resolve("audit");
    for (String f : Logs.files(dir)) {
      List<String> l = Logs.linesOf(dir.resolve(f));
      assertThat(l.stream().filter(x -> x.contains("\"run.start\"")).count()).as(f).isLessThanOrEqualTo(1);
    }
    assertThat(AuditLog.at(data).verify().intact()).isTrue();
    assertThat(AuditLog.at(data).tail(10).toList()).hasSize(5);
  }

  @Test
  void aTornFinalLineIsReportedThenRemovedWithAnExplicitRestart() throws Exception {
    try (JsonlAuditSink sink = JsonlAuditSink.open(data, AuditOptions.defaults())) {
      sink.append(AuditEvent.builder("run.start").field("n", 1).build());
    }
    Path live = data.resolve("audit/audit.jsonl");
    String before = Files.readString(live);
    Files.writeString(live, "{\"ts\":\"2026-01-01T00:00:00.000Z\",\"seq\":3,\"ev", StandardOpenOption.APPEND);
    AuditVerification torn = AuditLog.at(data).verify();
    assertThat(torn.decision().allowed()).isTrue();
    assertThat(torn.decision().reason()).isEqualTo("audit.torn-tail");
    assertThat(torn.warnings()).extracting(AuditLineIssue::where).containsExactly("audit.jsonl:3");
    try (AuditRecords r = AuditLog.at(data).query(AuditQuery.all())) {
      assertThat(r.toList()).hasSize(1);
      assertThat(r.issues()).extracting(AuditLineIssue::reason).containsExactly("audit.torn-tail");
    }
    assertThat(AuditLog.at(data).tail(5).issues()).extracting(AuditLineIssue::reason).containsExactly("audit.torn-tail");

    try (JsonlAuditSink sink = JsonlAuditSink.open(data, AuditOptions.defaults())) {
      sink.append(AuditEvent.builder("run.start").field("n", 2).build());
    }
    List<String> lines = Logs.linesOf(live);
    assertThat(Files.readString(live)).startsWith(before);
    assertThat(lines).hasSize(4);
    JsonNode restart = JSON.readTree(lines.get(2));
    assertThat(restart.get("event").asText()).isEqualTo("audit.chain.restart");
    assertThat(restart.get("reason").asText()).isEqualTo("torn-tail");
    assertThat(restart.get("torn_bytes").asLong()).isEqualTo(44);
    assertThat(restart.get("seq").asLong()).isEqualTo(3);
    assertThat(restart.get("prev").asText()).isEqualTo(Logs.sha256(lines.get(1)));
    AuditVerification v = AuditLog.at(data).verify();
    assertThat(v.decision().reason()).as(v.toString()).isEqualTo("allowed");
    assertThat(v.head().orElseThrow().seq()).isEqualTo(4);
  }

  @Test
  void aTornFirstLineOfAFreshFileRestartsFromThePreviousFile() throws Exception {
    try (JsonlAuditSink sink = JsonlAuditSink.open(data, AuditOptions.builder().maxBytes(300).build())) {
      for (int i = 0; i < 4; i++) {
        sink.append(AuditEvent.builder("run.start").field("n", i).build());
      }
    }
    Path dir = data.resolve("audit");
    Files.delete(dir.resolve("audit.jsonl"));
    Files.writeString(dir.resolve("audit.jsonl"), "{\"ts\":\"20");
    Files.setPosixFilePermissions(dir.resolve("audit.jsonl"), PosixFilePermissions.fromString("rw-------"));
    try (JsonlAuditSink sink = JsonlAuditSink.open(data, AuditOptions.builder().maxBytes(300).build())) {
      sink.append(AuditEvent.builder("run.start").field("n", 9).build());
    }
    List<String> live = Logs.linesOf(dir.resolve("audit.jsonl"));
    assertThat(live.get(0)).contains("\"event\":\"audit.chain.restart\"").contains("\"torn_bytes\":9");
    assertThat(AuditLog.at(data).verify().decision().reason()).isEqualTo("allowed");
  }

  @Test
  void aMalformedLastLineIsReportedAndTheLogCarriesOn() throws Exception {
    try (JsonlAuditSink sink = JsonlAuditSink.open(data, AuditOptions.defaults())) {
      sink.append(AuditEvent.builder("run.start").build());
    }
    Files.writeString(data.resolve("audit/audit.jsonl"), "not json\n", StandardOpenOption.APPEND);
    try (JsonlAuditSink sink = JsonlAuditSink.open(data, AuditOptions.defaults())) {
      AuditRecord r = sink.record(AuditEvent.builder("run.start").build());
      assertThat(r.seq()).isEqualTo(4);
    }
    List<String> lines = Logs.linesOf(data.resolve("audit/audit.jsonl"));
    assertThat(lines.get(3)).contains("\"reason\":\"malformed-tail\"").contains("\"seq\":3");
    AuditVerification v = AuditLog.at(data).verify();
    assertThat(v.decision().reason()).isEqualTo("audit.malformed-line");
    assertThat(v.problem().orElseThrow().where()).isEqualTo("audit.jsonl:3");
  }

  @Test
  void twoSinksOnOneDirectoryKeepOneChain() throws Exception {
    try (JsonlAuditSink a = JsonlAuditSink.open(data, AuditOptions.builder().maxBytes(2000).build());
        JsonlAuditSink b = JsonlAuditSink.open(data, AuditOptions.builder().maxBytes(2000).build())) {
      for (int i = 0; i < 100; i++) {
        (i % 3 == 0 ? a : b).append(AuditEvent.builder("run.start").field("n", i).build());
      }
    }
    AuditVerification v = AuditLog.at(data).verify();
    assertThat(v.decision().reason()).as(v.toString()).isEqualTo("allowed");
    List<Long> ns = new ArrayList<>();
    try (AuditRecords r = AuditLog.at(data).query(AuditQuery.all())) {
      r.forEach(x -> ns.add((Long) x.fields().get("n")));
    }
    assertThat(ns).hasSize(100);
    for (int i = 0; i < 100; i++) {
      assertThat(ns.get(i)).isEqualTo(i);
    }
  }

  @Test
  void concurrentAppendsAreAllRecordedOnceAndWhole() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try (JsonlAuditSink sink = JsonlAuditSink.open(data, AuditOptions.builder().maxBytes(4096).maxFiles(1000)
        .durability(AuditDurability.fsyncPerEvent()).build())) {
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        int thread = t;
        futures.add(pool.submit(() -> {
          for (int i = 0; i < 100; i++) {
            sink.append(AuditEvent.builder("run.start").field("id", thread + "-" + i).build());
          }
        }));
      }
      for (Future<?> f : futures) {
        f.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    Set<Object> ids = new HashSet<>();
    for (String line : Logs.lines(data.resolve("audit"))) {
      JsonNode n = JSON.readTree(line);
      if (n.has("id")) {
        assertThat(ids.add(n.get("id").asText())).isTrue();
      }
    }
    assertThat(ids).hasSize(400);
    assertThat(AuditLog.at(data).verify().decision().reason()).isEqualTo("allowed");
  }

  @Test
  void fsyncEveryWaitsForTheIntervalOnTheInjectedClock() throws Exception {
    TestClock clock = TestClock.at("2026-01-01T00:00:00Z");
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try (JsonlAuditSink sink = JsonlAuditSink.open(data, options(clock).durability(AuditDurability.fsyncEvery(Duration.ofSeconds(5))).build())) {
      sink.append(AuditEvent.builder("run.start").field("n", 1).build()); // the first flush is due at once
      CompletableFuture<Void> second = CompletableFuture.runAsync(() -> sink.append(AuditEvent.builder("run.start").field("n", 2).build()), pool);
      Path live = sink.directory().resolve("audit.jsonl");
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (Logs.linesOf(live).size() < 3) {
        assertThat(System.nanoTime()).as("the second line was written").isLessThan(deadline);
        Thread.onSpinWait();
      }
      assertThat(second).as("written, but not acknowledged before the interval has passed").isNotDone();
      clock.advance(Duration.ofSeconds(5));
      second.get(30, TimeUnit.SECONDS);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aClosedSinkRefusesAppends() throws Exception {
    JsonlAuditSink sink = JsonlAuditSink.open(data, AuditOptions.defaults());
    sink.close();
    sink.close();
    assertThatThrownBy(() -> sink.append(AuditEvent.builder("run.start").build())).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void refusesADirectoryOrFileOthersCanRead() throws Exception {
    Path dir = Files.createDirectories(data.resolve("audit"));
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-x---"));
    assertThatThrownBy(() -> JsonlAuditSink.open(data, AuditOptions.defaults()))
        .isInstanceOf(PolicyViolationException.class).hasMessageContaining("fs.permissions-too-open");
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
    Files.writeString(dir.resolve("audit.jsonl"), "");
    Files.setPosixFilePermissions(dir.resolve("audit.jsonl"), PosixFilePermissions.fromString("rw-r--r--"));
    assertThatThrownBy(() -> JsonlAuditSink.open(data, AuditOptions.defaults()))
        .isInstanceOf(PolicyViolationException.class).hasMessageContaining("audit.jsonl");
  }

  @Test
  void optionsValidate() {
    assertThatThrownBy(() -> AuditOptions.builder().maxBytes(0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> AuditOptions.builder().maxFiles(0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> AuditOptions.builder().maxFiles(1001)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> AuditDurability.fsyncEvery(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    assertThat(AuditOptions.defaults().toString()).contains("maxBytes=10485760").contains("maxFiles=10").contains("flush");
    assertThat(AuditDurability.fsyncEvery(Duration.ofMillis(200)).describe()).isEqualTo("fsync-every-PT0.2S");
  }
}
