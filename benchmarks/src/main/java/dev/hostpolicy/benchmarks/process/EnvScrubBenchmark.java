package dev.hostpolicy.benchmarks.process;

import dev.hostpolicy.core.env.EnvironmentScrubber;
import dev.hostpolicy.core.env.ScrubResult;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Scrubbing a 200-variable parent environment (20 base-allowlist names, 30 passthrough matches, 20 in
 * the host namespace, 130 others; values 20-100 characters) with a namespace and three passthrough
 * entries, next to the anchors: a plain {@link HashMap} copy (what a host that passes everything does)
 * and a hand-written filter against a {@link HashSet} of allowed names (exact names only, no prefixes,
 * no namespace rule).
 *
 * <pre>{@code
 * benchmarks/run EnvScrub
 * }</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class EnvScrubBenchmark {
  private Map<String, String> parent;
  private EnvironmentScrubber scrubber;
  private Set<String> allowed;

  /** Builds the environment and the scrubber. */
  @Setup
  public void setUp() {
    parent = new LinkedHashMap<>();
    String[] base = {"PATH", "HOME", "USER", "LOGNAME", "SHELL", "TERM", "LANG", "LANGUAGE", "LC_ALL", "LC_CTYPE", "TZ", "TMPDIR",
        "TMP", "TEMP", "SSL_CERT_FILE", "SSL_CERT_DIR", "HTTP_PROXY", "https_proxy", "NO_PROXY", "LC_MESSAGES"};
    for (String b : base) {
      parent.put(b, value(b));
    }
    for (int i = 0; i < 15; i++) {
      parent.put("AWS_VAR_" + i, value("aws" + i));
      parent.put("NPM_CONFIG_" + i, value("npm" + i));
    }
    for (int i = 0; i < 20; i++) {
      parent.put("ACME_SETTING_" + i, value("acme" + i));
    }
    for (int i = 0; parent.size() < 200; i++) {
      parent.put("UNRELATED_VARIABLE_" + i, value("x" + i));
    }
    scrubber = EnvironmentScrubber.builder().namespace("ACME").passthrough("GITHUB_TOKEN", "AWS_*", "NPM_*")
        .platform(EnvironmentScrubber.Platform.POSIX).build();
    allowed = new HashSet<>(java.util.List.of(base));
    allowed.add("GITHUB_TOKEN");
  }

  private static String value(String seed) {
    StringBuilder sb = new StringBuilder(seed).append('=');
    while (sb.length() < 20 + Math.abs(seed.hashCode() % 80)) {
      sb.append("/usr/local/lib/").append(seed);
    }
    return sb.toString();
  }

  /** Ours: the scrub, with the sorted kept map and the removed-names report. */
  @Benchmark
  public ScrubResult scrub() {
    return scrubber.scrub(parent);
  }

  /** Anchor: copy everything. */
  @Benchmark
  public Map<String, String> anchorHashMapCopy() {
    return new HashMap<>(parent);
  }

  /** Anchor: a hand-written exact-name filter. */
  @Benchmark
  public Map<String, String> anchorSetFilter() {
    Map<String, String> out = new HashMap<>();
    for (Map.Entry<String, String> e : parent.entrySet()) {
      if (allowed.contains(e.getKey())) {
        out.put(e.getKey(), e.getValue());
      }
    }
    return out;
  }
}
