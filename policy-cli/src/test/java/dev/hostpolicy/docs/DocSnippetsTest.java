package dev.hostpolicy.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Keeps the Java examples in README.md and docs/*.md compiled and run: each fenced {@code java}
 * block preceded by {@code <!-- snippet: NAME -->} must equal (after removing common indentation) the
 * region between {@code // snippet: NAME} and {@code // end-snippet} in a test source of this
 * repository — a test that compiles it and runs it. Every marked block must have its region.
 */
class DocSnippetsTest {
  private static final Pattern DOC_SNIPPET =
      Pattern.compile("<!-- snippet: ([a-z0-9-]+) -->\\s*\\n```java\\n(.*?)\\n```", Pattern.DOTALL);
  private static final Pattern SOURCE_SNIPPET =
      Pattern.compile("// snippet: ([a-z0-9-]+)\\n(.*?)\\n\\s*// end-snippet", Pattern.DOTALL);

  static Path repo() {
    return Path.of("").toAbsolutePath().getParent();
  }

  @Test
  void everyMarkedExampleIsCompiledAndRunInATest() throws IOException {
    Map<String, String> regions = sourceRegions();
    List<String> problems = new ArrayList<>();
    int checked = 0;
    for (Path doc : docs()) {
      Matcher m = DOC_SNIPPET.matcher(Files.readString(doc));
      while (m.find()) {
        checked++;
        String name = m.group(1);
        String region = regions.get(name);
        if (region == null) {
          problems.add(repo().relativize(doc) + ": snippet " + name + " has no source region");
        } else if (!dedent(region).equals(dedent(m.group(2)))) {
          problems.add(repo().relativize(doc) + ": snippet " + name + " differs from its source region:\n"
              + dedent(m.group(2)) + "\n--- vs source ---\n" + dedent(region));
        }
      }
    }
    assertThat(problems).isEmpty();
    assertThat(checked).as("marked snippets found").isGreaterThanOrEqualTo(1);
  }

  @Test
  void theReadmeQuickStartIsMarked() throws IOException {
    assertThat(Files.readString(repo().resolve("README.md"))).contains("<!-- snippet: readme-quick-start -->");
  }

  private static List<Path> docs() throws IOException {
    List<Path> out = new ArrayList<>();
    out.add(repo().resolve("README.md"));
    try (Stream<Path> files = Files.walk(repo().resolve("docs"))) {
      files.filter(p -> p.toString().endsWith(".md")).sorted().forEach(out::add);
    }
    return out;
  }

  private static Map<String, String> sourceRegions() throws IOException {
    Map<String, String> out = new LinkedHashMap<>();
    try (Stream<Path> modules = Files.list(repo())) {
      for (Path module : (Iterable<Path>) modules::iterator) {
        Path tests = module.resolve("src/test/java");
        if (!Files.isDirectory(tests)) {
          continue;
        }
        try (Stream<Path> files = Files.walk(tests)) {
          for (Path f : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".java"))::iterator) {
            Matcher m = SOURCE_SNIPPET.matcher(Files.readString(f));
            while (m.find()) {
              out.put(m.group(1), m.group(2));
            }
          }
        }
      }
    }
    return out;
  }

  static String dedent(String text) {
    String[] lines = text.replace("\r", "").split("\n", -1);
    int indent = Integer.MAX_VALUE;
    for (String l : lines) {
      if (!l.isBlank()) {
        indent = Math.min(indent, l.length() - l.stripLeading().length());
      }
    }
    StringBuilder sb = new StringBuilder();
    for (String l : lines) {
      sb.append(l.isBlank() ? "" : l.substring(indent).stripTrailing()).append('\n');
    }
    return sb.toString().strip();
  }
}
