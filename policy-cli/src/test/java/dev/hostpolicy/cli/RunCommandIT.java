package dev.hostpolicy.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hostpolicy.api.PolicyViolationException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code hostpolicy run} in-process (real children; output pumped to the context's streams). */
class RunCommandIT {
  static final Map<String, String> ENV = Map.of("PATH", "/usr/bin:/bin", "HOME", "/tmp", "INFLOOP_API_TOKEN", "inflooptokenvalue1",
      "GITHUB_TOKEN", "ghp_value", "NPM_TOKEN", "npm_value", "NO_PROXY", "*");

  @TempDir Path tmp;

  @Test
  void theCommandSeesTheScrubbedEnvironmentAndTheProxy() {
    CliRun r = CliRun.run(ENV, new byte[0], "run", "--namespace", "INFLOOP", "--passthrough", "GITHUB_TOKEN", "--", "env");
    assertThat(r.exit()).as(r.stderr()).isZero();
    List<String> names = r.out().lines().map(l -> l.substring(0, l.indexOf('='))).sorted().toList();
    assertThat(names).containsExactly("ALL_PROXY", "GITHUB_TOKEN", "HOME", "HTTPS_PROXY", "HTTP_PROXY", "PATH", "all_proxy",
        "http_proxy", "https_proxy");
    assertThat(r.out()).doesNotContain("inflooptokenvalue1").doesNotContain("npm_value").contains("GITHUB_TOKEN=ghp_value\n");
  }

  @Test
  void exitsWithTheCommandsStatusAndWorksWithoutDoubleDash() {
    assertThat(CliRun.run(ENV, new byte[0], "run", "--", "sh", "-c", "exit 42").exit()).isEqualTo(42);
    assertThat(CliRun.run(ENV, new byte[0], "run", "sh", "-c", "kill -TERM $$").exit()).isEqualTo(143);
    CliRun ls = CliRun.run(ENV, new byte[0], "run", "ls", "-d", "/");
    assertThat(ls.exit()).as(ls.stderr()).isZero();
    assertThat(ls.out()).isEqualTo("/\n");
    assertThat(CliRun.run(ENV, new byte[0], "run", "--", "hostpolicy-no-such-command").exit()).isEqualTo(127);
  }

  @Test
  void usageAndConfigurationErrorsExitTwo() {
    assertThat(CliRun.run(ENV, new byte[0], "run").exit()).isEqualTo(2);
    assertThat(CliRun.run(ENV, new byte[0], "run", "--allow", "*.com", "--", "true").exit()).isEqualTo(2);
    assertThat(CliRun.run(ENV, new byte[0], "run", "--passthrough", "*", "--", "true").exit()).isEqualTo(2);
    assertThat(CliRun.run(ENV, new byte[0], "run", "--namespace", "bad ns", "--", "true").exit()).isEqualTo(2);
  }

  @Test
  void withADataDirectoryTheRunIsAudited() throws Exception {
    Path data = tmp.resolve("data");
    CliRun r = CliRun.run(ENV, new byte[0], "run", "--data-dir", data.toString(), "--", "sh", "-c", "exit 3");
    assertThat(r.exit()).isEqualTo(3);
    List<String> lines = Files.readAllLines(data.resolve("audit/audit.jsonl")).stream()
        .filter(l -> !l.contains("\"event\":\"audit.chain.start\""))   // the hash-chained sink's first line
        .toList();
    assertThat(lines).hasSize(2);
    assertThat(lines.get(0)).contains("\"event\":\"run.start\"").contains("\"program\":\"sh\"").contains("\"egress\":\"enforced\"");
    assertThat(lines.get(1)).contains("\"event\":\"run.settle\"").contains("\"exit\":3").contains("\"outcome\":\"failed\"");
    assertThat(String.join("\n", lines)).doesNotContain("inflooptokenvalue1").doesNotContain("ghp_value");
    assertThat(Files.getPosixFilePermissions(data.resolve("audit/audit.jsonl"))).hasSize(2);
  }

  @Test
  void aProxyThatCannotListenStopsTheRunWithExitThree() throws Exception {
    Path marker = tmp.resolve("ran");
    try (ServerSocket taken = new ServerSocket()) {
      taken.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      RunCommand cmd = new RunCommand(new CliContext(new ByteArrayInputStream(new byte[0]), new PrintStream(out, true, StandardCharsets.UTF_8),
          new PrintStream(out, true, StandardCharsets.UTF_8), ENV));
      cmd.command = List.of("touch", marker.toString());
      cmd.proxyPort = taken.getLocalPort();
      assertThatThrownBy(cmd::call).isInstanceOfSatisfying(PolicyViolationException.class, e -> {
        assertThat(e.reason()).isEqualTo("run.egress-unavailable");
        assertThat(HostPolicyCli.exitCodeOf(e)).isEqualTo(ExitCodes.DENIED);
      });
    }
    assertThat(marker).doesNotExist();
  }
}
