package dev.hostpolicy.core.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hostpolicy.api.Decision;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The crash test: a child JVM appends from 4 threads with fsync per event and rotation every ~4 KiB,
 * and is killed with SIGKILL at a random moment — after a random number of acknowledged appends plus
 * a random spin of up to 3 ms, so kills land before, during and after writes, flushes and rotations.
 * Every sixth round the child instead tears a line (half a line written under the lock, as a write cut
 * short leaves it) and is killed holding the lock. 24 rounds on one log. After every kill:
 *
 * <ul>
 *   <li>every complete line parses as a record, and only the very last line of the log may be
 *       incomplete;
 *   <li>no event id appears twice in the whole log;
 *   <li>every id the child acknowledged (written to a side file after {@code append} returned) is in
 *       the log;
 *   <li>{@code verify} allows: plainly, or with {@code audit.torn-tail} when the last line is torn — and
 *       the next round's child removes the torn line with an {@code audit.chain.restart} record.
 * </ul>
 */
class AuditCrashIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int ROUNDS = 24;

  @TempDir Path tmp;

  @Test
  void sigkillAtRandomMomentsNeverLosesAnAcknowledgedLine() throws Exception {
    long seed = System.nanoTime();
    Random random = new Random(seed);
    Path data = tmp.resolve("data");
    Path dir = data.resolve("audit");
    Set<String> everAcked = new HashSet<>();
    int tornRounds = 0;
    int tornSeen = 0;
    long maxAcked = 0;
    for (int round = 0; round < ROUNDS; round++) {
      boolean tear = round % 6 == 5;
      long killAfter = random.nextInt(250);
      long tornAfter = tear ? 1 + random.nextInt(60) : 0;
      Path acks = tmp.resolve("acks-" + round);
      Process child = new ProcessBuilder(java(), "-Xmx128m", "-XX:TieredStopAtLevel=1", "-cp", classPath(), AuditChild.class.getName(),
              "append", data.toString(), Integer.toString(round), acks.toString(), "4", "4096", "1000", "fsync", Long.toString(tornAfter))
          .redirectError(ProcessBuilder.Redirect.INHERIT)
          .start();
      BlockingQueue<String> lines = lines(child);
      String context = "round " + round + " (seed " + seed + ")";
      while (true) {
        String line = lines.poll(60, TimeUnit.SECONDS);
        assertThat(line).as("child progress, %s", context).isNotNull().isNotEqualTo("EOF").doesNotStartWith("error");
        if (tear) {
          if (line.equals("torn")) {
            break;
          }
        } else if (line.equals("ready") ? killAfter == 0 : line.startsWith("acked ") && Long.parseLong(line.substring(6)) >= killAfter) {
          break;
        }
      }
      long spinUntil = System.nanoTime() + random.nextInt(3_000_000);
      while (System.nanoTime() < spinUntil) {
        Thread.onSpinWait();
      }
      child.destroyForcibly(); // SIGKILL
      assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(child.exitValue()).as("killed by SIGKILL, %s", context).isEqualTo(137);

      // every complete line is a record; only the log's last line may be incomplete
      List<String> files = Logs.files(dir);
      Set<String> ids = new HashSet<>();
      boolean tornTail = false;
      for (int f = 0; f < files.size(); f++) {
        String text = Files.readString(dir.resolve(files.get(f)), StandardCharsets.US_ASCII);
        List<String> fileLines = Logs.linesOf(dir.resolve(files.get(f)));
        for (int i = 0; i < fileLines.size(); i++) {
          boolean last = f == files.size() - 1 && i == fileLines.size() - 1;
          if (last && !text.endsWith("\n")) {
            tornTail = true;
            continue;
          }
          JsonNode n = JSON.readTree(fileLines.get(i));
          assertThat(n.get("seq").isIntegralNumber()).as("%s %s:%d", context, files.get(f), i + 1).isTrue();
          assertThat(n.get("prev").asText()).hasSize(64);
          if (n.has("id")) {
            assertThat(ids.add(n.get("id").asText())).as("%s: id %s twice", context, n.get("id").asText()).isTrue();
          }
        }
      }
      if (tear) {
        tornRounds++;
        assertThat(tornTail).as("%s: the torn line is the last one", context).isTrue();
      }
      if (tornTail) {
        tornSeen++;
      }
      // every acknowledged event is present
      List<String> acked = complete(acks);
      everAcked.addAll(acked);
      maxAcked = Math.max(maxAcked, acked.size());
      for (String id : everAcked) {
        assertThat(ids).as("%s: acknowledged %s is in the log", context, id).contains(id);
      }
      assertThat(acked.size()).as("%s: the child got as far as the kill point", context).isGreaterThanOrEqualTo(tear ? (int) tornAfter : (int) killAfter);
      // verify passes, reporting a torn tail honestly
      AuditVerification v = AuditLog.at(data).verify();
      assertThat(v.decision().allowed()).as("%s: %s", context, v).isTrue();
      assertThat(v.decision().reason()).as(context).isEqualTo(tornTail ? "audit.torn-tail" : Decision.ALLOWED);
    }
    // one more writer repairs whatever the last kill left and the whole log verifies plainly
    try (JsonlAuditSink sink = JsonlAuditSink.open(data, AuditOptions.builder().maxBytes(4096).maxFiles(1000).build())) {
      sink.append(dev.hostpolicy.api.spi.AuditEvent.builder("run.settle").build());
    }
    AuditVerification end = AuditLog.at(data).verify();
    assertThat(end.decision().reason()).as(end.toString()).isEqualTo(Decision.ALLOWED);
    long restarts;
    try (AuditRecords r = AuditLog.at(data).query(AuditQuery.builder().event("audit.chain.restart").build())) {
      restarts = r.stream().filter(x -> "torn-tail".equals(x.fields().get("reason"))).count();
    }
    assertThat(restarts).as("every torn line was replaced by a restart record").isGreaterThanOrEqualTo(tornRounds);
    System.out.printf("audit crash test (seed %d): %d rounds, %d acknowledged events all present, %d files, %d torn tails "
        + "(%d deliberate), %d restart records, %d records%n", seed, ROUNDS, everAcked.size(), Logs.files(dir).size(), tornSeen,
        tornRounds, restarts, end.records());
  }

  /** The complete lines of the ack file (the child may have been killed mid-line). */
  private static List<String> complete(Path acks) throws IOException {
    List<String> out = new ArrayList<>();
    if (!Files.exists(acks)) {
      return out;
    }
    String text = Files.readString(acks, StandardCharsets.US_ASCII);
    int start = 0;
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) == '\n') {
        out.add(text.substring(start, i));
        start = i + 1;
      }
    }
    return out;
  }

  static BlockingQueue<String> lines(Process child) {
    BlockingQueue<String> queue = new LinkedBlockingQueue<>();
    Thread reader = new Thread(() -> {
      try (BufferedReader r = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line; (line = r.readLine()) != null; ) {
          queue.add(line);
        }
      } catch (IOException e) {
        // the child was killed
      }
      queue.add("EOF");
    });
    reader.setDaemon(true);
    reader.start();
    return queue;
  }

  static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  static String classPath() throws Exception {
    List<String> entries = new ArrayList<>();
    for (Class<?> c : List.of(JsonlAuditSink.class, Decision.class, AuditChild.class, JsonFactory.class)) {
      entries.add(Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString());
    }
    return String.join(java.io.File.pathSeparator, entries);
  }
}
