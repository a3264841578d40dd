package dev.hostpolicy.process.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Both ways of signalling a process group — the kill program and the shell builtin — against a real group. */
class GroupSignalsIT {

  private static void signalsAGroup(GroupSignals signals) throws Exception {
    Path setsid = Executables.find("setsid", System.getenv("PATH")).orElseThrow();
    // a group leader with a member that prints the member's pid
    Process leader = new ProcessBuilder(List.of(setsid.toString(), "sh", "-c", "sleep 1000 & echo $!; wait")).start();
    long pgid = leader.pid();
    java.io.BufferedReader out = new java.io.BufferedReader(new java.io.InputStreamReader(leader.getInputStream()));
    String line = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
      try {
        return out.readLine();
      } catch (java.io.IOException e) {
        return null;
      }
    }).get(20, TimeUnit.SECONDS);
    ProcessHandle member = ProcessHandle.of(Long.parseLong(line.trim())).orElseThrow();
    assertThat(signals.alive(pgid)).isTrue();
    assertThat(signals.signal(pgid, "TERM")).isTrue();
    assertThat(leader.waitFor(20, TimeUnit.SECONDS)).isTrue();
    assertThat(member.onExit().orTimeout(20, TimeUnit.SECONDS).join().isAlive()).isFalse();
    assertThat(signals.alive(pgid)).isFalse();
    assertThat(signals.signal(pgid, "KILL")).as("no such group any more").isFalse();
  }

  @Test
  void theKillProgram() throws Exception {
    signalsAGroup(GroupSignals.program(Executables.find("kill", System.getenv("PATH")).orElseThrow()));
  }

  @Test
  void theShellBuiltin() throws Exception {
    signalsAGroup(GroupSignals.shellBuiltin(Path.of("/bin/sh")));
  }

  @Test
  void neverTheHostsOwnGroupOrInit() {
    GroupSignals g = GroupSignals.shellBuiltin(Path.of("/bin/sh"));
    assertThatThrownBy(() -> g.signal(1, "TERM")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> g.signal(0, "TERM")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void relativePathEntriesAreNeverTrusted() {
    assertThat(Executables.find("sh", "bin:.:")).hasValueSatisfying(p -> assertThat(p.isAbsolute()).isTrue());
    assertThat(Executables.find("hostpolicy-no-such-program", "/usr/bin")).isEmpty();
  }
}
