package dev.hostpolicy.benchmarks.audit;

import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Threads;

/**
 * Audit appends, fsync per event, two writer threads: the JSONL sink (the event serialised,
 * stamped, hash-chained, written under the directory lock, rotated at 10 MiB) next to a {@code
 * FileChannel} writing the same pre-serialised line and forcing it inside {@code synchronized}.
 *
 * <pre>{@code
 * benchmarks/run 'AuditFsyncTwoThreadsBenchmark$'
 * }</pre>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Threads(2)
public class AuditFsyncTwoThreadsBenchmark {

  /** Ours. */
  @Benchmark
  public void jsonlFsyncPerEvent(AuditFixtures.FsyncSink s) {
    s.sink.append(s.event);
  }

  /** Anchor. */
  @Benchmark
  public void anchorFileChannelForcePerLine(AuditFixtures.ForcedChannel a) throws IOException {
    synchronized (a) {
      a.writeLine();
    }
  }
}
