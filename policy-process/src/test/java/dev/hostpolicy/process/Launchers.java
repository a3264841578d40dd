package dev.hostpolicy.process;

import dev.hostpolicy.core.env.EnvironmentScrubber;
import dev.hostpolicy.testkit.fake.InMemoryAuditSink;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/** Shared set-up for the launcher tests. */
final class Launchers {
  private Launchers() {}

  /** A small, explicit parent environment: the tests never depend on the real JVM environment. */
  static final Map<String, String> PARENT = Map.of("PATH", "/usr/local/bin:/usr/bin:/bin", "HOME", "/tmp", "LANG", "C.UTF-8");

  static ProcessLauncher launcher(InMemoryAuditSink audit) {
    return ProcessLauncher.builder().auditSink(audit).gracePeriod(Duration.ofMillis(500)).build();
  }

  static LaunchSpec.Builder spec(Path workspace, String... argv) {
    return LaunchSpec.builder().argv(argv).workspace(workspace).parentEnvironment(PARENT)
        .environment(EnvironmentScrubber.builder().platform(EnvironmentScrubber.Platform.POSIX).build())
        .egress(Egress.unrestricted());
  }
}
