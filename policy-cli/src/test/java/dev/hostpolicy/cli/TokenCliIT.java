package dev.hostpolicy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The token commands as real processes in real shell pipelines, with Python's hashlib as the oracle
 * for the cookie value.
 */
class TokenCliIT {
  private static final String JAVA_JAR = "'" + Path.of(System.getProperty("java.home"), "bin", "java") + "' -jar '"
      + Path.of("target/hostpolicy.jar").toAbsolutePath() + "'";

  private static CliIT.Result sh(String script) throws Exception {
    return CliIT.exec(Map.of("HP", JAVA_JAR), List.of("sh", "-c", script));
  }

  @Test
  void mintedTokensPassCheckThroughEchoAndPrintf() throws Exception {
    CliIT.Result r = sh("T=$(eval \"$HP token mint --prefix hp\") || exit 9; "
        + "echo \"$T\" | eval \"$HP token check --prefix hp\" || exit 10; "
        + "printf %s \"$T\" | eval \"$HP token check --prefix hp --json\" || exit 11; "
        + "printf %s \"$T\" | eval \"$HP token check\"; echo \" plain=$?\"");
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out()).startsWith("{\"allowed\":true,\"reason\":\"allowed\",\"detail\":\"\"}\n").endsWith(" plain=3\n");
    assertThat(r.err()).contains("token.malformed").doesNotContain("hp_");
  }

  @Test
  void mintWritesTheBareTokenToAFile() throws Exception {
    Path file = Files.createTempFile("token", ".txt");
    try {
      CliIT.Result r = sh("eval \"$HP token mint\" > '" + file + "'");
      assertThat(r.exit()).isZero();
      assertThat(Files.readString(file)).matches("[A-Za-z0-9_-]{43}");
    } finally {
      Files.delete(file);
    }
  }

  @Test
  void cookieMatchesPythonHashlib() throws Exception {
    String python = "import hashlib,base64,sys; t=sys.stdin.buffer.read().rstrip(b'\\n'); "
        + "sys.stdout.write(base64.urlsafe_b64encode(hashlib.sha256(b'hostpolicy.session-cookie.v1\\x00'+t).digest()).rstrip(b'=').decode())";
    for (int i = 0; i < 3; i++) {
      CliIT.Result r = sh("T=$(eval \"$HP token mint\"); A=$(echo \"$T\" | eval \"$HP token cookie\"); "
          + "B=$(printf %s \"$T\" | python3 -c \"" + python.replace("\"", "\\\"") + "\"); "
          + "printf '%s %s' \"$A\" \"$B\"");
      assertThat(r.exit()).as(r.err()).isZero();
      String[] ab = r.out().split(" ");
      assertThat(ab).hasSize(2);
      assertThat(ab[0]).matches("[A-Za-z0-9_-]{43}").isEqualTo(ab[1]);
    }
  }

  @Test
  void aCorruptedTokenExitsThreeWithoutShowingIt() throws Exception {
    // the last character is replaced by a different one (X, or Y when it already was X)
    CliIT.Result r = sh("T=$(eval \"$HP token mint --prefix hp\"); "
        + "C=X; [ \"$(printf %s \"$T\" | cut -c52)\" = X ] && C=Y; "
        + "printf %s%s \"$(printf %s \"$T\" | cut -c1-51)\" \"$C\" | eval \"$HP token check --prefix hp\"; echo \"exit=$?\"; echo \"$T\" >&2");
    String token = r.err().strip().lines().reduce((a, b) -> b).orElseThrow();
    assertThat(token).startsWith("hp_");
    assertThat(r.out()).isEqualTo("exit=3\n");
    assertThat(r.err().replace(token, "")).contains("hostpolicy: denied: token.").doesNotContain(token.substring(3, 40));
  }

  @Test
  void processesExitPromptly() throws Exception {
    Process p = new ProcessBuilder("sh", "-c", JAVA_JAR + " token mint").start();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).hasSize(43);
  }
}
