package dev.hostpolicy.process;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hostpolicy.testkit.TextArbitraries;
import dev.hostpolicy.testkit.fake.InMemoryAuditSink;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * The shell opt-in with {@code /bin/sh} as the oracle: hostile words, placed into a template, reach
 * the command as exactly one argument each ({@code printf '%s\0'} prints them back).
 */
class ShellCommandIT {
  static Path ws;

  @BeforeContainer
  static void workspace() throws Exception {
    ws = Files.createTempDirectory("shell-it");
  }

  @AfterContainer
  static void clean() throws Exception {
    Files.deleteIfExists(ws);
  }

  @Property(tries = 60)
  void everyWordIsExactlyOneArgument(@ForAll("words") String a, @ForAll("words") String b) throws Exception {
    ShellCommand cmd = ShellCommand.of("printf '%s\\0' {} fixed {} | cat", a, b);
    CapturedOutput out = CapturedOutput.upTo(1 << 16);
    RunResult r = Launchers.launcher(InMemoryAuditSink.create())
        .run(LaunchSpec.builder().shell(cmd).workspace(ws).parentEnvironment(Launchers.PARENT).egress(Egress.unrestricted())
            .stdout(ChildOutput.to(out)).build());
    assertThat(r.exitCode()).isZero();
    assertThat(new String(out.bytes(), StandardCharsets.UTF_8)).isEqualTo(a + "\0fixed\0" + b + "\0");
  }

  @Property(tries = 20)
  void dangerousArgsAreAppendedAsQuotedWords(@ForAll("words") String a) throws Exception {
    CapturedOutput out = CapturedOutput.upTo(1 << 16);
    InMemoryAuditSink audit = InMemoryAuditSink.create();
    Launchers.launcher(audit).run(LaunchSpec.builder().shell(ShellCommand.of("printf '%s\\0'")).dangerousArgs(List.of(a, "--yolo"))
        .workspace(ws).parentEnvironment(Launchers.PARENT).egress(Egress.unrestricted()).stdout(ChildOutput.to(out)).build());
    assertThat(new String(out.bytes(), StandardCharsets.UTF_8)).isEqualTo(a + "\0--yolo\0");
    assertThat(audit.events("run.dangerous-args")).hasSize(1);
  }

  @Provide
  Arbitrary<String> words() {
    // no NUL (a C string cannot hold it); must survive the UTF-8 round trip through the child
    return TextArbitraries.hostileTextWithoutNul().filter(s -> s.equals(new String(s.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8)));
  }

}
