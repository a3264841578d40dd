package dev.hostpolicy.process.recovery;

import dev.hostpolicy.api.spi.AuditSink;
import dev.hostpolicy.core.env.EnvironmentScrubber;
import dev.hostpolicy.core.token.RunId;
import dev.hostpolicy.process.ChildOutput;
import dev.hostpolicy.process.Egress;
import dev.hostpolicy.process.LaunchSpec;
import dev.hostpolicy.process.ProcessLauncher;
import dev.hostpolicy.process.RunningChild;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

/**
 * A host JVM for {@link RecoveryIT}: opens the pid registry in {@code args[0]}, recovers, starts one
 * run whose child ({@code sh}) spawns a grandchild ({@code sleep}) in the same process group, prints
 * {@code run ID}, {@code child PID} and (from the child) {@code grandchild PID}, then {@code ready},
 * and waits: {@code stop} on stdin shuts it down cleanly; the test may instead SIGKILL it.
 */
public final class RecoveryHost {
  private RecoveryHost() {}

  public static void main(String[] args) throws Exception {
    Path dataDir = Path.of(args[0]);
    Path workspace = Path.of(args[1]);
    PidRegistry registry = PidRegistry.open(dataDir, AuditSink.discarding());
    registry.recover(run -> System.out.println("interrupted " + run.runId()));
    ProcessLauncher launcher = ProcessLauncher.builder().auditSink(AuditSink.discarding()).observer(registry.observer()).build();
    RunId runId = RunId.generate();
    ActiveRun marker = registry.beginRun(runId.value());
    System.out.println("run " + runId.value());
    System.out.flush();
    RunningChild child = launcher.start(LaunchSpec.builder()
        .argv("/bin/sh", "-c", "sleep 600 & echo \"grandchild $!\"; wait")
        .workspace(workspace)
        .parentEnvironment(Map.of("PATH", "/usr/local/bin:/usr/bin:/bin"))
        .environment(EnvironmentScrubber.builder().platform(EnvironmentScrubber.Platform.POSIX).build())
        .egress(Egress.unrestricted())
        .stdout(ChildOutput.inherit())
        .runId(runId)
        .build());
    System.out.println("child " + child.pid());
    System.out.println("instance " + registry.instanceId());
    System.out.println("ready");
    System.out.flush();
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    for (String line = in.readLine(); line != null; line = in.readLine()) {
      if (line.equals("stop")) {
        registry.close();
        System.out.println("stopped");
        System.out.flush();
        System.exit(0);
      }
    }
    marker.close();
  }
}
