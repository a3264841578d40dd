package dev.hostpolicy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PathCommandTest {
  @TempDir Path tmp;
  private Path ws;
  private String root;

  @BeforeEach
  void tree() throws Exception {
    ws = Files.createDirectories(tmp.toRealPath().resolve("ws"));
    Files.createDirectories(tmp.resolve("ws-evil"));
    Files.createDirectories(ws.resolve("src"));
    Files.writeString(ws.resolve("src/App.java"), "class App {}");
    Files.createSymbolicLink(ws.resolve("out"), tmp.resolve("ws-evil"));
    Files.createSymbolicLink(ws.resolve("dangling"), Path.of("src/nothing"));
    root = ws.toString();
  }

  @Test
  void printsTheRealPathAndExitsZero() {
    CliRun r = CliRun.run("path", "resolve", "--root", root, "src/../src/App.java");
    assertThat(r.exit()).isZero();
    assertThat(r.out()).isEqualTo(ws.resolve("src/App.java") + System.lineSeparator());
    assertThat(r.stderr()).isEmpty();
  }

  @Test
  void writeResolvesNewFiles() {
    CliRun r = CliRun.run("path", "resolve", "--root", root, "--write", "build/out.txt");
    assertThat(r.exit()).isZero();
    assertThat(r.out().strip()).isEqualTo(ws.resolve("build/out.txt").toString());
  }

  @Test
  void aDenialPrintsTheReasonAndExitsThree() {
    CliRun r = CliRun.run("path", "resolve", "--root", root, "--", "../ws-evil");
    assertThat(r.exit()).isEqualTo(3);
    assertThat(r.out().strip()).isEqualTo("path.outside-workspace");
    assertThat(r.stderr()).startsWith("hostpolicy: denied: path.outside-workspace: ");
    assertThat(CliRun.run("path", "resolve", "--root", root, "out").out().strip()).isEqualTo("path.outside-workspace");
    assertThat(CliRun.run("path", "resolve", "--root", root, "--write", "dangling").out().strip()).isEqualTo("path.dangling-symlink");
    assertThat(CliRun.run("path", "resolve", "--root", root, "nope").out().strip()).isEqualTo("path.not-found");
    assertThat(CliRun.run("path", "resolve", "--root", root, "--write", "CON.txt").out().strip()).isEqualTo("path.windows-reserved-name");
  }

  @Test
  void jsonFollowsTheDecisionFormat() throws Exception {
    ObjectMapper m = new ObjectMapper();
    CliRun ok = CliRun.run("path", "resolve", "--root", root, "--json", "src");
    assertThat(ok.exit()).isZero();
    JsonNode a = m.readTree(ok.stdout());
    assertThat(a.get("allowed").asBoolean()).isTrue();
    assertThat(a.get("reason").asText()).isEqualTo("allowed");
    assertThat(a.get("path").asText()).isEqualTo(ws.resolve("src").toString());
    CliRun no = CliRun.run("path", "resolve", "--root", root, "--json", "--write", "/etc/passwd");
    assertThat(no.exit()).isEqualTo(3);
    JsonNode d = m.readTree(no.stdout());
    assertThat(d.get("allowed").asBoolean()).isFalse();
    assertThat(d.get("reason").asText()).isEqualTo("path.outside-workspace");
    assertThat(d.get("detail").asText()).contains("/etc/passwd");
    assertThat(d.has("path")).isFalse();
  }

  @Test
  void thePathComesFromStdinByteForByte() {
    CliRun nul = CliRun.run(Map.of(), "src\u0000x".getBytes(StandardCharsets.UTF_8), "path", "resolve", "--root", root);
    assertThat(nul.exit()).isEqualTo(3);
    assertThat(nul.out().strip()).isEqualTo("path.illegal-character");
    CliRun exact = CliRun.run(Map.of(), "src/App.java".getBytes(StandardCharsets.UTF_8), "path", "resolve", "--root", root);
    assertThat(exact.exit()).isZero();
    assertThat(exact.out().strip()).isEqualTo(ws.resolve("src/App.java").toString());
    // nothing is stripped: a trailing newline is part of the name, and a control character
    CliRun newline = CliRun.run(Map.of(), "src/App.java\n".getBytes(StandardCharsets.UTF_8), "path", "resolve", "--root", root);
    assertThat(newline.out().strip()).isEqualTo("path.illegal-character");
    CliRun badUtf8 = CliRun.run(Map.of(), new byte[] {'a', (byte) 0xff}, "path", "resolve", "--root", root);
    assertThat(badUtf8.exit()).isEqualTo(3);
    assertThat(badUtf8.out().strip()).isEqualTo("path.illegal-character");
  }

  @Test
  void aBadRootIsAConfigurationError() throws Exception {
    CliRun missing = CliRun.run("path", "resolve", "--root", tmp.resolve("nope").toString(), "x");
    assertThat(missing.exit()).isEqualTo(2);
    assertThat(missing.stdout()).isEmpty();
    assertThat(missing.stderr()).contains("does not exist");
    CliRun file = CliRun.run("path", "resolve", "--root", ws.resolve("src/App.java").toString(), "x");
    assertThat(file.exit()).isEqualTo(2);
    assertThat(file.stderr()).contains("not a directory");
    CliRun json = CliRun.run("path", "resolve", "--json", "--root", tmp.resolve("nope").toString(), "x");
    assertThat(json.exit()).isEqualTo(2);
    assertThat(CliRun.run("path", "resolve", "x").exit()).isEqualTo(2);
    assertThat(CliRun.run("path").exit()).isEqualTo(2);
    assertThat(CliRun.run("path", "resolve", "--root", root, "a", "b").exit()).isEqualTo(2);
  }
}
