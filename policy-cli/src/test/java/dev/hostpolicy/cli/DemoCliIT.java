package dev.hostpolicy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code hostpolicy demo} as a real process: read the printed {@code curl} lines, run every one with
 * the real curl through {@code sh}, check each answers the status its comment announces, then signal
 * the demo and see it exit 0.
 */
class DemoCliIT {
  private static final Path JAR = Path.of("target/hostpolicy.jar").toAbsolutePath();
  private static final Pattern COMMENT = Pattern.compile("# (\\d{3}): .*");

  record Demo(Process process, List<String> lines, List<String[]> curls) {}

  @Test
  void everyPrintedCurlLineAnswersAsAnnouncedAndSigintStopsItCleanly() throws Exception {
    Demo demo = start(List.of(), java.util.Map.of());
    String dataDir = value(demo.lines(), "data dir:");
    assertThat(Path.of(dataDir)).isDirectory();
    assertThat(value(demo.lines(), "url:")).matches("http://127\\.0\\.0\\.1:\\d+/");
    assertThat(value(demo.lines(), "token:")).matches("[A-Za-z0-9_-]{43}");
    assertThat(value(demo.lines(), "login:")).endsWith("/login");
    assertThat(value(demo.lines(), "webhook:")).contains("/hooks/");
    assertThat(demo.curls()).hasSizeGreaterThanOrEqualTo(8);
    for (String[] c : demo.curls()) {
      assertThat(curlStatus(c[1])).as(c[1]).isEqualTo(c[0]);
    }
    assertThat(stop(demo, "INT")).isZero();
    assertThat(Path.of(dataDir)).doesNotExist();    // the temporary data directory is removed
  }

  @Test
  void sigtermStopsItCleanlyAndKeepsAGivenDataDirectoryWithItsAuditLog(@TempDir Path dir) throws Exception {
    Path data = dir.resolve("demo-data");
    // the operator's own INFLOOP_* settings stay out of the demo: it never prints their real token
    String operatorToken = "operator_token_0123456789abcdefghij";
    Demo demo = start(List.of("--data-dir", data.toString()), java.util.Map.of("INFLOOP_API_TOKEN", operatorToken));
    assertThat(String.join("\n", demo.lines())).doesNotContain(operatorToken);
    assertThat(value(demo.lines(), "token:")).matches("[A-Za-z0-9_-]{43}");
    String signedPush = demo.curls().stream().filter(c -> c[0].equals("202")).findFirst().orElseThrow()[1];
    assertThat(curlStatus(signedPush)).isEqualTo("202");
    assertThat(stop(demo, "TERM")).isZero();
    assertThat(data.resolve("api-token")).exists();
    CliIT.Result verify = CliIT.jar(java.util.Map.of(), "audit", "verify", "--dir", data.toString());
    assertThat(verify.exit()).as(verify.out() + verify.err()).isZero();
    CliIT.Result tail = CliIT.jar(java.util.Map.of(), "audit", "tail", "--dir", data.toString());
    assertThat(tail.out()).contains("webhook.accepted");
  }

  private static Demo start(List<String> options, java.util.Map<String, String> extraEnv) throws IOException {
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", JAR.toString(), "demo"));
    cmd.addAll(options);
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD);
    pb.environment().keySet().removeIf(k -> k.startsWith("INFLOOP_"));
    pb.environment().putAll(extraEnv);
    Process p = pb.start();
    BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    List<String> lines = new ArrayList<>();
    List<String[]> curls = new ArrayList<>();
    String expected = null;
    String line;
    while ((line = out.readLine()) != null) {   // returns null (and fails below) if the demo dies
      lines.add(line);
      Matcher m = COMMENT.matcher(line);
      if (m.matches()) {
        expected = m.group(1);
      } else if (line.startsWith("curl ")) {
        assertThat(expected).as("a status comment before " + line).isNotNull();
        curls.add(new String[] {expected, line});
        expected = null;
      } else if (line.startsWith("Ctrl-C")) {
        return new Demo(p, lines, curls);
      }
    }
    p.destroyForcibly();
    throw new AssertionError("the demo ended before printing its curl lines: " + lines);
  }

  private static String value(List<String> lines, String label) {
    return lines.stream().filter(l -> l.startsWith(label)).findFirst().orElseThrow()
        .substring(label.length()).trim().split("\\s+")[0];
  }

  private static String curlStatus(String line) throws Exception {
    Process sh = new ProcessBuilder("sh", "-c", line + " -o /dev/null -w '%{http_code}'")
        .redirectError(ProcessBuilder.Redirect.DISCARD).start();
    String status = new String(sh.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(sh.waitFor(30, TimeUnit.SECONDS)).isTrue();
    return status;
  }

  private static int stop(Demo demo, String signal) throws Exception {
    Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(demo.process().pid())).start();
    assertThat(kill.waitFor(10, TimeUnit.SECONDS)).isTrue();
    boolean ended = demo.process().waitFor(30, TimeUnit.SECONDS);
    if (!ended) {
      demo.process().destroyForcibly();
    }
    assertThat(ended).as("the demo ended after SIG" + signal).isTrue();
    return demo.process().exitValue();
  }
}
