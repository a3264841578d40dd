package dev.hostpolicy.docs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hostpolicy.api.spi.AuditSink;
import dev.hostpolicy.core.env.EnvironmentScrubber;
import dev.hostpolicy.core.token.RunId;
import dev.hostpolicy.process.Egress;
import dev.hostpolicy.process.LaunchSpec;
import dev.hostpolicy.process.ProcessLauncher;
import dev.hostpolicy.process.RunResult;
import dev.hostpolicy.process.recovery.ActiveRun;
import dev.hostpolicy.process.recovery.PidRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The example of docs/crash-recovery.md, compiled and run with a real child. */
class CrashRecoveryDocIT {

  @Test
  void startRecoverRunShutDown(@TempDir Path tmp) throws Exception {
    Path dataDir = tmp.resolve("data");
    Path workspace = Files.createDirectories(tmp.resolve("ws"));
    AuditSink audit = AuditSink.discarding();
    List<String> failedRuns = new ArrayList<>();
    RunId runId = RunId.generate();
    LaunchSpec spec = LaunchSpec.builder().argv("true").workspace(workspace).runId(runId)
        .environment(EnvironmentScrubber.builder().build()).egress(Egress.unrestricted()).build();
    // snippet: crash-recovery-host
    PidRegistry registry = PidRegistry.open(dataDir, audit);     // takes this instance's lock
    registry.recover(run -> failedRuns.add(run.runId()));        // before serving anything
    ProcessLauncher launcher = ProcessLauncher.builder()
        .auditSink(audit)
        .observer(registry.observer())                           // every child in <data-dir>/pids/
        .build();

    try (ActiveRun marker = registry.beginRun(runId.value())) { // <data-dir>/active-runs/
      RunResult result = launcher.run(spec);
      // record the result; closing the marker says the run has settled
    }

    registry.close();                                           // reaps children, leaves nothing
    // end-snippet
    assertThat(failedRuns).isEmpty();
    try (Stream<Path> s = Files.walk(dataDir)) {
      assertThat(s.filter(Files::isRegularFile).map(p -> p.getFileName().toString()))
          .allMatch(n -> n.equals("recovery.lock"));
    }
  }
}
