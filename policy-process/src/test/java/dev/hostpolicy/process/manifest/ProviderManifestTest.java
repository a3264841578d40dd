package dev.hostpolicy.process.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hostpolicy.api.PermissionMode;
import dev.hostpolicy.api.PolicyConfigurationException;
import dev.hostpolicy.api.spi.PolicyKeys;
import dev.hostpolicy.core.HostPolicy;
import dev.hostpolicy.core.env.ScrubResult;
import dev.hostpolicy.core.fs.WorkspacePaths;
import dev.hostpolicy.core.permission.ActionKind;
import dev.hostpolicy.core.permission.PermissionPolicy;
import dev.hostpolicy.process.LaunchSpec;
import dev.hostpolicy.process.manifest.ProviderManifest.DangerousArgs;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProviderManifestTest {
  static final String FULL = """
      {
        "id": "claude-code",
        "argv": ["claude", "--print"],
        "envPassthrough": ["ANTHROPIC_API_KEY", "CLAUDE_*"],
        "egressAllowlist": ["api.anthropic.com"],
        "dangerousArgs": ["--dangerously-skip-permissions"],
        "permissions": {"file-read": "auto", "file-edit": "ask", "execute": "deny"}
      }
      """;

  @TempDir Path ws;

  @Test
  void aFullManifestParses() throws Exception {
    ProviderManifest m = ProviderManifest.parse(FULL);
    assertThat(m.id()).isEqualTo("claude-code");
    assertThat(m.argv()).containsExactly("claude", "--print");
    assertThat(m.envPassthrough()).containsExactly("ANTHROPIC_API_KEY", "CLAUDE_*");
    assertThat(m.egressAllowlist()).containsExactly("api.anthropic.com");
    assertThat(m.dangerousArgs()).containsExactly("--dangerously-skip-permissions");
    assertThat(m.permissions()).containsExactly(Map.entry(ActionKind.FILE_READ, PermissionMode.AUTO),
        Map.entry(ActionKind.FILE_EDIT, PermissionMode.ASK), Map.entry(ActionKind.EXECUTE, PermissionMode.DENY));
    assertThat(ProviderManifest.parse(new ByteArrayInputStream(FULL.getBytes(StandardCharsets.UTF_8)))).isEqualTo(m);
    Path file = Files.writeString(ws.resolve("m.json"), FULL);
    assertThat(ProviderManifest.read(file)).isEqualTo(m);
    ProviderManifest minimal = ProviderManifest.parse("{\"id\":\"x\",\"argv\":[\"x\"]}");
    assertThat(minimal.envPassthrough()).isEmpty();
    assertThat(minimal.permissions()).isEmpty();
  }

  @Test
  void dangerousArgsAreAppendedOnlyOnOptIn() {
    ProviderManifest m = ProviderManifest.parse(FULL);
    assertThat(m.command(DangerousArgs.OMIT)).containsExactly("claude", "--print");
    assertThat(m.command(DangerousArgs.APPEND)).containsExactly("claude", "--print", "--dangerously-skip-permissions");
    HostPolicy policy = HostPolicy.builder().profile("minimal").build();
    WorkspacePaths workspace = WorkspacePaths.of(ws);
    LaunchSpec omit = m.launchSpec(policy, workspace, DangerousArgs.OMIT).build();
    assertThat(omit.argv()).containsExactly("claude", "--print");
    assertThat(omit.dangerousArgs()).isEmpty();
    LaunchSpec append = m.launchSpec(policy, workspace, DangerousArgs.APPEND).build();
    assertThat(append.argv()).containsExactly("claude", "--print", "--dangerously-skip-permissions");
    assertThat(append.dangerousArgs()).containsExactly("--dangerously-skip-permissions");
    assertThat(append.provider()).hasValue("claude-code");
  }

  @Test
  void theLaunchCombinesPolicyAndManifest() {
    ProviderManifest m = ProviderManifest.parse(FULL);
    HostPolicy policy = HostPolicy.builder().profile("minimal").namespace("INFLOOP")
        .add(PolicyKeys.CHILD_ENV_PASSTHROUGH, "GH_TOKEN").add(PolicyKeys.EGRESS_ALLOW, "api.github.com").build();
    LaunchSpec spec = m.launchSpec(policy, WorkspacePaths.of(ws), DangerousArgs.OMIT).build();
    ScrubResult r = spec.environment().scrub(Map.of("GH_TOKEN", "g", "ANTHROPIC_API_KEY", "a", "CLAUDE_CONFIG", "c",
        "INFLOOP_API_TOKEN", "i", "OPENAI_API_KEY", "o"));
    assertThat(r.keptNames()).containsExactly("ANTHROPIC_API_KEY", "CLAUDE_CONFIG", "GH_TOKEN");
    assertThat(spec.egress().enforced()).isTrue();
    assertThat(spec.egress().allowPatterns()).containsExactly("api.github.com", "api.anthropic.com");
    HostPolicy off = HostPolicy.builder().profile("minimal").set(PolicyKeys.EGRESS_ENFORCE, false).build();
    assertThat(m.launchSpec(off, WorkspacePaths.of(ws), DangerousArgs.OMIT).build().egress().enforced()).isFalse();
  }

  @Test
  void permissionDefaultsOnlyTighten() {
    ProviderManifest m = ProviderManifest.parse(
        "{\"id\":\"p\",\"argv\":[\"p\"],\"permissions\":{\"execute\":\"auto\",\"file-read\":\"ask\",\"web-fetch\":\"deny\"}}");
    PermissionPolicy p = m.permissionPolicy(PermissionPolicy.defaults().with(ActionKind.WEB_FETCH, PermissionMode.AUTO));
    assertThat(p.mode(ActionKind.EXECUTE)).isEqualTo(PermissionMode.DENY);
    assertThat(p.mode(ActionKind.FILE_READ)).isEqualTo(PermissionMode.ASK);
    assertThat(p.mode(ActionKind.WEB_FETCH)).isEqualTo(PermissionMode.DENY);
  }

  @Test
  void everyErrorNamesTheField() {
    String[][] cases = {
        {"{\"id\":\"x\",\"argv\":[\"x\"],\"extra\":1}", "extra"},
        {"{\"argv\":[\"x\"]}", "id"},
        {"{\"id\":\"x\"}", "argv"},
        {"{\"id\":\"X Y\",\"argv\":[\"x\"]}", "id"},
        {"{\"id\":7,\"argv\":[\"x\"]}", "id"},
        {"{\"id\":\"x\",\"argv\":[]}", "argv"},
        {"{\"id\":\"x\",\"argv\":\"x\"}", "argv"},
        {"{\"id\":\"x\",\"argv\":[\"\"]}", "argv[0]"},
        {"{\"id\":\"x\",\"argv\":[\"x\",\"a\\u0000b\"]}", "argv[1]"},
        {"{\"id\":\"x\",\"argv\":[\"x\", 1]}", "argv[1]"},
        {"{\"id\":\"x\",\"argv\":[\"x\", null]}", "argv[1]"},
        {"{\"id\":\"x\",\"argv\":[\"x\"],\"envPassthrough\":[\"A\",\"*\"]}", "envPassthrough[1]"},
        {"{\"id\":\"x\",\"argv\":[\"x\"],\"envPassthrough\":[\"A*B\"]}", "envPassthrough[0]"},
        {"{\"id\":\"x\",\"argv\":[\"x\"],\"egressAllowlist\":[\"*.com\"]}", "egressAllowlist[0]"},
        {"{\"id\":\"x\",\"argv\":[\"x\"],\"egressAllowlist\":[\"ok.example\",\"http://x\"]}", "egressAllowlist[1]"},
        {"{\"id\":\"x\",\"argv\":[\"x\"],\"dangerousArgs\":[\"\"]}", "dangerousArgs[0]"},
        {"{\"id\":\"x\",\"argv\":[\"x\"],\"permissions\":{\"bash\":\"auto\"}}", "permissions.bash"},
        {"{\"id\":\"x\",\"argv\":[\"x\"],\"permissions\":{\"execute\":\"AUTO\"}}", "permissions.execute"},
        {"{\"id\":\"x\",\"argv\":[\"x\"],\"permissions\":[\"execute\"]}", "permissions"},
        {"{\"id\":\"x\",\"id\":\"y\",\"argv\":[\"x\"]}", "manifest"},
        {"{\"id\":\"x\",\"argv\":[\"x\"]} {}", "manifest"},
        {"[]", "manifest"},
        {"{\"id\":\"x\",", "manifest"},
    };
    for (String[] c : cases) {
      assertThatThrownBy(() -> ProviderManifest.parse(c[0])).as(c[0])
          .isInstanceOfSatisfying(PolicyConfigurationException.class, e -> {
            assertThat(e.key()).as(c[0]).contains(c[1]);
            assertThat(e.getMessage()).startsWith(c[1] + ": ");
          });
    }
  }

  /**
   * Found by the Jazzer target ProviderManifestFuzzTest.manifests: bytes Jackson took for UTF-32
   * escaped parse(InputStream) as a CharConversionException. A manifest is UTF-8, read strictly.
   */
  @Test
  void bytesThatAreNotUtf8AreAConfigurationError() {
    byte[] utf32 = {0, 0, 0, '{', 0, 0, 0, '}', (byte) 0xff, (byte) 0xfe, (byte) 0xff, 0};
    byte[] latin1 = "{\"id\": \"caf\u00e9\"}".getBytes(StandardCharsets.ISO_8859_1);
    for (byte[] bytes : new byte[][] {utf32, latin1}) {
      assertThatThrownBy(() -> ProviderManifest.parse(new ByteArrayInputStream(bytes)))
          .isInstanceOf(PolicyConfigurationException.class)
          .hasMessageStartingWith("manifest: ");
    }
  }

  @Test
  void aUtf8ByteOrderMarkIsAccepted() throws Exception {
    byte[] bytes = ("\ufeff" + FULL).getBytes(StandardCharsets.UTF_8);
    assertThat(ProviderManifest.parse(new ByteArrayInputStream(bytes)).id()).isEqualTo("claude-code");
  }

  @Test
  void aMissingFileIsAConfigurationError() {
    assertThatThrownBy(() -> ProviderManifest.read(ws.resolve("nope.json"))).isInstanceOf(PolicyConfigurationException.class);
    assertThat(List.of(DangerousArgs.values())).hasSize(2);
  }
}
