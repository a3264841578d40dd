package dev.hostpolicy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code hostpolicy audit} as a black box: the shaded jar as real processes, several of them appending
 * at once with a tiny rotation size as a shell-scripted host would, then tail, query and verify —
 * intact, torn and tampered — with their exit codes.
 */
class AuditCliIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static List<String> jar(String... args) {
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
        Path.of("target/hostpolicy.jar").toAbsolutePath().toString()));
    cmd.addAll(List.of(args));
    return cmd;
  }

  private static CliIT.Result run(String... args) throws Exception {
    return CliIT.exec(Map.of(), jar(args));
  }

  @Test
  void concurrentShellAppendsThenTailQueryAndVerify(@TempDir Path data) throws Exception {
    String dir = data.toString();
    List<Process> running = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      ProcessBuilder pb = new ProcessBuilder(jar("audit", "append", "--dir", dir, "--event", "trigger.update", "--actor", "api-token",
          "--field", "trigger=t" + i, "--field", "note=" + "n".repeat(i * 30), "--max-bytes", "600", "--max-files", "100",
          "--durability", "fsync"));
      pb.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
      running.add(pb.start());
    }
    for (Process p : running) {
      assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
      assertThat(p.exitValue()).isZero();
    }
    Path audit = data.resolve("audit");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(audit))).isEqualTo("rwx------");
    try (var files = Files.list(audit)) {
      for (Path f : (Iterable<Path>) files::iterator) {
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f))).as(f.toString()).isEqualTo("rw-------");
      }
    }

    CliIT.Result query = run("audit", "query", "--dir", dir, "--event", "trigger.*", "--json");
    assertThat(query.exit()).as(query.err()).isZero();
    Set<String> triggers = new HashSet<>();
    for (String line : query.out().split("\n")) {
      JsonNode n = JSON.readTree(line);
      triggers.add(n.get("trigger").asText());
    }
    assertThat(triggers).containsExactlyInAnyOrder("t0", "t1", "t2", "t3", "t4", "t5");

    CliIT.Result tail = run("audit", "tail", "--dir", dir, "-n", "3");
    assertThat(tail.exit()).isZero();
    assertThat(tail.out().split("\n")).hasSize(3).allMatch(l -> l.contains(" trigger.update api-token ok trigger=t"));

    CliIT.Result verify = run("audit", "verify", "--dir", dir, "--json");
    assertThat(verify.exit()).as(verify.out() + verify.err()).isZero();
    JsonNode v = JSON.readTree(verify.out());
    assertThat(v.get("reason").asText()).isEqualTo("allowed");
    assertThat(v.get("files").asInt()).as("rotated").isGreaterThan(1);
    String head = v.get("head").asText();

    // a torn final line: exit 0 and a warning
    Path live = audit.resolve("audit.jsonl");
    Files.writeString(live, "{\"ts\":", StandardOpenOption.APPEND);
    CliIT.Result torn = run("audit", "verify", "--dir", dir);
    assertThat(torn.exit()).isZero();
    assertThat(torn.out()).startsWith("allowed audit.torn-tail:");
    assertThat(torn.err()).contains("warning: audit.torn-tail");
    // the next append repairs it
    assertThat(run("audit", "append", "--dir", dir, "--event", "run.start", "--actor", "system", "--max-bytes", "600").exit()).isZero();
    assertThat(run("audit", "verify", "--dir", dir, "--anchor", head).exit()).isZero();
    assertThat(run("audit", "query", "--dir", dir, "--event", "audit.chain.restart").out()).contains("reason=torn-tail");

    // an edited line: exit 3 with the reason code
    List<String> lines = new ArrayList<>(Files.readAllLines(live, StandardCharsets.US_ASCII));
    lines.set(0, lines.get(0).replace("\"ok\"", "\"no\""));
    Files.write(live, lines, StandardCharsets.US_ASCII);
    CliIT.Result tampered = run("audit", "verify", "--dir", dir);
    assertThat(tampered.exit()).isEqualTo(3);
    assertThat(tampered.out()).startsWith("denied audit.chain-broken: audit.jsonl:2:");
    assertThat(tampered.err()).contains("denied: audit.chain-broken");
  }

  @Test
  void refusalsAndUsageExitTwo(@TempDir Path data) throws Exception {
    CliIT.Result r = run("audit", "append", "--dir", data.toString(), "--event", "auth.login.failure", "--actor", "open",
        "--field", "password=hunter2hunter2");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("password").contains("credential").doesNotContain("hunter2");
    assertThat(run("audit", "verify", "--dir", data.resolve("missing").toString()).exit()).isEqualTo(2);
    assertThat(run("audit").exit()).isEqualTo(2);
  }
}
