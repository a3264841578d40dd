package dev.hostpolicy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hostpolicy.api.spi.AuditEvent;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code egress-proxy}'s usage errors (exit 2, before anything listens) and its decision lines. */
class EgressProxyCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  @Test
  void badPatternsPortsAndTokenFilesExitTwoAndNeverPrintListening() throws Exception {
    Path empty = Files.write(dir.resolve("empty"), new byte[0]);
    Path newline = Files.write(dir.resolve("newline"), "\n".getBytes(StandardCharsets.US_ASCII));
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      List<String[]> cases = List.of(
          new String[] {"egress-proxy", "--allow", "*.com"},
          new String[] {"egress-proxy", "--deny", "0177.0.0.1"},
          new String[] {"egress-proxy", "--port", "70000"},
          new String[] {"egress-proxy", "--port", "x"},
          new String[] {"egress-proxy", "--proxy-token-file", dir.resolve("missing").toString()},
          new String[] {"egress-proxy", "--proxy-token-file", empty.toString()},
          new String[] {"egress-proxy", "--proxy-token-file", newline.toString()},
          new String[] {"egress-proxy", "--port", Integer.toString(taken.getLocalPort())});
      for (String[] args : cases) {
        CliRun r = CliRun.run(args);
        assertThat(r.exit()).as(String.join(" ", args)).isEqualTo(2);
        assertThat(r.out()).as(String.join(" ", args)).isEmpty();
        assertThat(r.stderr()).as(String.join(" ", args)).isNotBlank();
      }
    }
  }

  @Test
  void eachDecisionIsOneJsonLineWithoutSecrets() throws Exception {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    EgressProxyCommand.DecisionLines lines = new EgressProxyCommand.DecisionLines(new PrintStream(buf, true, StandardCharsets.UTF_8));
    lines.append(AuditEvent.builder("egress.allowed").field("run", "r").field("method", "CONNECT").field("target", "a.example:443")
        .field("reason", "allowed").field("detail", "allowed by a.example").field("addresses", List.of("93.184.216.34")).build());
    lines.append(AuditEvent.builder("egress.denied").field("reason", "proxy.malformed-request").field("detail", "bad \"line\"\n").build());
    lines.append(AuditEvent.builder("run.start").build());
    List<String> out = buf.toString(StandardCharsets.UTF_8).lines().toList();
    assertThat(out).hasSize(2);
    JsonNode allowed = JSON.readTree(out.get(0));
    assertThat(allowed.get("allowed").asBoolean()).isTrue();
    assertThat(allowed.get("reason").asText()).isEqualTo("allowed");
    assertThat(allowed.get("target").asText()).isEqualTo("a.example:443");
    assertThat(allowed.get("detail").asText()).isEqualTo("allowed by a.example");
    JsonNode denied = JSON.readTree(out.get(1));
    assertThat(denied.get("allowed").asBoolean()).isFalse();
    assertThat(denied.get("target").isNull()).isTrue();
    assertThat(denied.get("detail").asText()).isEqualTo("bad \"line\"\n");
    assertThat(denied.fieldNames()).toIterable().containsExactly("allowed", "reason", "detail", "target");
  }
}
