package dev.hostpolicy.core.env;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hostpolicy.api.PolicyConfigurationException;
import dev.hostpolicy.api.spi.PolicyKeys;
import dev.hostpolicy.core.HostPolicy;
import dev.hostpolicy.core.Settings;
import dev.hostpolicy.core.env.EnvironmentScrubber.Platform;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EnvironmentScrubberTest {

  private static Map<String, String> env(String... kv) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put(kv[i], kv[i + 1]);
    }
    return m;
  }

  private static EnvironmentScrubber.Builder posix() {
    return EnvironmentScrubber.builder().platform(Platform.POSIX);
  }

  @Test
  void theBaseAllowlistPassesAndEverythingElseIsRemoved() {
    ScrubResult r = posix().build().scrub(env(
        "PATH", "/usr/bin", "HOME", "/home/a", "LC_ALL", "C.UTF-8", "LC_CTYPE", "en_US", "TZ", "UTC", "TMPDIR", "/tmp",
        "http_proxy", "http://p:1", "HTTPS_PROXY", "http://p:1", "no_proxy", "x", "SSL_CERT_FILE", "/c.pem",
        "AWS_SECRET_ACCESS_KEY", "s3cr3t", "GITHUB_TOKEN", "ghp", "LC", "no", "LC_", "no", "PATHX", "no", "path", "no",
        "SystemRoot", "C:\\Windows"));
    assertThat(r.keptNames()).containsExactly("HOME", "HTTPS_PROXY", "LC_", "LC_ALL", "LC_CTYPE", "PATH", "SSL_CERT_FILE", "TMPDIR", "TZ",
        "http_proxy", "no_proxy");
    assertThat(r.removed()).containsExactly("AWS_SECRET_ACCESS_KEY", "GITHUB_TOKEN", "LC", "PATHX", "SystemRoot", "path");
    assertThat(r.kept()).containsEntry("PATH", "/usr/bin").containsEntry("LC_ALL", "C.UTF-8");
  }

  @Test
  void passthroughIsExactOrAPrefixOverPortableNames() {
    ScrubResult r = posix().passthrough("GITHUB_TOKEN", "AWS_*").build().scrub(env(
        "GITHUB_TOKEN", "a", "GITHUB_TOKEN2", "b", "GITHUB_TOKE", "c", "AWS_REGION", "d", "AWS_", "e", "AWS", "f",
        "AWS_X-Y", "g", "aws_region", "h", "AWS_\nINJECT", "i"));
    assertThat(r.keptNames()).containsExactly("AWS_", "AWS_REGION", "GITHUB_TOKEN");
    assertThat(r.removed()).containsExactly("AWS", "AWS_\nINJECT", "AWS_X-Y", "GITHUB_TOKE", "GITHUB_TOKEN2", "aws_region");
  }

  @Test
  void theNamespaceNeverPassesEvenWhenAPassthroughNamesIt() {
    ScrubResult r = posix().namespace("INFLOOP").passthrough("INFLOOP_API_TOKEN", "INF*", "INFLOOP_*", "PATH")
        .build().scrub(env("INFLOOP_API_TOKEN", "t", "INFLOOP_X", "x", "inflooP_lower", "y", "INFLOOP", "z", "INFO", "w",
            "PATH", "/bin"));
    assertThat(r.keptNames()).containsExactly("INFLOOP", "INFO", "PATH");
    assertThat(r.removed()).containsExactly("INFLOOP_API_TOKEN", "INFLOOP_X", "inflooP_lower");
  }

  @Test
  void injectionsAreAddedByNameAfterScrubbingEvenInsideTheNamespace() {
    ScrubResult r = posix().namespace("DEVLOOP").build().scrub(
        env("DEVLOOP_TOKEN", "parent", "PATH", "/bin"),
        Map.of("DEVLOOP_TOKEN", "per-run", "DEVLOOP_EVENT_URL", "http://127.0.0.1:1/e", "PATH", "/override"));
    assertThat(r.kept()).containsExactlyEntriesOf(
        new java.util.TreeMap<>(Map.of("DEVLOOP_EVENT_URL", "http://127.0.0.1:1/e", "DEVLOOP_TOKEN", "per-run", "PATH", "/override")));
    assertThat(r.removed()).containsExactly("DEVLOOP_TOKEN");
    assertThat(r.injected()).containsExactly("DEVLOOP_EVENT_URL", "DEVLOOP_TOKEN", "PATH");
  }

  @Test
  void malformedInjectionsAreRefusedWithoutEchoingTheValue() {
    EnvironmentScrubber s = posix().build();
    assertThatThrownBy(() -> s.scrub(Map.of(), Map.of("A=B", "v"))).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> s.scrub(Map.of(), Map.of("", "v"))).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> s.scrub(Map.of(), Map.of("A", "sec\0ret")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageNotContaining("sec");
  }

  @Test
  void variablesNoProcessCouldReceiveAreRemoved() {
    Map<String, String> parent = new HashMap<>();
    parent.put("PATH", "/bin\0/evil");
    parent.put("HOME", null);
    parent.put("TERM=x", "y");
    parent.put("", "empty");
    ScrubResult r = posix().passthrough("TERM").build().scrub(parent);
    assertThat(r.kept()).isEmpty();
    assertThat(r.removed()).containsExactly("", "HOME", "PATH", "TERM=x");
  }

  @Test
  void windowsEssentialsPassIgnoringCaseOnlyOnWindows() {
    Map<String, String> parent = env("SystemRoot", "C:\\Windows", "comspec", "cmd.exe", "Path", "C:\\bin", "PathExt", ".EXE",
        "ProgramFiles(x86)", "C:\\P86", "APPDATA", "C:\\a", "github_token", "t", "Secret", "s");
    ScrubResult win = EnvironmentScrubber.builder().platform(Platform.WINDOWS).passthrough("GITHUB_TOKEN").namespace("ACME")
        .build().scrub(parent);
    assertThat(win.keptNames()).containsExactlyInAnyOrder("SystemRoot", "comspec", "Path", "PathExt", "ProgramFiles(x86)", "APPDATA",
        "github_token");
    assertThat(win.removed()).containsExactly("Secret");
    ScrubResult posix = posix().passthrough("GITHUB_TOKEN").build().scrub(parent);
    assertThat(posix.kept()).isEmpty();
  }

  @Test
  void onWindowsAnInjectionReplacesAVariableDifferingOnlyInCase() {
    ScrubResult r = EnvironmentScrubber.builder().platform(Platform.WINDOWS).build()
        .scrub(env("Path", "C:\\bin"), Map.of("PATH", "C:\\tools"));
    assertThat(r.kept()).containsExactly(Map.entry("PATH", "C:\\tools"));
  }

  @Test
  void malformedPassthroughIsAConfigurationErrorNamingTheKey() {
    for (String bad : List.of("*", "", "A*B", "A-B", "1A", " A", "A,B", "ÄB*")) {
      assertThatThrownBy(() -> posix().passthrough(bad)).as(bad)
          .isInstanceOfSatisfying(PolicyConfigurationException.class,
              e -> assertThat(e.key()).contains("env.passthrough"));
    }
    assertThatThrownBy(() -> posix().namespace("acme")).isInstanceOf(PolicyConfigurationException.class);
  }

  @Test
  void applyToReplacesTheWholeTargetAndToStringShowsCountsOnly() {
    ScrubResult r = posix().build().scrub(env("PATH", "/bin", "SECRET_THING", "hunter2"));
    Map<String, String> target = new HashMap<>(Map.of("LEFTOVER", "x", "PATH", "/old"));
    r.applyTo(target);
    assertThat(target).containsExactly(Map.entry("PATH", "/bin"));
    assertThat(r.toString()).isEqualTo("ScrubResult[1 kept, 1 removed, 0 injected]").doesNotContain("hunter2");
  }

  @Test
  void theHostPolicyCarriesNamespaceAndOperatorPassthrough() {
    HostPolicy policy = HostPolicy.builder().profile("minimal").namespace("ACME")
        .settings(Settings.fromEnvironment(Map.of("ACME_CHILD_ENV_PASSTHROUGH", "NPM_*,GH_TOKEN")))
        .build();
    assertThat(policy.get(PolicyKeys.CHILD_ENV_PASSTHROUGH)).containsExactly("NPM_*", "GH_TOKEN");
    ScrubResult r = policy.environmentScrubberBuilder().platform(Platform.POSIX).build()
        .scrub(env("NPM_CONFIG_REGISTRY", "r", "GH_TOKEN", "g", "ACME_API_TOKEN", "a", "OTHER", "o"));
    assertThat(r.keptNames()).containsExactly("GH_TOKEN", "NPM_CONFIG_REGISTRY");
    assertThat(r.removed()).containsExactly("ACME_API_TOKEN", "OTHER");
    assertThatThrownBy(() -> HostPolicy.builder().profile("minimal").namespace("ACME")
        .settings(Settings.fromEnvironment(Map.of("ACME_CHILD_ENV_PASSTHROUGH", "*"))).build())
        .isInstanceOf(PolicyConfigurationException.class).hasMessageContaining("ACME_CHILD_ENV_PASSTHROUGH");
  }
}
