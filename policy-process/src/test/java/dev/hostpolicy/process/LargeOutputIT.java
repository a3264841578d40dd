package dev.hostpolicy.process;

import static dev.hostpolicy.process.Launchers.spec;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hostpolicy.testkit.fake.InMemoryAuditSink;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * 50 MiB on standard output and 50 MiB on standard error at the same time: a launcher that drained one
 * stream before the other would deadlock (the child blocks on the full pipe it is not read from and
 * {@code wait}s forever); ours finishes, counts every byte and keeps only what the capture's cap allows.
 */
class LargeOutputIT {
  private static final long FIFTY_MIB = 50L * 1024 * 1024;
  @TempDir Path ws;

  @Test
  void bothStreamsAreDrainedConcurrentlyWithBoundedMemory() throws Exception {
    CapturedOutput out = CapturedOutput.upTo(1 << 20);
    AtomicLong errBytes = new AtomicLong();
    AtomicLong nonZero = new AtomicLong();
    OutputSink counting = (b, off, len) -> {
      errBytes.addAndGet(len);
      for (int i = off; i < off + len; i++) {
        if (b[i] != 'e') {
          nonZero.incrementAndGet();
        }
      }
    };
    RunningChild child = Launchers.launcher(InMemoryAuditSink.create()).start(spec(ws, "sh", "-c",
        "head -c " + FIFTY_MIB + " /dev/zero | tr '\\0' e >&2 & head -c " + FIFTY_MIB + " /dev/zero; wait")
        .stdout(ChildOutput.to(out)).stderr(ChildOutput.to(counting)).build());
    RunResult r = child.await(Duration.ofSeconds(120)).orElseThrow(() -> new AssertionError("the run did not finish: deadlock?"));
    assertThat(r.exitCode()).isZero();
    assertThat(r.stdoutBytes()).isEqualTo(FIFTY_MIB);
    assertThat(r.stderrBytes()).isEqualTo(FIFTY_MIB);
    assertThat(errBytes).hasValue(FIFTY_MIB);
    assertThat(nonZero).hasValue(0);
    assertThat(out.totalBytes()).isEqualTo(FIFTY_MIB);
    assertThat(out.bytes()).hasSize(1 << 20);
    assertThat(out.truncated()).isTrue();
  }

  @Test
  void discardedOutputGoesToTheNullDevice() throws Exception {
    RunResult r = Launchers.launcher(InMemoryAuditSink.create()).run(spec(ws, "sh", "-c",
        "head -c " + FIFTY_MIB + " /dev/zero >&2 & head -c " + FIFTY_MIB + " /dev/zero; wait").build());
    assertThat(r.exitCode()).isZero();
    assertThat(r.stdoutBytes()).isEqualTo(-1);
    assertThat(r.stderrBytes()).isEqualTo(-1);
  }

  @Test
  void aSinkThatFailsIsDroppedAndTheStreamStillDrained() throws Exception {
    OutputSink broken = (b, off, len) -> {
      throw new java.io.IOException("disk full");
    };
    RunResult r = Launchers.launcher(InMemoryAuditSink.create()).run(spec(ws, "head", "-c", String.valueOf(4L << 20), "/dev/zero")
        .stdout(ChildOutput.to(broken)).build());
    assertThat(r.exitCode()).isZero();
    assertThat(r.stdoutBytes()).isEqualTo(4L << 20);
  }
}
