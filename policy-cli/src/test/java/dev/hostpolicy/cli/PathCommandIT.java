package dev.hostpolicy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code hostpolicy path resolve} as a real process against the shaded jar. */
class PathCommandIT {
  @TempDir Path tmp;

  @Test
  void resolvesAndDeniesAsAProcess() throws Exception {
    Path ws = Files.createDirectories(tmp.toRealPath().resolve("ws"));
    Files.createDirectories(tmp.resolve("ws-evil"));
    Files.writeString(ws.resolve("a.txt"), "a");
    Files.createSymbolicLink(ws.resolve("planted"), tmp.resolve("ws-evil/new"));
    CliIT.Result ok = CliIT.jar(Map.of(), "path", "resolve", "--root", ws.toString(), "a.txt");
    assertThat(ok.exit()).as(ok.err()).isZero();
    assertThat(ok.out()).isEqualTo(ws.resolve("a.txt") + "\n");
    CliIT.Result sibling = CliIT.jar(Map.of(), "path", "resolve", "--root", ws.toString(), "--write", "--", tmp.toRealPath() + "/ws-evil/x");
    assertThat(sibling.exit()).isEqualTo(3);
    assertThat(sibling.out()).isEqualTo("path.outside-workspace\n");
    CliIT.Result planted = CliIT.jar(Map.of(), "path", "resolve", "--root", ws.toString(), "--write", "--json", "planted");
    assertThat(planted.exit()).isEqualTo(3);
    assertThat(planted.out()).startsWith("{\"allowed\":false,\"reason\":\"path.outside-workspace\",\"detail\":");
    CliIT.Result noRoot = CliIT.jar(Map.of(), "path", "resolve", "--root", tmp.resolve("missing").toString(), "a");
    assertThat(noRoot.exit()).isEqualTo(2);
  }
}
