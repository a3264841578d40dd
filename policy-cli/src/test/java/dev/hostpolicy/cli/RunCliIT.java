package dev.hostpolicy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code hostpolicy env scrub} and {@code hostpolicy run} as real processes against the shaded jar:
 * environment, egress through the proxy with curl, exit statuses, signal forwarding to the child's
 * process group, the audit log.
 */
class RunCliIT {
  private static final Path JAR = Path.of("target/hostpolicy.jar").toAbsolutePath();
  private static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();

  @TempDir Path dir;

  /** A real-process run with exactly {@code env} as its environment. */
  static CliIT.Result jar(Map<String, String> env, String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(JAVA, "-jar", JAR.toString()));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd);
    pb.environment().clear();
    pb.environment().putAll(env);
    Path out = Files.createTempFile("run", ".out");
    Path err = Files.createTempFile("run", ".err");
    pb.redirectOutput(out.toFile()).redirectError(err.toFile());
    Process p = pb.start();
    p.getOutputStream().close();
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("finished").isTrue();
    CliIT.Result r = new CliIT.Result(p.exitValue(), Files.readString(out), Files.readString(err));
    Files.delete(out);
    Files.delete(err);
    return r;
  }

  static final Map<String, String> ENV = Map.of("PATH", "/usr/bin:/bin", "HOME", "/tmp", "LANG", "C.UTF-8",
      "INFLOOP_API_TOKEN", "inflooptokenvalue1", "GITHUB_TOKEN", "ghp_value", "AWS_REGION", "eu", "AWS_SECRET_ACCESS_KEY", "aws_value",
      "NO_PROXY", "*", "HTTP_PROXY", "http://127.0.0.1:9");

  @Test
  void envScrubPrintsKeptAndRemovedNames() throws Exception {
    CliIT.Result r = jar(ENV, "env", "scrub", "--namespace", "INFLOOP", "--passthrough", "AWS_*");
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out()).isEqualTo("AWS_REGION\nAWS_SECRET_ACCESS_KEY\nHOME\nHTTP_PROXY\nLANG\nNO_PROXY\nPATH\n");
    assertThat(r.err()).isEqualTo("GITHUB_TOKEN\nINFLOOP_API_TOKEN\n");
    assertThat(jar(ENV, "env", "scrub", "--passthrough", "*").exit()).isEqualTo(2);
  }

  @Test
  void runGivesTheCommandTheScrubbedEnvironmentAndItsExitStatus() throws Exception {
    CliIT.Result env = jar(ENV, "run", "--namespace", "INFLOOP", "--passthrough", "GITHUB_TOKEN", "--", "env");
    assertThat(env.exit()).as(env.err()).isZero();
    assertThat(env.out().lines().map(l -> l.substring(0, l.indexOf('='))).sorted())
        .containsExactly("ALL_PROXY", "GITHUB_TOKEN", "HOME", "HTTPS_PROXY", "HTTP_PROXY", "LANG", "PATH", "all_proxy", "http_proxy", "https_proxy");
    assertThat(env.out()).doesNotContain("inflooptokenvalue1").doesNotContain("aws_value").doesNotContain("127.0.0.1:9\n");
    assertThat(jar(ENV, "run", "--", "sh", "-c", "exit 9").exit()).isEqualTo(9);
    assertThat(jar(ENV, "run", "--", "sh", "-c", "kill -KILL $$").exit()).isEqualTo(137);
    assertThat(jar(ENV, "run", "sh", "-c", "echo \"$0 $1\"", "-x", "--y").out()).isEqualTo("-x --y\n");
    CliIT.Result missing = jar(ENV, "run", "--", "hostpolicy-no-such-command");
    assertThat(missing.exit()).isEqualTo(127);
    assertThat(jar(ENV, "run", "--allow", "*.com", "--", "true").exit()).isEqualTo(2);
  }

  @Test
  void curlReachesOnlyWhatAllowSays() throws Exception {
    HttpServer origin = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 16);
    AtomicInteger hits = new AtomicInteger();
    origin.createContext("/", ex -> {
      hits.incrementAndGet();
      byte[] body = "origin ok".getBytes(StandardCharsets.UTF_8);
      ex.sendResponseHeaders(200, body.length);
      ex.getResponseBody().write(body);
      ex.close();
    });
    origin.start();
    try {
      String target = "127.0.0.1:" + origin.getAddress().getPort();
      String[] curl = {"curl", "-sS", "--max-time", "20", "-o", "/dev/null", "-w", "%{http_code}", "http://" + target + "/x"};
      CliIT.Result denied = jar(ENV, concat(new String[] {"run", "--"}, curl));
      assertThat(denied.out()).as(denied.err()).isEqualTo("403");
      assertThat(hits).hasValue(0);
      CliIT.Result allowed = jar(ENV, concat(new String[] {"run", "--allow", target, "--"}, curl));
      assertThat(allowed.out()).as(allowed.err()).isEqualTo("200");
      assertThat(allowed.exit()).isZero();
      assertThat(hits).hasValue(1);
    } finally {
      origin.stop(0);
    }
  }

  @Test
  void theAuditLogRecordsTheRunAndTheEgressDecisions() throws Exception {
    Path data = dir.resolve("data");
    CliIT.Result r = jar(ENV, "run", "--data-dir", data.toString(), "--", "curl", "-s", "-o", "/dev/null", "--max-time", "20",
        "http://198.51.100.7/");
    assertThat(r.exit()).isZero();
    String log = Files.readString(data.resolve("audit/audit.jsonl"));
    // the hash-chained sink opens a new log with audit.chain.start; the proxy's decision may be
    // recorded before run.start (the child can reach the proxy before the launcher records it)
    java.util.List<String> events = log.lines().filter(l -> !l.contains("\"event\":\"audit.chain.start\"")).toList();
    assertThat(events).hasSize(3);
    assertThat(events.subList(0, 2)).anySatisfy(l -> assertThat(l).contains("\"event\":\"run.start\""));
    assertThat(events.subList(0, 2)).anySatisfy(l -> assertThat(l).contains("\"event\":\"egress.denied\"").contains("198.51.100.7:80"));
    assertThat(events.get(2)).contains("\"event\":\"run.settle\"");
    assertThat(log).doesNotContain("inflooptokenvalue1").doesNotContain("ghp_value").doesNotContain("hostpolicy:");
  }

  @Test
  void sigtermAndSigintAreForwardedToTheCommandsProcessGroup() throws Exception {
    for (String signal : List.of("TERM", "INT")) {
      // the child traps the signal; its background grandchild does not (and a background job ignores SIGINT, so it
      // is a foreground one for INT)
      String script = "INT".equals(signal)
          ? "trap 'echo got-INT; exit 6' INT; echo ready $$; sleep 1000; echo not-reached"
          : "trap 'echo got-TERM; exit 5' TERM; sleep 1000 & echo ready $!; wait";
      ProcessBuilder pb = new ProcessBuilder(JAVA, "-jar", JAR.toString(), "run", "--", "sh", "-c", script);
      pb.environment().clear();
      pb.environment().putAll(ENV);
      pb.redirectError(ProcessBuilder.Redirect.DISCARD);
      Process p = pb.start();
      BlockingQueue<String> lines = new LinkedBlockingQueue<>();
      Thread reader = new Thread(() -> {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
          for (String l = r.readLine(); l != null; l = r.readLine()) {
            lines.add(l);
          }
        } catch (IOException e) {
          lines.add("read failed");
        }
      });
      reader.setDaemon(true);
      reader.start();
      String ready = lines.poll(60, TimeUnit.SECONDS);
      assertThat(ready).as(signal).startsWith("ready ");
      long other = Long.parseLong(ready.substring(6).trim());
      Process kill = new ProcessBuilder("kill", "-" + signal, String.valueOf(p.pid())).start();
      assertThat(kill.waitFor(20, TimeUnit.SECONDS)).isTrue();
      assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("hostpolicy run ended after SIG%s", signal).isTrue();
      assertThat(p.exitValue()).as(signal).isEqualTo("TERM".equals(signal) ? 5 : 6);
      assertThat(lines.poll(20, TimeUnit.SECONDS)).isEqualTo("got-" + signal);
      if ("TERM".equals(signal)) {
        // the background grandchild got the forwarded SIGTERM too
        ProcessHandle.of(other).ifPresent(h -> assertThat(h.onExit().orTimeout(20, TimeUnit.SECONDS).join().isAlive()).isFalse());
      }
    }
  }

  private static String[] concat(String[] a, String[] b) {
    String[] out = new String[a.length + b.length];
    System.arraycopy(a, 0, out, 0, a.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
