package dev.hostpolicy.process;

import static dev.hostpolicy.process.Launchers.spec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hostpolicy.api.PolicyConfigurationException;
import dev.hostpolicy.api.PolicyViolationException;
import dev.hostpolicy.api.spi.AuditEvent;
import dev.hostpolicy.testkit.fake.FakeTimeSource;
import dev.hostpolicy.testkit.fake.InMemoryAuditSink;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The launcher with real children: argv, exit status, process group, audit, observers, injected clock. */
class LauncherIT {
  @TempDir Path ws;
  final InMemoryAuditSink audit = InMemoryAuditSink.create();

  @Test
  void argvReachesTheProgramAsIsWithoutAShell() throws Exception {
    CapturedOutput out = CapturedOutput.upTo(4096);
    RunResult r = Launchers.launcher(audit).run(spec(ws, "printf", "%s|", "$(id)", "a b", "*", "'\"", "")
        .stdout(ChildOutput.to(out)).build());
    assertThat(r.exitCode()).isZero();
    assertThat(out.text()).isEqualTo("$(id)|a b|*|'\"||");
    assertThat(r.stdoutBytes()).isEqualTo(out.totalBytes());
    assertThat(r.stderrBytes()).as("discarded: the null device, not counted").isEqualTo(-1);
  }

  @Test
  void exitStatusAndDeathBySignalAreReportedAsTheShellDoes() throws Exception {
    ProcessLauncher l = Launchers.launcher(audit);
    assertThat(l.run(spec(ws, "sh", "-c", "exit 7").build()).exitCode()).isEqualTo(7);
    assertThat(l.run(spec(ws, "sh", "-c", "kill -TERM $$").build()).exitCode()).isEqualTo(128 + 15);
    assertThat(l.run(spec(ws, "sh", "-c", "kill -KILL $$").build()).exitCode()).isEqualTo(128 + 9);
    RunResult missing = l.run(spec(ws, "no-such-program-hostpolicy").build());
    assertThat(missing.exitCode()).isEqualTo(127); // setsid's exec failure, like a shell's "command not found"
  }

  @Test
  void theChildLeadsItsOwnProcessGroupAndSessionAndTheAuditRecordsIt() throws Exception {
    CapturedOutput out = CapturedOutput.upTo(4096);
    RunningChild child = Launchers.launcher(audit).start(spec(ws, "sh", "-c", "ps -o pid=,pgid=,sid= -p $$").stdout(ChildOutput.to(out)).build());
    RunResult r = child.await();
    assertThat(r.exitCode()).isZero();
    String[] ids = out.text().trim().split("\\s+");
    assertThat(ids).containsExactly(String.valueOf(child.pid()), String.valueOf(child.pid()), String.valueOf(child.pid()));
    assertThat(ProcessHandle.current().pid()).isNotEqualTo(child.pid());
    assertThat(child.info().processGroup()).hasValue(child.pid());
    assertThat(child.info().startTime()).isPresent();
    assertThat(child.info().workingDirectory()).isEqualTo(ws.toRealPath());

    AuditEvent start = audit.events("run.start").get(0);
    assertThat(start.correlationId()).hasValue(child.runId().value());
    assertThat(start.fields()).containsEntry("run", child.runId().value()).containsEntry("program", "sh")
        .containsEntry("argCount", 2L).containsEntry("pid", child.pid()).containsEntry("pgid", child.pid())
        .containsEntry("egress", "unrestricted").containsEntry("shell", false).containsKey("startTime");
    assertThat(start.fields().get("envKept")).isEqualTo(List.of("HOME", "LANG", "PATH"));
    AuditEvent settle = audit.events("run.settle").get(0);
    assertThat(settle.outcome()).isEqualTo("ok");
    assertThat(settle.fields()).containsEntry("exit", 0L).containsEntry("pid", child.pid()).containsKey("durationMs");
  }

  @Test
  void durationIsMeasuredOnTheInjectedClock() throws Exception {
    FakeTimeSource clock = FakeTimeSource.create();
    ProcessLauncher l = ProcessLauncher.builder().auditSink(audit).timeSource(clock)
        .observer(new RunObserver() {
          @Override
          public void onStart(RunningChild child) {
            clock.advance(Duration.ofSeconds(42));
          }
        }).build();
    // the child runs until cancelled, which happens after onStart moved the clock: the fake clock only moves there
    RunningChild child = l.start(spec(ws, "sleep", "1000").build());
    child.cancel("run.cancelled");
    RunResult r = child.await();
    assertThat(r.duration()).isEqualTo(Duration.ofSeconds(42));
    assertThat(audit.events("run.settle").get(0).fields()).containsEntry("durationMs", 42_000L);
  }

