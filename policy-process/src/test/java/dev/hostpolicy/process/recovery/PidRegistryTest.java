package dev.hostpolicy.process.recovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hostpolicy.core.fs.SecureFiles;
import dev.hostpolicy.testkit.fake.FakeTimeSource;
import dev.hostpolicy.testkit.fake.InMemoryAuditSink;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PidRegistryTest {
  @TempDir
  Path tmp;

  @Test
  void anInstanceHoldsAPrivateLockFileAndAcleanCloseLeavesNothing() throws IOException {
    Path data = tmp.resolve("data");
    PidRegistry r = PidRegistry.open(data, InMemoryAuditSink.create());
    assertThat(r.instanceId()).matches("inst_[0-9a-f]{20}");
    for (String d : List.of("pids", "active-runs", "instances")) {
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data.resolve(d)))).isEqualTo("rwx------");
    }
    assertThat(names(data.resolve("instances"))).containsExactly(r.instanceId() + ".lock");
    ActiveRun marker = r.beginRun("run_one");
    r.beginRun("run_two");
    assertThat(names(data.resolve("active-runs"))).containsExactly(r.instanceId() + ".run_one.json", r.instanceId() + ".run_two.json");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(marker.file()))).isEqualTo("rw-------");
    marker.close();
    assertThat(names(data.resolve("active-runs"))).containsExactly(r.instanceId() + ".run_two.json");
    r.close();
    for (String d : List.of("pids", "active-runs", "instances")) {
      assertThat(names(data.resolve(d))).as(d).isEmpty();
    }
    assertThatThrownBy(() -> r.beginRun("run_three")).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void aLiveInstanceOfThisJvmIsNeverRecovered() throws IOException {
    Path data = tmp.resolve("data");
    InMemoryAuditSink audit = InMemoryAuditSink.create();
    try (PidRegistry live = PidRegistry.open(data, audit); PidRegistry other = PidRegistry.open(data, audit)) {
      live.beginRun("run_live");
      List<InterruptedRun> handed = new ArrayList<>();
      assertThat(other.recover(handed::add).nothingToRecover()).isTrue();
      assertThat(handed).isEmpty();
      assertThat(names(data.resolve("active-runs"))).containsExactly(live.instanceId() + ".run_live.json");
      assertThat(names(data.resolve("instances"))).hasSize(2);
    }
  }

  @Test
  void markersOfADeadInstanceAreHandedOverAuditedAndRemoved() throws IOException {
    Path data = tmp.resolve("data");
    InMemoryAuditSink audit = InMemoryAuditSink.create();
    FakeTimeSource time = FakeTimeSource.create();
    try (PidRegistry first = PidRegistry.open(data, audit, time)) {
      // a dead instance: a marker and no lock file (its process is gone)
      SecureFiles.writeAtomically(data.resolve("active-runs/inst_gone.run_lost.json"),
          "{\"run\":\"run_lost\",\"instance\":\"inst_gone\",\"startedAt\":\"2026-01-01T00:00:00Z\"}".getBytes(StandardCharsets.UTF_8));
      List<InterruptedRun> handed = new ArrayList<>();
      RecoveryReport report = first.recover(handed::add);
      assertThat(report.deadInstances()).containsExactly("inst_gone");
      assertThat(handed).containsExactly(new InterruptedRun("run_lost", "inst_gone", java.time.Instant.parse("2026-01-01T00:00:00Z")));
      assertThat(audit.events("run.reconciled")).singleElement().satisfies(e -> {
        assertThat(e.fields()).containsEntry("run", "run_lost").containsEntry("state", "interrupted").containsEntry("instance", "inst_gone");
      });
      assertThat(names(data.resolve("active-runs"))).isEmpty();
    }
  }

  @Test
  void aHostThatCannotRecordTheRunKeepsTheMarkerForTheNextStart() throws IOException {
    Path data = tmp.resolve("data");
    SecureFiles.createPrivateDirectories(data.resolve("active-runs"));
    SecureFiles.writeAtomically(data.resolve("active-runs/inst_gone.run_lost.json"),
        "{\"run\":\"run_lost\",\"instance\":\"inst_gone\",\"startedAt\":\"2026-01-01T00:00:00Z\"}".getBytes(StandardCharsets.UTF_8));
    try (PidRegistry r = PidRegistry.open(data, InMemoryAuditSink.create())) {
      assertThatThrownBy(() -> r.recover(run -> {
        throw new IllegalStateException("database down");
      })).hasMessage("database down");
      assertThat(names(data.resolve("active-runs"))).containsExactly("inst_gone.run_lost.json");
      List<InterruptedRun> handed = new ArrayList<>();
      r.recover(handed::add);
      assertThat(handed).extracting(InterruptedRun::runId).containsExactly("run_lost");
    }
  }

  @Test
  void anUnreadableRecordKillsNothingAndStaysForAPerson() throws IOException {
    Path data = tmp.resolve("data");
    try (PidRegistry r = PidRegistry.open(data, InMemoryAuditSink.create())) {
      SecureFiles.writeAtomically(data.resolve("pids/inst_gone.12345.json"), "{\"pid\":\"one\"".getBytes(StandardCharsets.UTF_8));
      RecoveryReport report = r.recover(run -> { });
      assertThat(report.reaped()).isEmpty();
      assertThat(names(data.resolve("pids"))).containsExactly("inst_gone.12345.json");
    }
  }

  @Test
  void namesThatCouldEscapeTheDirectoryAreRefused() throws IOException {
    try (PidRegistry r = PidRegistry.open(tmp.resolve("data"), InMemoryAuditSink.create())) {
      for (String bad : List.of("../x", "", "a.b", "a/b", "x".repeat(129), "run\n")) {
        assertThatThrownBy(() -> r.beginRun(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
      }
    }
  }

  @Test
  void aForgedRecordCannotAimRecoveryAtAnotherProcessGroup() throws Exception {
    Path data = tmp.resolve("data");
    // the victim leads its own process group, as a shell session or another host's child would
    Process victim = new ProcessBuilder("setsid", "sleep", "120").start();
    try (PidRegistry r = PidRegistry.open(data, InMemoryAuditSink.create())) {
      long victimPid = victim.pid();
      java.time.Instant victimStart = victim.info().startInstant().orElseThrow();
      long gonePid = unusedPid();
      // a dead pid whose record names the victim's group
      write(data.resolve("pids/inst_gone." + gonePid + ".json"), "{\"pid\":" + gonePid + ",\"startTime\":\"2020-01-01T00:00:00Z\","
          + "\"pgid\":" + victimPid + ",\"instance\":\"inst_gone\",\"run\":\"r1\"}");
      // the victim's own pid and start time, filed under another pid's name
      write(data.resolve("pids/inst_gone.77.json"), "{\"pid\":" + victimPid + ",\"startTime\":\"" + victimStart + "\","
          + "\"pgid\":" + victimPid + ",\"instance\":\"inst_gone\",\"run\":\"r2\"}");
      // the victim's record, claiming to belong to another instance
      write(data.resolve("pids/inst_other." + victimPid + ".json"), "{\"pid\":" + victimPid + ",\"startTime\":\"" + victimStart + "\","
          + "\"pgid\":" + victimPid + ",\"instance\":\"inst_gone\",\"run\":\"r3\"}");
      RecoveryReport report = r.recover(run -> { });
      assertThat(report.reaped()).isEmpty();
      assertThat(victim.isAlive()).as("the victim's group was not signalled").isTrue();
      assertThat(names(data.resolve("pids"))).hasSize(3);   // left in place for a person to look at
    } finally {
      victim.destroyForcibly();
    }
  }

  @Test
  void aFifoAmongTheRecordsDoesNotBlockRecovery() throws Exception {
    Path data = tmp.resolve("data");
    try (PidRegistry r = PidRegistry.open(data, InMemoryAuditSink.create())) {
      Path fifo = data.resolve("pids/inst_gone.4242.json");
      assertThat(new ProcessBuilder("mkfifo", "-m", "600", fifo.toString()).start().waitFor()).isZero();
      java.util.concurrent.CompletableFuture<RecoveryReport> done = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
        try {
          return r.recover(run -> { });
        } catch (IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      });
      // a bound, not a timing threshold: opening the FIFO would block forever
      assertThat(done.get(60, java.util.concurrent.TimeUnit.SECONDS).reaped()).isEmpty();
      assertThat(Files.exists(fifo, java.nio.file.LinkOption.NOFOLLOW_LINKS)).isTrue();
    }
  }

  @Test
  void aRegistryDirectoryOthersCanWriteIsRefused() throws IOException {
    Path data = Files.createDirectories(tmp.resolve("shared"));
    Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwxrwxrwx"));
    assertThatThrownBy(() -> PidRegistry.open(data, InMemoryAuditSink.create()))
        .isInstanceOf(dev.hostpolicy.api.PolicyViolationException.class)
        .hasMessageContaining("fs.permissions-too-open");
    Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwx------"));
    Path pids = Files.createDirectories(data.resolve("pids"));
    Files.setPosixFilePermissions(pids, PosixFilePermissions.fromString("rwxrwx---"));
    assertThatThrownBy(() -> PidRegistry.open(data, InMemoryAuditSink.create()))
        .isInstanceOf(dev.hostpolicy.api.PolicyViolationException.class)
        .hasMessageContaining("pids");
  }

  private static void write(Path file, String json) throws IOException {
    SecureFiles.writeAtomically(file, json.getBytes(StandardCharsets.UTF_8));
  }

  /** A pid no process has now (searched downwards from a high one). */
  private static long unusedPid() {
    for (long pid = 4_000_000; pid > 100_000; pid -= 7) {
      if (ProcessHandle.of(pid).isEmpty()) {
        return pid;
      }
    }
    throw new IllegalStateException("no unused pid found");
  }

  private static List<String> names(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }
}
