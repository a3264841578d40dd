package dev.hostpolicy.process;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hostpolicy.core.HostPolicy;
import dev.hostpolicy.core.fs.WorkspacePaths;
import dev.hostpolicy.process.manifest.ProviderManifest;
import dev.hostpolicy.process.manifest.ProviderManifest.DangerousArgs;
import dev.hostpolicy.testkit.fake.InMemoryAuditSink;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A provider run from its manifest: dangerous arguments reach the child only on opt-in, and then they are audited. */
class ManifestLaunchIT {
  @TempDir Path ws;

  @Test
  void dangerousArgsReachTheChildOnlyOnOptInAndAreAudited() throws Exception {
    ProviderManifest m = ProviderManifest.parse(
        "{\"id\":\"echo-agent\",\"argv\":[\"printf\",\"%s \",\"run\"],\"dangerousArgs\":[\"--yolo\"]}");
    HostPolicy policy = HostPolicy.builder().profile("minimal").build();
    InMemoryAuditSink audit = InMemoryAuditSink.create();
    ProcessLauncher launcher = Launchers.launcher(audit);

    CapturedOutput safe = CapturedOutput.upTo(100);
    launcher.run(m.launchSpec(policy, WorkspacePaths.of(ws), DangerousArgs.OMIT).parentEnvironment(Launchers.PARENT)
        .stdout(ChildOutput.to(safe)).build());
    assertThat(safe.text()).isEqualTo("run ");
    assertThat(audit.events("run.dangerous-args")).isEmpty();
    assertThat(audit.events("run.start").get(0).fields()).containsEntry("provider", "echo-agent").doesNotContainKey("dangerousArgs");

    CapturedOutput yolo = CapturedOutput.upTo(100);
    launcher.run(m.launchSpec(policy, WorkspacePaths.of(ws), DangerousArgs.APPEND).parentEnvironment(Launchers.PARENT)
        .stdout(ChildOutput.to(yolo)).build());
    assertThat(yolo.text()).isEqualTo("run --yolo ");
    assertThat(audit.events("run.dangerous-args")).singleElement().satisfies(e -> {
      assertThat(e.outcome()).isEqualTo("allowed");
      assertThat(e.fields()).containsEntry("provider", "echo-agent").containsEntry("args", java.util.List.of("--yolo"));
    });
    assertThat(audit.events("run.start").get(1).fields()).containsEntry("dangerousArgs", java.util.List.of("--yolo"));
  }
}