  @Test
  void observersSeeStartAndExitInOrder() throws Exception {
    List<String> seen = new CopyOnWriteArrayList<>();
    RunObserver o = new RunObserver() {
      @Override
      public void onStart(RunningChild child) {
        seen.add("start " + child.pid() + " " + child.info().processGroup().getAsLong());
      }

      @Override
      public void onExit(RunningChild child, RunResult result) {
        seen.add("exit " + child.pid() + " " + result.exitCode() + " alive=" + ProcessHandle.of(child.pid()).map(ProcessHandle::isAlive).orElse(false));
      }
    };
    RunningChild c = ProcessLauncher.builder().auditSink(audit).observer(o).build().start(spec(ws, "sh", "-c", "exit 3").build());
    c.await();
    assertThat(seen).containsExactly("start " + c.pid() + " " + c.pid(), "exit " + c.pid() + " 3 alive=false");
  }

  @Test
  void aChildThatExitsAtOnceIsStillRecordedInOrder() throws Exception {
    for (int i = 0; i < 20; i++) {
      List<String> seen = new CopyOnWriteArrayList<>();
      InMemoryAuditSink sink = InMemoryAuditSink.create();
      RunObserver o = new RunObserver() {
        @Override
        public void onStart(RunningChild child) {
          seen.add("start");
        }

        @Override
        public void onExit(RunningChild child, RunResult result) {
          seen.add("exit");
        }
      };
      ProcessLauncher.builder().auditSink(sink).observer(o).build().run(spec(ws, "true").build());
      assertThat(seen).containsExactly("start", "exit");
      assertThat(sink.events()).extracting(AuditEvent::event).containsExactly("run.start", "run.settle");
    }
  }

  @Test
  void anObserverThatFailsAtStartGetsTheChildKilled() throws Exception {
    Path marker = ws.resolve("survived");
    List<Long> pids = new ArrayList<>();
    ProcessLauncher l = ProcessLauncher.builder().auditSink(audit).gracePeriod(Duration.ofSeconds(30)).observer(new RunObserver() {
      @Override
      public void onStart(RunningChild child) {
        pids.add(child.pid());
        throw new IllegalStateException("pid registry full");
      }
    }).build();
    assertThatThrownBy(() -> l.start(spec(ws, "sh", "-c", "trap '' TERM; sleep 5; touch survived").build()))
        .isInstanceOfSatisfying(PolicyViolationException.class, e -> assertThat(e.reason()).isEqualTo("run.observer-failed"));
    assertThat(ProcessHandle.of(pids.get(0)).map(h -> h.onExit().orTimeout(10, TimeUnit.SECONDS).join().isAlive()).orElse(false)).isFalse();
    assertThat(marker).doesNotExist();
    assertThat(audit.events("run.settle").get(0).fields()).containsEntry("cancelled", "run.aborted");
  }

  @Test
  void anAuditSinkThatCannotRecordTheStartGetsTheChildKilled() throws Exception {
    InMemoryAuditSink failing = InMemoryAuditSink.create();
    failing.failWith(new IllegalStateException("disk full"));
    assertThatThrownBy(() -> Launchers.launcher(failing).start(spec(ws, "sh", "-c", "sleep 5; touch survived").build()))
        .isInstanceOfSatisfying(PolicyViolationException.class, e -> assertThat(e.reason()).isEqualTo("run.audit-failed"));
    assertThat(ws.resolve("survived")).doesNotExist();
  }

  @Test
  void launcherConfigurationErrorsAreNamed() {
    assertThatThrownBy(() -> ProcessLauncher.builder().build())
        .isInstanceOfSatisfying(PolicyConfigurationException.class, e -> assertThat(e.key()).contains("run.audit-sink"));
    assertThatThrownBy(() -> ProcessLauncher.builder().auditSink(audit).setsidExecutable(ws.resolve("no-setsid")).build())
        .isInstanceOfSatisfying(PolicyConfigurationException.class, e -> assertThat(e.key()).contains("process.setsid"));
    assertThatThrownBy(() -> ProcessLauncher.builder().auditSink(audit).gracePeriod(Duration.ofMinutes(11)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aProgramTheOperatingSystemCannotStartIsAuditedAsFailed() throws Exception {
    ProcessLauncher l = ProcessLauncher.builder().auditSink(audit).processGroups(ProcessGroups.DESCENDANTS).build();
    assertThatThrownBy(() -> l.start(spec(ws, "/hostpolicy/no/such/program").egress(Egress.denyAll()).build()))
        .isInstanceOf(java.io.IOException.class);
    assertThat(audit.events("run.failed")).singleElement()
        .satisfies(e -> assertThat(e.fields()).containsEntry("program", "/hostpolicy/no/such/program"));
    assertThat(audit.events("run.start")).isEmpty();
  }

  @Test
  void withoutProcessGroupsTheChildStaysInTheHostsGroup() throws Exception {
    CapturedOutput out = CapturedOutput.upTo(4096);
    ProcessLauncher l = ProcessLauncher.builder().auditSink(audit).processGroups(ProcessGroups.DESCENDANTS).build();
    RunningChild c = l.start(spec(ws, "sh", "-c", "ps -o pgid= -p $$").stdout(ChildOutput.to(out)).build());
    c.await();
    assertThat(c.info().processGroup()).isEmpty();
    assertThat(Long.parseLong(out.text().trim())).isNotEqualTo(c.pid());
    assertThat(Files.exists(ws)).isTrue();
  }
}
