package dev.hostpolicy.benchmarks.text;

import dev.hostpolicy.core.text.HtmlEscaper;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.commons.text.StringEscapeUtils;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;
import org.owasp.encoder.Encode;

/**
 * {@link HtmlEscaper#text(String)} over a corpus of 256 strings per operation, next to its
 * anchors: OWASP Java Encoder's {@code Encode.forHtml} and Commons Text's
 * {@code StringEscapeUtils.escapeHtml4}.
 *
 * <pre>{@code
 * benchmarks/run 'text\..*'
 * }</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class HtmlEscapeBenchmark {

  /** Which corpus. */
  @Param({"mostly-safe", "escape-heavy"})
  public String corpus;

  private List<String> texts;

  /** Builds the corpus. */
  @Setup
  public void setUp() {
    texts = Corpus.of(corpus);
  }

  /** Ours. */
  @Benchmark
  public void html(Blackhole bh) {
    for (String s : texts) {
      bh.consume(HtmlEscaper.text(s));
    }
  }

  /** Anchor: OWASP Java Encoder. */
  @Benchmark
  public void anchorOwaspForHtml(Blackhole bh) {
    for (String s : texts) {
      bh.consume(Encode.forHtml(s));
    }
  }

  /** Anchor: Commons Text. */
  @Benchmark
  public void anchorCommonsTextEscapeHtml4(Blackhole bh) {
    for (String s : texts) {
      bh.consume(StringEscapeUtils.escapeHtml4(s));
    }
  }
}
