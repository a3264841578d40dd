package dev.hostpolicy.core.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hostpolicy.api.Decision;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two JVMs append to one audit directory at the same time, three threads each, with rotation every
 * ~3 KiB: no line is lost, none is interleaved with another (every line parses), {@code seq} and
 * {@code prev} form one chain across both processes and every rotation, and the two processes' lines
 * really are mixed.
 */
class AuditTwoProcessIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int COUNT = 300;
  private static final int THREADS = 3;

  @Test
  void twoProcessesWithRotationKeepEveryLineWholeAndOneChain(@TempDir Path data) throws Exception {
    List<Process> children = new ArrayList<>();
    List<BlockingQueue<String>> outputs = new ArrayList<>();
    for (String name : List.of("p1", "p2")) {
      Process p = new ProcessBuilder(AuditCrashIT.java(), "-Xmx128m", "-cp", AuditCrashIT.classPath(), AuditChild.class.getName(),
              "burst", data.toString(), name, Integer.toString(COUNT), Integer.toString(THREADS), "3000", "1000")
          .redirectError(ProcessBuilder.Redirect.INHERIT)
          .start();
      children.add(p);
      outputs.add(AuditCrashIT.lines(p));
    }
    for (BlockingQueue<String> out : outputs) {
      assertThat(out.poll(60, TimeUnit.SECONDS)).isEqualTo("ready");
    }
    for (Process p : children) {
      OutputStream in = p.getOutputStream();
      in.write("go\n".getBytes(StandardCharsets.US_ASCII));
      in.flush();
    }
    for (int i = 0; i < 2; i++) {
      assertThat(outputs.get(i).poll(120, TimeUnit.SECONDS)).isEqualTo("done");
      assertThat(children.get(i).waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(children.get(i).exitValue()).isZero();
    }

    Path dir = data.resolve("audit");
    Set<String> ids = new HashSet<>();
    int switches = 0;
    String lastProcess = "";
    for (String line : Logs.lines(dir)) {
      JsonNode n = JSON.readTree(line); // a torn or interleaved line would not parse
      assertThat(n.isObject()).isTrue();
      if (n.has("id")) {
        assertThat(ids.add(n.get("id").asText())).as("id %s once", n.get("id").asText()).isTrue();
        String process = n.get("process").asText();
        if (!process.equals(lastProcess)) {
          switches++;
          lastProcess = process;
        }
      }
    }
    assertThat(ids).hasSize(2 * THREADS * COUNT);
    for (String p : List.of("p1", "p2")) {
      for (int t = 0; t < THREADS; t++) {
        for (int n = 0; n < COUNT; n++) {
          assertThat(ids).contains(p + "-t" + t + "-" + n);
        }
      }
    }
    assertThat(switches).as("the two processes' lines are mixed").isGreaterThan(10);
    assertThat(Logs.files(dir).size()).as("rotated many times").isGreaterThan(20);
    AuditVerification v = AuditLog.at(data).verify();
    assertThat(v.decision().reason()).as(v.toString()).isEqualTo(Decision.ALLOWED);
    assertThat(v.first().orElseThrow().seq()).isEqualTo(1);
    assertThat(v.records()).isEqualTo(v.head().orElseThrow().seq());
    System.out.printf("two processes: %d events, %d files, %d switches between processes, %d records in one chain%n",
        ids.size(), Logs.files(dir).size(), switches, v.records());
  }

  /**
   * This JVM appends without pause (so it would keep its lease on the lock forever) while another
   * process appends 100 events: the other process asks for the lock through the shared page and gets
   * it every time, well within the lock timeout; an idle lease is given up too.
   */
  @Test
  void aBusyWriterHandsTheLockOverToAnotherProcess(@TempDir Path data) throws Exception {
    try (JsonlAuditSink sink = JsonlAuditSink.open(data, AuditOptions.builder().maxBytes(1_000_000).build())) {
      sink.append(dev.hostpolicy.api.spi.AuditEvent.builder("run.start").field("process", "parent").build());
      // the lease is now idle: a child must get in without this JVM doing anything
      Process idle = new ProcessBuilder(AuditCrashIT.java(), "-Xmx128m", "-cp", AuditCrashIT.classPath(), AuditChild.class.getName(),
              "burst", data.toString(), "idle", "5", "1", "1000000", "10")
          .redirectError(ProcessBuilder.Redirect.INHERIT).start();
      BlockingQueue<String> idleOut = AuditCrashIT.lines(idle);
      assertThat(idleOut.poll(60, TimeUnit.SECONDS)).isEqualTo("ready");
      idle.getOutputStream().write("go\n".getBytes(StandardCharsets.US_ASCII));
      idle.getOutputStream().flush();
      assertThat(idleOut.poll(60, TimeUnit.SECONDS)).isEqualTo("done");

      Process child = new ProcessBuilder(AuditCrashIT.java(), "-Xmx128m", "-cp", AuditCrashIT.classPath(), AuditChild.class.getName(),
              "burst", data.toString(), "child", "100", "1", "1000000", "10")
          .redirectError(ProcessBuilder.Redirect.INHERIT).start();
      BlockingQueue<String> out = AuditCrashIT.lines(child);
      assertThat(out.poll(60, TimeUnit.SECONDS)).isEqualTo("ready");
      child.getOutputStream().write("go\n".getBytes(StandardCharsets.US_ASCII));
      child.getOutputStream().flush();
      long parentEvents = 0;
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (out.peek() == null) {
        assertThat(System.nanoTime()).as("the child finished while this JVM kept appending").isLessThan(deadline);
        sink.append(dev.hostpolicy.api.spi.AuditEvent.builder("run.start").field("process", "parent").field("n", parentEvents++).build());
      }
      assertThat(out.poll()).isEqualTo("done");
      assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(child.exitValue()).isZero();
      System.out.printf("lease hand-over: the child appended 100 events while this JVM appended %d%n", parentEvents);
    }
    AuditVerification v = AuditLog.at(data).verify();
    assertThat(v.decision().reason()).isEqualTo(Decision.ALLOWED);
    long child;
    try (AuditRecords r = AuditLog.at(data).query(AuditQuery.all())) {
      child = r.stream().filter(x -> "child".equals(x.fields().get("process"))).count();
    }
    assertThat(child).isEqualTo(100);
  }
}
