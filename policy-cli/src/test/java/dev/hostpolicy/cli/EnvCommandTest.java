package dev.hostpolicy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class EnvCommandTest {

  @Test
  void keptNamesOnStdoutRemovedOnStderrNeverValues() {
    Map<String, String> env = Map.of("PATH", "/bin", "HOME", "/h", "LC_ALL", "C", "GITHUB_TOKEN", "ghp_secretvalue",
        "AWS_REGION", "eu", "AWS_SECRET_ACCESS_KEY", "awssecret", "INFLOOP_API_TOKEN", "inflooptokenvalue1", "NPM_TOKEN", "npmsecret");
    CliRun r = CliRun.run(env, new byte[0], "env", "scrub", "--namespace", "INFLOOP", "--passthrough", "GITHUB_TOKEN",
        "--passthrough", "AWS_*", "--passthrough", "INFLOOP_API_TOKEN");
    assertThat(r.exit()).isZero();
    assertThat(r.out()).isEqualTo("AWS_REGION\nAWS_SECRET_ACCESS_KEY\nGITHUB_TOKEN\nHOME\nLC_ALL\nPATH\n");
    assertThat(r.stderr()).isEqualTo("INFLOOP_API_TOKEN\nNPM_TOKEN\n");
    for (String secret : new String[] {"ghp_secretvalue", "awssecret", "inflooptoken", "npmsecret", "/bin"}) {
      assertThat(r.out() + r.stderr()).doesNotContain(secret);
    }
  }

  @Test
  void theOperatorPassthroughSettingApplies() {
    CliRun r = CliRun.run(Map.of("ACME_CHILD_ENV_PASSTHROUGH", "NPM_*", "NPM_CONFIG_REGISTRY", "r", "PATH", "/bin"), new byte[0],
        "env", "scrub", "--namespace", "ACME");
    assertThat(r.out()).isEqualTo("NPM_CONFIG_REGISTRY\nPATH\n");
    assertThat(r.stderr()).isEqualTo("ACME_CHILD_ENV_PASSTHROUGH\n");
  }

  @Test
  void withoutANamespaceOnlyTheBaseAllowlistAndPassthroughPass() {
    CliRun r = CliRun.run(Map.of("PATH", "/bin", "X", "1"), new byte[0], "env", "scrub");
    assertThat(r.out()).isEqualTo("PATH\n");
    assertThat(r.stderr()).isEqualTo("X\n");
  }

  @Test
  void malformedPassthroughOrNamespaceExitsTwo() {
    for (String bad : new String[] {"*", "", "A*B", "A-B"}) {
      CliRun r = CliRun.run(Map.of(), new byte[0], "env", "scrub", "--passthrough", bad);
      assertThat(r.exit()).as(bad).isEqualTo(2);
      assertThat(r.stderr()).contains("env.passthrough");
    }
    assertThat(CliRun.run("env", "scrub", "--namespace", "lower").exit()).isEqualTo(2);
    assertThat(CliRun.run(Map.of("ACME_CHILD_ENV_PASSTHROUGH", "*"), new byte[0], "env", "scrub", "--namespace", "ACME").stderr())
        .contains("ACME_CHILD_ENV_PASSTHROUGH");
    assertThat(CliRun.run("env").exit()).isEqualTo(2);
  }

  @Test
  void aHostileRemovedNameCannotForgeLines() {
    CliRun r = CliRun.run(Map.of("EVIL\nPATH", "x"), new byte[0], "env", "scrub");
    assertThat(r.stderr()).isEqualTo("EVIL\\u000aPATH\n");
  }
}
