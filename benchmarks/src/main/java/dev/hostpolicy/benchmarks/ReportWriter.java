package dev.hostpolicy.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns a JMH JSON result into a Markdown table of ratios against each benchmark's anchor.
 *
 * <p>Convention: in a benchmark class, methods whose name starts with {@code anchor} are anchors (the
 * JDK primitive or library a user would otherwise pick); every other method is ours. Each of our rows
 * is paired with every anchor of the same class and the same {@code @Param} values; rows whose
 * params are a superset use the anchor with the matching subset. The ratio column is a
 * <em>speed</em> ratio — ours over anchor for throughput, anchor over ours for time modes — so
 * {@code ≥ 1.00} means ours is at least as fast. All figures come from one run.
 *
 * <pre>{@code
 * java -cp benchmarks/target/benchmarks.jar dev.hostpolicy.benchmarks.ReportWriter result.json
 * }</pre>
 */
public final class ReportWriter {
  private ReportWriter() {}

  private record Row(String clazz, String method, Map<String, String> params, String mode, double score,
      double error, String unit, Map<String, Double> secondary) {
    boolean isAnchor() {
      return method.startsWith("anchor");
    }

    boolean timeMode() {
      return !mode.equals("thrpt");
    }
  }

  /** Prints the Markdown report for the JMH JSON file given as the only argument. */
  public static void main(String[] args) throws IOException {
    if (args.length != 1) {
      throw new IllegalArgumentException("usage: ReportWriter <jmh-result.json>");
    }
    PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true, StandardCharsets.UTF_8);
    out.print(render(new ObjectMapper().readTree(Path.of(args[0]).toFile())));
    out.flush();
  }

  /** The Markdown report for a parsed JMH result. */
  public static String render(JsonNode results) {
    List<Row> rows = new ArrayList<>();
    for (JsonNode r : results) {
      String full = r.get("benchmark").asText();
      int dot = full.lastIndexOf('.');
      Map<String, String> params = new TreeMap<>();
      if (r.has("params")) {
        r.get("params").properties().forEach(e -> params.put(e.getKey(), e.getValue().asText()));
      }
      JsonNode pm = r.get("primaryMetric");
      Map<String, Double> secondary = new LinkedHashMap<>();
      if (r.has("secondaryMetrics")) {
        r.get("secondaryMetrics").properties().forEach(e -> secondary.put(e.getKey(),
            isCounter(e.getKey()) ? meanOfRawData(e.getValue()) : e.getValue().get("score").asDouble()));
      }
      rows.add(new Row(full.substring(0, dot), full.substring(dot + 1), params, r.get("mode").asText(),
          pm.get("score").asDouble(), pm.get("scoreError").asDouble(), pm.get("scoreUnit").asText(), secondary));
    }
    StringBuilder md = new StringBuilder();
    md.append("| benchmark | params | score | anchor | anchor score | speed ratio (ours/anchor) |\n");
    md.append("|---|---|---|---|---|---|\n");
    for (Row ours : rows) {
      if (ours.isAnchor()) {
        continue;
      }
      List<Row> anchors = new ArrayList<>();
      for (Row a : rows) {
        if (a.isAnchor() && a.clazz.equals(ours.clazz) && a.mode.equals(ours.mode) && subset(a.params, ours.params)) {
          anchors.add(a);
        }
      }
      if (anchors.isEmpty()) {
        md.append(line(ours, null));
      }
      for (Row a : anchors) {
        md.append(line(ours, a));
      }
    }
    md.append("\nAnchors:\n\n| anchor | params | score |\n|---|---|---|\n");
    for (Row a : rows) {
      if (a.isAnchor()) {
        md.append("| ").append(simple(a.clazz)).append('.').append(a.method).append(" | ").append(params(a.params))
            .append(" | ").append(score(a)).append(" |\n");
      }
    }
    boolean alloc = rows.stream().anyMatch(r -> r.secondary.containsKey("·gc.alloc.rate.norm") || r.secondary.containsKey("gc.alloc.rate.norm"));
    if (alloc) {
      md.append("\nAllocation (bytes/op):\n\n| benchmark | params | B/op |\n|---|---|---|\n");
      for (Row r : rows) {
        Double b = r.secondary.getOrDefault("·gc.alloc.rate.norm", r.secondary.get("gc.alloc.rate.norm"));
        if (b != null) {
          md.append("| ").append(simple(r.clazz)).append('.').append(r.method).append(" | ").append(params(r.params))
              .append(" | ").append(String.format(Locale.ROOT, "%.1f", b)).append(" |\n");
        }
      }
    }
    boolean counters = rows.stream().anyMatch(r -> r.secondary.keySet().stream().anyMatch(ReportWriter::isCounter));
    if (counters) {
      md.append("\nCounters (@AuxCounters, mean per measurement iteration):\n\n| benchmark | params | counter | value |\n|---|---|---|---|\n");
      for (Row r : rows) {
        r.secondary.forEach((k, v) -> {
          if (isCounter(k)) {
            md.append("| ").append(simple(r.clazz)).append('.').append(r.method).append(" | ").append(params(r.params))
                .append(" | ").append(k).append(" | ").append(String.format(Locale.ROOT, "%.3f", v)).append(" |\n");
          }
        });
      }
    }
    return md.toString();
  }

  /**
   * JMH sums an {@code EVENTS} counter over the measurement iterations; the report shows its mean per
   * iteration (each iteration of a single-shot benchmark is one operation).
   */
  private static double meanOfRawData(JsonNode metric) {
    JsonNode raw = metric.get("rawData");
    double sum = 0;
    int n = 0;
    if (raw != null) {
      for (JsonNode fork : raw) {
        for (JsonNode v : fork) {
          sum += v.asDouble();
          n++;
        }
      }
    }
    return n == 0 ? metric.get("score").asDouble() : sum / n;
  }

  /** A secondary metric that is a benchmark's own counter, not a profiler's. */
  private static boolean isCounter(String name) {
    return !name.startsWith("\u00b7") && !name.startsWith("gc.") && !name.contains(":");
  }

  private static boolean subset(Map<String, String> small, Map<String, String> big) {
    for (Map.Entry<String, String> e : small.entrySet()) {
      if (!e.getValue().equals(big.get(e.getKey()))) {
        return false;
      }
    }
    return true;
  }

  private static String line(Row ours, Row anchor) {
    StringBuilder sb = new StringBuilder("| ");
    sb.append(simple(ours.clazz)).append('.').append(ours.method).append(" | ").append(params(ours.params)).append(" | ")
        .append(score(ours)).append(" | ");
    if (anchor == null) {
      return sb.append("— | — | — |\n").toString();
    }
    double ratio = ours.timeMode() ? anchor.score / ours.score : ours.score / anchor.score;
    return sb.append(anchor.method).append(" | ").append(score(anchor)).append(" | ")
        .append(String.format(Locale.ROOT, "%.2f×", ratio)).append(" |\n").toString();
  }

  private static String score(Row r) {
    return String.format(Locale.ROOT, "%.3f ± %.3f %s", r.score, r.error, r.unit);
  }

  private static String params(Map<String, String> p) {
    if (p.isEmpty()) {
      return "";
    }
    StringBuilder sb = new StringBuilder();
    p.forEach((k, v) -> sb.append(sb.length() == 0 ? "" : ", ").append(k).append('=').append(v));
    return sb.toString();
  }

  private static String simple(String clazz) {
    return clazz.substring(clazz.lastIndexOf('.') + 1);
  }
}
