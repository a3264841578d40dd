package dev.hostpolicy.process;

import static dev.hostpolicy.process.Launchers.spec;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hostpolicy.testkit.fake.InMemoryAuditSink;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cancellation reaches grandchildren: a {@code sh} child starts a grandchild, the run is cancelled,
 * and the grandchild is gone (checked with {@link ProcessHandle}, which waits on the real process).
 */
class CancellationIT {
  private static final Duration BOUND = Duration.ofSeconds(20);
  @TempDir Path ws;
  final InMemoryAuditSink audit = InMemoryAuditSink.create();

  /** Waits (bounded) until the process is gone; true when it is. */
  static boolean gone(long pid) {
    Optional<ProcessHandle> h = ProcessHandle.of(pid);
    if (h.isEmpty()) {
      return true;
    }
    try {
      h.get().onExit().get(BOUND.toSeconds(), TimeUnit.SECONDS);
      return !h.get().isAlive();
    } catch (Exception e) {
      return false;
    }
  }

  @Test
  void aGrandchildStartedByAShellChildDiesOnCancel() throws Exception {
    TextSink out = new TextSink();
    RunningChild child = Launchers.launcher(audit).start(
        spec(ws, "sh", "-c", "sleep 1000 & echo grandchild=$!; wait").stdout(ChildOutput.to(out)).build());
    assertThat(out.awaitContains("\n", BOUND)).as("the grandchild started").isTrue();
    long grandchild = Long.parseLong(out.text().trim().replace("grandchild=", ""));
    assertThat(ProcessHandle.of(grandchild)).hasValueSatisfying(h -> assertThat(h.isAlive()).isTrue());

    assertThat(child.cancel("run.cancelled")).isTrue();
    assertThat(child.cancel("budget.wall-clock")).as("the first reason wins").isFalse();
    RunResult r = child.await(BOUND).orElseThrow();
    assertThat(r.cancelReason()).hasValue("run.cancelled");
    assertThat(r.exitCode()).isEqualTo(128 + 15);
    assertThat(gone(grandchild)).as("grandchild %s gone", grandchild).isTrue();
    assertThat(audit.events("run.settle").get(0).outcome()).isEqualTo("cancelled");
    assertThat(audit.events("run.settle").get(0).fields()).containsEntry("cancelled", "run.cancelled");
  }

  @Test
  void aChildThatIgnoresSigtermIsKilledAfterTheGracePeriod() throws Exception {
    TextSink out = new TextSink();
    ProcessLauncher l = ProcessLauncher.builder().auditSink(audit).gracePeriod(Duration.ofMillis(300)).build();
    RunningChild child = l.start(spec(ws, "sh", "-c",
        "trap 'echo got-term' TERM; sleep 1000 & g=$!; echo ready $g; while :; do wait $g; done")
        .stdout(ChildOutput.to(out)).build());
    assertThat(out.awaitContains("ready", BOUND)).isTrue();
    long grandchild = Long.parseLong(out.text().trim().split("\\s+")[1]);
    child.cancel("run.cancelled");
    RunResult r = child.await(BOUND).orElseThrow();
    assertThat(r.exitCode()).as("killed, not terminated").isEqualTo(128 + 9);
    assertThat(out.text()).contains("got-term");
    assertThat(gone(grandchild)).isTrue();
  }

  @Test
  void whatTheChildLeavesBehindInItsGroupIsReapedWhenItExits() throws Exception {
    TextSink out = new TextSink();
    // the child exits at once, leaving a background grandchild that holds no pipe of ours
    RunResult r = Launchers.launcher(audit).run(spec(ws, "sh", "-c", "sleep 1000 >/dev/null 2>&1 & echo $!")
        .stdout(ChildOutput.to(out)).build());
    assertThat(r.exitCode()).isZero();
    assertThat(r.cancelled()).isFalse();
    long straggler = Long.parseLong(out.text().trim());
    assertThat(gone(straggler)).as("straggler %s reaped", straggler).isTrue();
  }

  @Test
  void aStragglerHoldingTheOutputPipeDoesNotHangTheRun() throws Exception {
    TextSink out = new TextSink();
    RunResult r = Launchers.launcher(audit).run(spec(ws, "sh", "-c", "sleep 1000 & echo $!").stdout(ChildOutput.to(out)).build());
    assertThat(r.exitCode()).isZero();
    assertThat(gone(Long.parseLong(out.text().trim()))).isTrue();
  }

  @Test
  void signalsAreForwardedToTheWholeGroup() throws Exception {
    TextSink out = new TextSink();
    // a foreground grandchild: a non-interactive shell starts background jobs with SIGINT ignored
    RunningChild child = Launchers.launcher(audit).start(spec(ws, "sh", "-c",
        "trap 'echo child-int' INT; "
            + "sh -c 'trap \"echo grandchild-int; exit 0\" INT; echo ready; while :; do sleep 1; done'; echo done")
        .stdout(ChildOutput.to(out)).build());
    assertThat(out.awaitContains("ready", BOUND)).isTrue();
    assertThat(child.signal(ChildSignal.INT)).isTrue();
    RunResult r = child.await(BOUND).orElseThrow();
    assertThat(out.text()).contains("grandchild-int").contains("child-int").contains("done");
    assertThat(r.exitCode()).isZero();
    assertThat(r.cancelled()).isFalse();
  }

  @Test
  void withoutProcessGroupsCancellationStillReachesVisibleDescendants() throws Exception {
    TextSink out = new TextSink();
    ProcessLauncher l = ProcessLauncher.builder().auditSink(audit).processGroups(ProcessGroups.DESCENDANTS)
        .gracePeriod(Duration.ofMillis(300)).build();
    RunningChild child = l.start(spec(ws, "sh", "-c", "sleep 1000 & echo $!; wait").stdout(ChildOutput.to(out)).build());
    assertThat(out.awaitContains("\n", BOUND)).isTrue();
    long grandchild = Long.parseLong(out.text().trim());
    child.cancel("run.cancelled");
    assertThat(child.await(BOUND)).isPresent();
    assertThat(gone(grandchild)).isTrue();
    assertThat(Files.exists(ws)).isTrue();
  }
}
