package dev.hostpolicy.benchmarks.audit;

import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Threads;

/**
 * Audit appends, flush per event, two writer threads: the JSONL sink (the event serialised,
 * stamped, hash-chained, written under the directory lock, rotated at 10 MiB) next to a {@code
 * BufferedWriter} writing the same pre-serialised line and flushing it inside {@code
 * synchronized}.
 *
 * <pre>{@code
 * benchmarks/run 'AuditFlushTwoThreadsBenchmark$'
 * }</pre>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Threads(2)
public class AuditFlushTwoThreadsBenchmark {

  /** Ours. */
  @Benchmark
  public void jsonlFlushPerEvent(AuditFixtures.FlushSink s) {
    s.sink.append(s.event);
  }

  /** Anchor. */
  @Benchmark
  public void anchorBufferedWriterFlushPerLine(AuditFixtures.Writer a) throws IOException {
    synchronized (a) {
      a.writeLine();
    }
  }
}
