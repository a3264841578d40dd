package dev.hostpolicy.benchmarks.audit;

import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Threads;

/**
 * Audit appends, flush per event: the JSONL sink (the event serialised, stamped, hash-chained,
 * written under the directory lock, rotated at 10 MiB) next to a {@code BufferedWriter} writing
 * the same pre-serialised line and flushing it.
 *
 * <pre>{@code
 * benchmarks/run 'AuditFlushBenchmark$'
 * }</pre>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Threads(1)
public class AuditFlushBenchmark {

  /** Ours. */
  @Benchmark
  public void jsonlFlushPerEvent(AuditFixtures.FlushSink s) {
    s.sink.append(s.event);
  }

  /** Anchor. */
  @Benchmark
  public void anchorBufferedWriterFlushPerLine(AuditFixtures.Writer a) throws IOException {
    a.writeLine();
  }
}
