package dev.hostpolicy.testkit.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** Runs real interpreters for the oracle tests: one process per batch, a clean environment, a bound. */
final class Oracles {
  private Oracles() {}

  /** The absolute path of {@code name} on the PATH, if present. */
  static Optional<Path> which(String name) {
    for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
      Path p = Path.of(dir.isEmpty() ? "." : dir, name);
      if (Files.isExecutable(p)) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }

  /** A python3 that can {@code import yaml}: the one on the PATH, else the system one. */
  static Optional<Path> pythonWithYaml() {
    List<Path> candidates = new ArrayList<>();
    which("python3").ifPresent(candidates::add);
    candidates.add(Path.of("/usr/bin/python3"));
    for (Path p : candidates) {
      try {
        if (Files.isExecutable(p) && run(List.of(p.toString(), "-c", "import yaml"), new byte[0], Map.of()).exit == 0) {
          return Optional.of(p);
        }
      } catch (IOException e) {
        // try the next one
      }
    }
    return Optional.empty();
  }

  record Result(int exit, byte[] stdout, String stderr) {
    String out() {
      return new String(stdout, StandardCharsets.UTF_8);
    }
  }

  /** Runs {@code command} with only PATH, HOME and {@code env} set; stdin from {@code input}. */
  static Result run(List<String> command, byte[] input, Map<String, String> env) throws IOException {
    ProcessBuilder pb = new ProcessBuilder(command);
    Map<String, String> e = pb.environment();
    Map<String, String> keep = new HashMap<>();
    keep.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
    keep.put("HOME", System.getProperty("java.io.tmpdir"));
    keep.put("LC_ALL", "C.UTF-8");
    keep.putAll(env);
    e.clear();
    e.putAll(keep);
    Path in = Files.createTempFile("oracle", ".in");
    Path out = Files.createTempFile("oracle", ".out");
    Path err = Files.createTempFile("oracle", ".err");
    try {
      Files.write(in, input);
      pb.redirectInput(in.toFile()).redirectOutput(out.toFile()).redirectError(err.toFile());
      Process p = pb.start();
      boolean done;
      try {
        done = p.waitFor(300, TimeUnit.SECONDS);
      } catch (InterruptedException ie) {
        Thread.currentThread().interrupt();
        p.destroyForcibly();
        throw new IOException("interrupted", ie);
      }
      if (!done) {
        p.destroyForcibly();
      }
      assertThat(done).as("%s finished within 300 s", command.get(0)).isTrue();
      return new Result(p.exitValue(), Files.readAllBytes(out), Files.readString(err, StandardCharsets.UTF_8));
    } finally {
      Files.deleteIfExists(in);
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }

  /** Splits NUL-terminated records. */
  static List<String> nulRecords(byte[] bytes) {
    List<String> out = new ArrayList<>();
    int from = 0;
    for (int i = 0; i < bytes.length; i++) {
      if (bytes[i] == 0) {
        out.add(new String(bytes, from, i - from, StandardCharsets.UTF_8));
        from = i + 1;
      }
    }
    assertThat(from).as("output ends with a NUL terminator").isEqualTo(bytes.length);
    return out;
  }

  /** Java-escaped text for failure messages (controls and non-ASCII made visible). */
  static String show(String s) {
    StringBuilder sb = new StringBuilder("\"");
    s.codePoints().forEach(cp -> {
      if (cp >= 0x20 && cp < 0x7f && cp != '"' && cp != '\\') {
        sb.append((char) cp);
      } else {
        sb.append(String.format("\\u{%x}", cp));
      }
    });
    return sb.append('"').toString();
  }

  /** The first few mismatches between expected and actual, for the failure message. */
  static List<String> mismatches(List<String> expected, List<String> actual, List<String> escaped) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < Math.min(expected.size(), actual.size()) && out.size() < 5; i++) {
      if (!expected.get(i).equals(actual.get(i))) {
        out.add("#" + i + " input " + show(expected.get(i)) + " escaped " + show(escaped.get(i)) + " came back as "
            + show(actual.get(i)));
      }
    }
    return out;
  }
}
