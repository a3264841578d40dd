package dev.hostpolicy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code hostpolicy egress-proxy} as a real process: the first stdout line names the port, curl goes
 * through it with the token, every decision is a JSON line on stderr, SIGTERM stops it with exit 0.
 */
class EgressProxyCliIT {
  private static final Path JAR = Path.of("target/hostpolicy.jar").toAbsolutePath();
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  @Test
  void runsUntilSigtermAndLogsEveryDecision() throws Exception {
    HttpServer origin = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
    origin.createContext("/", ex -> {
      byte[] body = ("origin " + ex.getRequestURI()).getBytes(StandardCharsets.UTF_8);
      ex.sendResponseHeaders(200, body.length);
      ex.getResponseBody().write(body);
      ex.close();
    });
    origin.start();
    String token = "per-run-" + Long.toHexString(System.nanoTime()) + "-token";
    Path tokenFile = Files.writeString(dir.resolve("token"), token + "\n");
    Path err = dir.resolve("stderr");
    int originPort = origin.getAddress().getPort();
    ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
        JAR.toString(), "egress-proxy", "--allow", "127.0.0.1:" + originPort, "--proxy-token-file", tokenFile.toString());
    pb.redirectError(err.toFile());
    Process p = pb.start();
    try {
      BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
      String first = CompletableFuture.supplyAsync(() -> {
        try {
          return out.readLine();
        } catch (java.io.IOException e) {
          return "read failed: " + e;
        }
      }).get(60, TimeUnit.SECONDS);
      assertThat(first).matches("listening 127\\.0\\.0\\.1:[0-9]{1,5}");
      CompletableFuture<String> rest = CompletableFuture.supplyAsync(() -> {
        StringBuilder sb = new StringBuilder();
        try {
          for (String line = out.readLine(); line != null; line = out.readLine()) {
            sb.append(line).append('\n');
          }
        } catch (java.io.IOException e) {
          sb.append("read failed: ").append(e);
        }
        return sb.toString();
      });
      String proxy = "http://127.0.0.1:" + first.substring(first.lastIndexOf(':') + 1);

      Result ok = curl("-x", proxy, "-U", "run:" + token, "http://127.0.0.1:" + originPort + "/through");
      assertThat(ok.out()).as(ok.err()).isEqualTo("origin /through");
      Result tunnel = curl("-p", "-x", proxy, "-U", "run:" + token, "http://127.0.0.1:" + originPort + "/tunnel");
      assertThat(tunnel.out()).as(tunnel.err()).isEqualTo("origin /tunnel");
      Result denied = curl("-o", "/dev/null", "-w", "%{http_code}", "-x", proxy, "-U", "run:" + token, "http://127.0.0.1:1/");
      assertThat(denied.out()).isEqualTo("403");
      Result noToken = curl("-o", "/dev/null", "-w", "%{http_code}", "-x", proxy, "http://127.0.0.1:" + originPort + "/");
      assertThat(noToken.out()).isEqualTo("407");

      p.destroy(); // SIGTERM
      assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("stopped").isTrue();
      assertThat(p.exitValue()).isZero();
      assertThat(rest.get(60, TimeUnit.SECONDS)).as("nothing after the listening line on stdout").isEmpty();
    } finally {
      p.destroyForcibly();
      origin.stop(0);
    }
    String log = Files.readString(err, StandardCharsets.UTF_8);
    assertThat(log).doesNotContain(token);
    List<JsonNode> lines = new ArrayList<>();
    for (String line : log.lines().toList()) {
      lines.add(JSON.readTree(line));
    }
    assertThat(lines).hasSize(4);
    assertThat(lines.get(0).get("allowed").asBoolean()).isTrue();
    assertThat(lines.get(0).get("target").asText()).isEqualTo("127.0.0.1:" + originPort);
    assertThat(lines.get(1).get("allowed").asBoolean()).isTrue();
    assertThat(lines.get(2).get("reason").asText()).isEqualTo("egress.port-not-allowed");
    assertThat(lines.get(3).get("reason").asText()).isEqualTo("proxy.auth-required");
    for (JsonNode n : lines) {
      assertThat(n.fieldNames()).toIterable().containsExactly("allowed", "reason", "detail", "target");
    }
  }

  record Result(int exit, String out, String err) {}

  private static Result curl(String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of("curl", "-sS", "--max-time", "30"));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd);
    for (String k : List.of("HTTP_PROXY", "http_proxy", "HTTPS_PROXY", "https_proxy", "ALL_PROXY", "all_proxy", "NO_PROXY", "no_proxy")) {
      pb.environment().remove(k);
    }
    Process c = pb.start();
    c.getOutputStream().close();
    CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> {
      try {
        return c.getErrorStream().readAllBytes();
      } catch (java.io.IOException e) {
        return new byte[0];
      }
    });
    byte[] out = c.getInputStream().readAllBytes();
    assertThat(c.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return new Result(c.exitValue(), new String(out, StandardCharsets.UTF_8), new String(err.get(), StandardCharsets.UTF_8));
  }
}
