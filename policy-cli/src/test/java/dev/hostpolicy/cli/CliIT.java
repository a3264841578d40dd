package dev.hostpolicy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The CLI as a black box: the shaded jar and the {@code ./hostpolicy} launcher run as real processes,
 * exactly as scripts and the independent checks run them.
 */
class CliIT {
  private static final Path JAR = Path.of("target/hostpolicy.jar").toAbsolutePath();
  private static final Path LAUNCHER = Path.of("../hostpolicy").toAbsolutePath().normalize();

  record Result(int exit, String out, String err) {}

  static Result exec(Map<String, String> env, List<String> command) throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder(command);
    pb.environment().keySet().removeIf(k -> k.startsWith("INFLOOP_"));
    pb.environment().putAll(env);
    Path out = Files.createTempFile("cli", ".out");
    Path err = Files.createTempFile("cli", ".err");
    pb.redirectOutput(out.toFile()).redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.PIPE);
    Process p = pb.start();
    p.getOutputStream().close();
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("process finished").isTrue();
    Result r = new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    Files.delete(out);
    Files.delete(err);
    return r;
  }

  static Result jar(Map<String, String> env, String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", JAR.toString()));
    cmd.addAll(List.of(args));
    return exec(env, cmd);
  }

  @Test
  void profilesListsMinimal() throws Exception {
    Result r = jar(Map.of(), "profiles");
    assertThat(r.exit()).isZero();
    assertThat(r.out()).startsWith("minimal\t").contains("hostpolicy.jar");
  }

  @Test
  void unknownProfileExitsTwoWithTheList() throws Exception {
    Result r = jar(Map.of(), "profile", "describe", "nope");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("minimal");
  }

  @Test
  void malformedSettingExitsTwoNamingTheKey() throws Exception {
    Result r = jar(Map.of("INFLOOP_WEBHOOK_RATE_LIMIT", "abc"), "profile", "describe", "minimal", "--namespace", "INFLOOP");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("INFLOOP_WEBHOOK_RATE_LIMIT");
  }

  @Test
  void docsAreBundledInTheJar() throws Exception {
    Result r = jar(Map.of(), "docs", "spi");
    assertThat(r.exit()).isZero();
    assertThat(r.out()).isEqualTo(Files.readString(Path.of("../docs/spi.md")));
    Result unknown = jar(Map.of(), "docs", "nope");
    assertThat(unknown.exit()).isEqualTo(2);
    assertThat(unknown.err()).contains("threat-model");
  }

  @Test
  void theLauncherRunsTheBuiltJar() throws Exception {
    Result r = exec(Map.of("HOSTPOLICY_NO_BUILD", "1"), List.of(LAUNCHER.toString(), "profiles"));
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out()).startsWith("minimal\t");
  }

  @Test
  void egressCheckAsARealProcess() throws Exception {
    Result allowed = jar(Map.of(), "egress", "check", "--allow", "*.example.com", "--resolve", "a.example.com=93.184.216.34",
        "https://a.example.com/");
    assertThat(allowed.exit()).as(allowed.err()).isZero();
    assertThat(allowed.out()).isEqualTo("allowed a.example.com:443 -> 93.184.216.34\n");
    Result denied = jar(Map.of(), "egress", "check", "--allow", "*.example.com", "--resolve", "a.example.com=169.254.169.254",
        "--json", "a.example.com");
    assertThat(denied.exit()).isEqualTo(3);
    assertThat(denied.out()).contains("\"reason\":\"egress.metadata-endpoint\"").contains("\"allowed\":false");
    assertThat(jar(Map.of(), "egress", "check", "--allow", "*.com", "a.com").exit()).isEqualTo(2);
  }

  @Test
  void ipClassifyAndBindCheckAsRealProcesses() throws Exception {
    Result ip = jar(Map.of(), "ip", "classify", "::ffff:7f00:1");
    assertThat(ip.exit()).isZero();
    assertThat(ip.out()).isEqualTo("loopback\n");
    assertThat(jar(Map.of(), "ip", "classify", "0177.0.0.1").exit()).isEqualTo(2);
    Result bind = jar(Map.of(), "bind", "check", "0.0.0.0:8080", "--allow-insecure");
    assertThat(bind.exit()).isZero();
    assertThat(bind.err()).contains("INSECURE");
    // printed once by the command, not a second time through the library's log
    assertThat(bind.err().split("INSECURE: listening", -1)).hasSize(2);
    Result refused = jar(Map.of(), "bind", "check", "0.0.0.0:8080");
    assertThat(refused.exit()).isEqualTo(3);
    assertThat(refused.out()).contains("bind.insecure");
  }
}
