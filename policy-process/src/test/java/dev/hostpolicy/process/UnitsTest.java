package dev.hostpolicy.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hostpolicy.api.PolicyConfigurationException;
import dev.hostpolicy.core.text.UnescapableTextException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The value types of the launcher, without children. */
class UnitsTest {
  @TempDir Path ws;

  @Test
  void capturedOutputKeepsTheCapAndCountsTheRest() {
    CapturedOutput c = CapturedOutput.upTo(5);
    c.write("abc".getBytes(StandardCharsets.UTF_8), 0, 3);
    c.write("xdefgh".getBytes(StandardCharsets.UTF_8), 1, 5);
    assertThat(c.text()).isEqualTo("abcde");
    assertThat(c.totalBytes()).isEqualTo(8);
    assertThat(c.truncated()).isTrue();
    assertThat(c.toString()).doesNotContain("abc");
    assertThat(CapturedOutput.upTo(0).truncated()).isFalse();
    assertThatThrownBy(() -> CapturedOutput.upTo(-1)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void shellCommandsQuoteEveryWordAndCountPlaceholders() {
    assertThat(ShellCommand.of("git log -- {} | head -n {}", "it's $(x)", "5").script()).isEqualTo("git log -- 'it'\\''s $(x)' | head -n 5");
    assertThat(ShellCommand.of("echo {}", "").argv()).containsExactly("/bin/sh", "-c", "echo ''");
    assertThatThrownBy(() -> ShellCommand.of("echo {}")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ShellCommand.of("echo", "x")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ShellCommand.of("echo {}", "a\0b")).isInstanceOf(UnescapableTextException.class);
    assertThat(ShellCommand.of("echo {}", "secret").toString()).doesNotContain("secret");
  }

  @Test
  void launchSpecsAreCheckedWhenBuilt() {
    assertThatThrownBy(() -> LaunchSpec.builder().workspace(ws).build())
        .isInstanceOfSatisfying(PolicyConfigurationException.class, e -> assertThat(e.key()).contains("run.command"));
    assertThatThrownBy(() -> LaunchSpec.builder().argv("x").build())
        .isInstanceOfSatisfying(PolicyConfigurationException.class, e -> assertThat(e.key()).contains("run.workspace"));
    assertThatThrownBy(() -> LaunchSpec.builder().argv("").workspace(ws).build()).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> LaunchSpec.builder().argv("x", "a\0").workspace(ws).build()).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> LaunchSpec.builder().provider("Bad Id")).isInstanceOf(IllegalArgumentException.class);
    LaunchSpec s = LaunchSpec.builder().argv("tool", "--token", "s3cret").workspace(ws).inject("T", "s3cret")
        .dangerousArgs(List.of("--yolo")).build();
    assertThat(s.argv()).containsExactly("tool", "--token", "s3cret", "--yolo");
    assertThat(s.egress().enforced()).as("deny-all egress by default").isTrue();
    assertThat(s.egress().allowPatterns()).isEmpty();
    assertThat(s.toString()).doesNotContain("s3cret");
  }

  @Test
  void egressPatternsAreCheckedAtOnce() {
    assertThatThrownBy(() -> Egress.allow(List.of("*.com")))
        .isInstanceOfSatisfying(PolicyConfigurationException.class, e -> assertThat(e.key()).contains("egress.allow"));
    assertThatThrownBy(() -> Egress.unrestricted().proxyPort(1)).isInstanceOf(IllegalStateException.class);
    assertThat(Egress.denyAll().proxyToken()).isTrue();
    assertThat(Egress.denyAll().withoutProxyToken().proxyToken()).isFalse();
    assertThat(Egress.unrestricted().policyBuilder()).isEmpty();
  }

  @Test
  void cancelReasonsAreReasonCodes() {
    assertThat(ChildSignal.TERM.number()).isEqualTo(15);
    assertThat(ProcessGroups.platformDefault()).isEqualTo(ProcessGroups.OWN_GROUP);
  }
}
