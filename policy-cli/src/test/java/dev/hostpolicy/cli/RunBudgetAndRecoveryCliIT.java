package dev.hostpolicy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code hostpolicy run --max-duration} and the pid registry of {@code run --data-dir}, as real
 * processes against the shaded jar: the budget stops the whole process group and exits 3; a
 * {@code run} killed with SIGKILL leaves its child and grandchild behind, and the next {@code run}
 * with the same data directory reaps them and audits the run as interrupted.
 */
class RunBudgetAndRecoveryCliIT {
  private static final Path JAR = Path.of("target/hostpolicy.jar").toAbsolutePath();
  private static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();
  private static final Duration BOUND = Duration.ofSeconds(30);

  @TempDir Path dir;

  @Test
  void theWallClockBudgetStopsTheWholeProcessGroupAndExits3() throws Exception {
    Path gc = dir.resolve("grandchild");
    CliIT.Result r = RunCliIT.jar(RunCliIT.ENV, "run", "--max-duration", "700ms", "--", "sh", "-c",
        "sleep 120 & echo $! > \"$1\"; wait", "sh", gc.toString());
    assertThat(r.exit()).as(r.err()).isEqualTo(3);
    assertThat(r.err()).contains("budget.wall-clock");
    long grandchild = Long.parseLong(Files.readString(gc).trim());
    assertThat(await(() -> !alive(grandchild))).as("the grandchild was stopped too").isTrue();
  }

  @Test
  void withinItsBudgetTheCommandsOwnStatusComesBack() throws Exception {
    assertThat(RunCliIT.jar(RunCliIT.ENV, "run", "--max-duration", "30s", "--", "true").exit()).isZero();
    assertThat(RunCliIT.jar(RunCliIT.ENV, "run", "--max-duration", "PT1M", "--", "sh", "-c", "exit 4").exit()).isEqualTo(4);
    CliIT.Result bad = RunCliIT.jar(RunCliIT.ENV, "run", "--max-duration", "soon", "--", "true");
    assertThat(bad.exit()).isEqualTo(2);
    assertThat(bad.err()).contains("--max-duration");
  }

  @Test
  void aCrashedRunIsReapedByTheNextRunWithTheSameDataDirectory() throws Exception {
    Path data = dir.resolve("data");
    Path child = dir.resolve("child");
    Path gc = dir.resolve("grandchild");
    ProcessBuilder pb = new ProcessBuilder(JAVA, "-jar", JAR.toString(), "run", "--data-dir", data.toString(), "--",
        "sh", "-c", "sleep 600 & echo $! > \"$2\"; echo $$ > \"$1\"; wait", "sh", child.toString(), gc.toString())
        .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD);
    pb.environment().clear();
    pb.environment().putAll(RunCliIT.ENV);
    Process crashed = pb.start();
    long childPid = 0;
    long gcPid = 0;
    try {
      assertThat(await(() -> nonEmpty(child) && nonEmpty(gc) && count(data.resolve("pids")) == 1)).as("the command started").isTrue();
      childPid = Long.parseLong(Files.readString(child).trim());
      gcPid = Long.parseLong(Files.readString(gc).trim());
      assertThat(names(data.resolve("pids"))).hasSize(1);
      assertThat(names(data.resolve("active-runs"))).hasSize(1);

      crashed.destroyForcibly(); // SIGKILL
      assertThat(crashed.waitFor(BOUND.toSeconds(), TimeUnit.SECONDS)).isTrue();
      assertThat(alive(childPid)).as("the crash left the child behind").isTrue();
      assertThat(alive(gcPid)).as("and the grandchild").isTrue();

      CliIT.Result next = RunCliIT.jar(RunCliIT.ENV, "run", "--data-dir", data.toString(), "--", "true");
      assertThat(next.exit()).as(next.err()).isZero();
      long c = childPid;
      long g = gcPid;
      assertThat(await(() -> !alive(c) && !alive(g))).as("child and grandchild reaped").isTrue();
      assertThat(names(data.resolve("pids"))).isEmpty();
      assertThat(names(data.resolve("active-runs"))).isEmpty();
      assertThat(names(data.resolve("instances"))).isEmpty();
      String log = Files.readString(data.resolve("audit/audit.jsonl"));
      assertThat(log).contains("\"run.reconciled\"").contains("\"interrupted\"");
      CliIT.Result verify = RunCliIT.jar(RunCliIT.ENV, "audit", "verify", "--dir", data.toString());
      assertThat(verify.exit()).as(verify.out() + verify.err()).isZero();
    } finally {
      crashed.destroyForcibly();
      for (long pid : new long[] {childPid, gcPid}) {
        if (pid > 1) {
          ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        }
      }
    }
  }

  private static boolean nonEmpty(Path f) {
    try {
      return Files.exists(f) && Files.readString(f).endsWith("\n");
    } catch (IOException e) {
      return false;
    }
  }

  /** Running and not a zombie (as {@code ps} would show it). */
  private static boolean alive(long pid) {
    Optional<ProcessHandle> h = ProcessHandle.of(pid);
    if (h.isEmpty() || !h.get().isAlive()) {
      return false;
    }
    try {
      String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
      return stat.charAt(stat.lastIndexOf(')') + 2) != 'Z';
    } catch (IOException e) {
      return false;
    }
  }

  private static boolean await(BooleanSupplier condition) {
    long deadline = System.nanoTime() + BOUND.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() - deadline > 0) {
        return false;
      }
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
    }
    return true;
  }

  /** Records with their final names (not a temporary file that a write is about to rename). */
  private static int count(Path d) {
    try {
      return (int) names(d).stream().filter(n -> !n.startsWith(".") && n.endsWith(".json")).count();
    } catch (IOException e) {
      return -1;
    }
  }

  private static List<String> names(Path d) throws IOException {
    if (!Files.isDirectory(d)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(d)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }
}
