package dev.hostpolicy.benchmarks.process;

import dev.hostpolicy.api.spi.AuditSink;
import dev.hostpolicy.process.Egress;
import dev.hostpolicy.process.LaunchSpec;
import dev.hostpolicy.process.ProcessLauncher;
import dev.hostpolicy.process.ProcessGroups;
import dev.hostpolicy.process.RunResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Starting {@code true} and waiting for it, through the launcher — own process group via
 * {@code setsid}, scrubbed environment, working directory proven inside the workspace, the
 * straggler check of the group at exit ({@code kill -TERM -- -PGID}), audit to a discarding sink —
 * with and without the per-run egress proxy, and with {@link ProcessGroups#DESCENDANTS} (no
 * {@code setsid}, no group check); next to the anchor: a bare {@link ProcessBuilder} start of
 * {@code true} and {@code waitFor()}.
 *
 * <pre>{@code
 * benchmarks/run LaunchBenchmark
 * }</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class LaunchBenchmark {
  private Path workspace;
  private ProcessLauncher launcher;
  private ProcessLauncher noGroups;
  private LaunchSpec plain;
  private LaunchSpec proxied;

  /** A workspace and the launchers. */
  @Setup
  public void setUp() throws IOException {
    workspace = Files.createTempDirectory("launch-bench");
    launcher = ProcessLauncher.builder().auditSink(AuditSink.discarding()).build();
    noGroups = ProcessLauncher.builder().auditSink(AuditSink.discarding()).processGroups(ProcessGroups.DESCENDANTS).build();
    Map<String, String> env = Map.of("PATH", "/usr/bin:/bin", "HOME", "/tmp");
    plain = LaunchSpec.builder().argv("true").workspace(workspace).parentEnvironment(env).egress(Egress.unrestricted()).build();
    proxied = LaunchSpec.builder().argv("true").workspace(workspace).parentEnvironment(env).egress(Egress.denyAll()).build();
  }

  /** Removes the workspace. */
  @TearDown
  public void tearDown() throws IOException {
    Files.deleteIfExists(workspace);
  }

  /** Ours: the default launcher, no egress proxy. */
  @Benchmark
  public RunResult launch() throws Exception {
    return launcher.run(plain);
  }

  /** Ours: the default launcher with the per-run egress proxy (started and closed per run). */
  @Benchmark
  public RunResult launchWithEgressProxy() throws Exception {
    return launcher.run(proxied);
  }

  /** Ours: without process groups (no setsid exec, no group check at exit). */
  @Benchmark
  public RunResult launchWithoutProcessGroup() throws Exception {
    return noGroups.run(plain);
  }

  /** Anchor: a bare ProcessBuilder start of true, then waitFor. */
  @Benchmark
  public int anchorProcessBuilder() throws Exception {
    Process p = new ProcessBuilder("true").directory(workspace.toFile()).start();
    return p.waitFor();
  }
}
