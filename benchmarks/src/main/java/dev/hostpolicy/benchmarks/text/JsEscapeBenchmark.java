package dev.hostpolicy.benchmarks.text;

import dev.hostpolicy.core.text.JsEscaper;
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
 * {@link JsEscaper#stringContent(String)} over a corpus of 256 strings per operation, next to its
 * anchors: OWASP Java Encoder's {@code Encode.forJavaScript} and Commons Text's
 * {@code StringEscapeUtils.escapeEcmaScript}.
 *
 * <pre>{@code
 * benchmarks/run 'text\..*'
 * }</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class JsEscapeBenchmark {

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
  public void js(Blackhole bh) {
    for (String s : texts) {
      bh.consume(JsEscaper.stringContent(s));
    }
  }

  /** Anchor: OWASP Java Encoder. */
  @Benchmark
  public void anchorOwaspForJavaScript(Blackhole bh) {
    for (String s : texts) {
      bh.consume(Encode.forJavaScript(s));
    }
  }

  /** Anchor: Commons Text. */
  @Benchmark
  public void anchorCommonsTextEscapeEcmaScript(Blackhole bh) {
    for (String s : texts) {
      bh.consume(StringEscapeUtils.escapeEcmaScript(s));
    }
  }
}
