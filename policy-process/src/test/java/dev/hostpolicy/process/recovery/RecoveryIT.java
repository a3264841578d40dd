package dev.hostpolicy.process.recovery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hostpolicy.core.fs.SecureFiles;
import dev.hostpolicy.testkit.fake.InMemoryAuditSink;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crash recovery with real processes: host JVMs in subprocesses, SIGKILL, a child with a grandchild
 * in its process group, a second live instance sharing the data directory, and pids whose start
 * time does not match the record (a reused pid). Liveness is checked with {@link ProcessHandle} and
 * {@code /proc} (a zombie counts as dead).
 */
class RecoveryIT {
  private static final Duration BOUND = Duration.ofSeconds(20);
  private final List<Process> started = new ArrayList<>();
  private final List<Long> strays = new ArrayList<>();

  @TempDir
  Path tmp;

  @AfterEach
  void cleanUp() {
    for (Process p : started) {
      p.destroyForcibly();
    }
    for (long pid : strays) {
      ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
    }
  }

  /** A host JVM with its lines on a queue. */
  final class Host {
    final Process process;
    final Map<String, String> said = new ConcurrentHashMap<>();
    final LinkedBlockingQueue<String> lines = new LinkedBlockingQueue<>();

    Host(Path dataDir) throws IOException {
      Path ws = Files.createDirectories(tmp.resolve("ws"));
      process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx96m",
          "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"), RecoveryHost.class.getName(),
          dataDir.toString(), ws.toString())
          .redirectError(ProcessBuilder.Redirect.INHERIT)
          .start();
      started.add(process);
      Thread reader = new Thread(() -> {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
          for (String line = r.readLine(); line != null; line = r.readLine()) {
            int sp = line.indexOf(' ');
            if (sp > 0) {
              said.put(line.substring(0, sp), line.substring(sp + 1));
            }
            lines.add(line);
          }
        } catch (IOException e) {
          // killed
        }
      });
      reader.setDaemon(true);
      reader.start();
    }

    Host ready() throws InterruptedException {
      long deadline = System.nanoTime() + BOUND.toNanos();
      while (!(said.containsKey("grandchild") && said.containsKey("instance"))) {
        String line = lines.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
        assertThat(line).as("the host did not get ready").isNotNull();
      }
      strays.add(child());
      strays.add(grandchild());
      return this;
    }

    long child() {
      return Long.parseLong(said.get("child"));
    }

    long grandchild() {
      return Long.parseLong(said.get("grandchild"));
    }

    String run() {
      return said.get("run");
    }

    void stop() throws Exception {
      OutputStream in = process.getOutputStream();
      in.write("stop\n".getBytes(StandardCharsets.UTF_8));
      in.flush();
      assertThat(process.waitFor(BOUND.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
      assertThat(process.exitValue()).isZero();
    }
  }

  @Test
  void aKilledHostsChildAndGrandchildAreReapedAndItsRunReportedWhileALiveInstanceKeepsItsChildren() throws Exception {
    Path dataDir = tmp.resolve("data");
    Host dead = new Host(dataDir).ready();
    Host live = new Host(dataDir).ready();
    assertThat(dead.child()).isNotEqualTo(live.child());
    for (long pid : List.of(dead.child(), dead.grandchild(), live.child(), live.grandchild())) {
      assertThat(Processes.alive(pid)).as("pid %d runs", pid).isTrue();
    }
    // the grandchild is in the child's process group (the child leads its own)
    assertThat(ProcessHandle.of(dead.grandchild()).flatMap(h -> h.parent()).map(ProcessHandle::pid)).contains(dead.child());

    dead.process.destroyForcibly(); // SIGKILL: no shutdown hook, no clean-up
    assertThat(dead.process.waitFor(BOUND.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
    assertThat(Processes.alive(dead.child())).as("the crash left the child behind").isTrue();
    assertThat(Processes.alive(dead.grandchild())).as("and the grandchild").isTrue();

    InMemoryAuditSink audit = InMemoryAuditSink.create();
    List<InterruptedRun> interrupted = new ArrayList<>();
    try (PidRegistry next = PidRegistry.open(dataDir, audit)) {
      RecoveryReport report = next.recover(interrupted::add);

      assertThat(report.deadInstances()).containsExactly(dead.said.get("instance"));
      assertThat(interrupted).extracting(InterruptedRun::runId).containsExactly(dead.run());
      assertThat(report.reaped()).extracting(PidRecord::pid).containsExactly(dead.child());
      assertThat(report.spared()).isEmpty();
      assertThat(Processes.await(() -> !Processes.alive(dead.child()) && !Processes.alive(dead.grandchild()), BOUND))
          .as("child and grandchild reaped").isTrue();
      assertThat(audit.events()).anySatisfy(e -> {
        assertThat(e.event()).isEqualTo("run.reconciled");
        assertThat(e.fields()).containsEntry("run", dead.run()).containsEntry("state", "interrupted");
      });
      // the live instance: untouched
      assertThat(Processes.alive(live.child())).isTrue();
      assertThat(Processes.alive(live.grandchild())).isTrue();
      assertThat(live.process.isAlive()).isTrue();
      assertThat(names(dataDir.resolve("pids"))).containsExactly(live.said.get("instance") + "." + live.child() + ".json");
      assertThat(names(dataDir.resolve("active-runs"))).containsExactly(live.said.get("instance") + "." + live.run() + ".json");
      // a second recovery finds nothing more
      assertThat(next.recover(interrupted::add).nothingToRecover()).isTrue();

      // a clean shutdown reaps its children and leaves nothing to recover
      live.stop();
      assertThat(Processes.await(() -> !Processes.alive(live.child()) && !Processes.alive(live.grandchild()), BOUND)).isTrue();
      assertThat(names(dataDir.resolve("pids"))).isEmpty();
      assertThat(names(dataDir.resolve("active-runs"))).isEmpty();
      assertThat(names(dataDir.resolve("instances"))).containsExactly(next.instanceId() + ".lock");
      assertThat(next.recover(interrupted::add).nothingToRecover()).isTrue();
    }
    assertThat(names(dataDir.resolve("instances"))).isEmpty();
    assertThat(interrupted).hasSize(1);
  }

  @Test
  void aPidWhoseStartTimeDoesNotMatchIsNeverKilled() throws Exception {
    Path dataDir = tmp.resolve("data");
    Path setsid = Stream.of("/usr/bin/setsid", "/bin/setsid").map(Path::of).filter(Files::isExecutable).findFirst().orElseThrow();
    Process unrelated = new ProcessBuilder(setsid.toString(), "sleep", "600").start();
    Process ours = new ProcessBuilder(setsid.toString(), "sleep", "600").start();
    started.add(unrelated);
    started.add(ours);
    Instant unrelatedStart = ProcessHandle.of(unrelated.pid()).orElseThrow().info().startInstant().orElseThrow();
    Instant oursStart = ProcessHandle.of(ours.pid()).orElseThrow().info().startInstant().orElseThrow();
    SecureFiles.createPrivateDirectories(dataDir);   // a registry refuses a directory others can write
    try (PidRegistry first = PidRegistry.open(dataDir, InMemoryAuditSink.create())) {
      // records of an instance that died without a lock file left: one names a pid that has since
      // been reused (the start time differs), one the process that was really started
      record(dataDir, "inst_dead", unrelated.pid(), unrelatedStart.minusSeconds(3), "run_reused");
      record(dataDir, "inst_dead", ours.pid(), oursStart, "run_real");
    }
    List<InterruptedRun> interrupted = new ArrayList<>();
    try (PidRegistry next = PidRegistry.open(dataDir, InMemoryAuditSink.create())) {
      RecoveryReport report = next.recover(interrupted::add);
      assertThat(report.spared()).extracting(PidRecord::pid).containsExactly(unrelated.pid());
      assertThat(report.reaped()).extracting(PidRecord::pid).containsExactly(ours.pid());
      assertThat(ours.waitFor(BOUND.toMillis(), TimeUnit.MILLISECONDS)).as("the matching process was killed").isTrue();
      assertThat(Processes.alive(unrelated.pid())).as("the reused pid's process lives on").isTrue();
      assertThat(interrupted).extracting(InterruptedRun::runId).containsExactly("run_real");
      assertThat(names(dataDir.resolve("pids"))).isEmpty();
    }
    assertThat(Processes.alive(unrelated.pid())).isTrue();
  }

  private static void record(Path dataDir, String instance, long pid, Instant start, String run) throws IOException {
    String json = "{\"pid\":" + pid + ",\"startTime\":\"" + start + "\",\"pgid\":" + pid + ",\"instance\":\"" + instance
        + "\",\"run\":\"" + run + "\"}";
    SecureFiles.writeAtomically(dataDir.resolve("pids").resolve(instance + "." + pid + ".json"), json.getBytes(StandardCharsets.UTF_8));
  }

  private static List<String> names(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }
}
