package dev.hostpolicy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@code hostpolicy demo}'s usage errors (the running demo is tested as a process in DemoCliIT). */
class DemoCommandTest {

  @Test
  void aPortOutOfRangeIsAUsageError() {
    CliRun r = CliRun.run("demo", "--port", "70000");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.stderr()).contains("--port");
  }

  @Test
  void helpNamesTheOptions() {
    CliRun r = CliRun.run("help", "demo");
    assertThat(r.exit()).isZero();
    assertThat(r.out()).contains("--data-dir").contains("--port");
  }
}
