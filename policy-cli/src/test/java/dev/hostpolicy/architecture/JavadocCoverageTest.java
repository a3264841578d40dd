package dev.hostpolicy.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The conventions of DESIGN.md that live in source text: every public top-level type has Javadoc with
 * a usage example ({@code <pre>}), and every package has a {@code package-info.java} with Javadoc.
 * Reads the main sources of every module from the repository checkout.
 */
class JavadocCoverageTest {
  private static final Pattern PUBLIC_TYPE = Pattern.compile(
      "^public\\s+(?:(?:final|abstract|sealed|non-sealed|static)\\s+)*(?:class|interface|enum|record|@interface)\\s+(\\w+)",
      Pattern.MULTILINE);

  private static List<Path> mainSourceRoots() throws IOException {
    Path repo = Path.of("").toAbsolutePath().getParent();
    List<Path> roots = new ArrayList<>();
    try (Stream<Path> modules = Files.list(repo)) {
      modules.filter(m -> m.getFileName().toString().startsWith("policy-") || m.getFileName().toString().equals("benchmarks"))
          .map(m -> m.resolve("src/main/java"))
          .filter(Files::isDirectory)
          .forEach(roots::add);
    }
    assertThat(roots).as("module source roots under %s", repo).hasSizeGreaterThanOrEqualTo(6);
    return roots;
  }

  @Test
  void everyPublicTypeHasJavadocWithAnExample() throws IOException {
    List<String> missing = new ArrayList<>();
    int checked = 0;
    for (Path root : mainSourceRoots()) {
      try (Stream<Path> files = Files.walk(root)) {
        for (Path f : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".java"))::iterator) {
          String name = f.getFileName().toString();
          if (name.equals("package-info.java") || name.equals("module-info.java")) {
            continue;
          }
          String src = Files.readString(f);
          Matcher m = PUBLIC_TYPE.matcher(src);
          if (!m.find()) {
            continue;
          }
          checked++;
          String before = src.substring(0, m.start());
          int open = before.lastIndexOf("/**");
          int close = before.lastIndexOf("*/");
          String between = open < 0 || close < open ? "" : before.substring(close + 2);
          boolean documented = open >= 0 && close > open
              && between.replaceAll("\"(?:[^\"\\\\]|\\\\.)*\"", "\"\"")
                  .replaceAll("@[\\w.]+(\\([^)]*\\))?", "").isBlank()
              && before.substring(open, close).contains("<pre>");
          if (!documented) {
            missing.add(root.getParent().getParent().getParent().getFileName() + ": " + root.relativize(f));
          }
        }
      }
    }
    assertThat(checked).isGreaterThan(30);
    assertThat(missing).as("public types without Javadoc and a <pre> usage example").isEmpty();
  }

  @Test
  void everyPackageHasAPackageInfo() throws IOException {
    Set<String> missing = new TreeSet<>();
    for (Path root : mainSourceRoots()) {
      try (Stream<Path> files = Files.walk(root)) {
        files.filter(p -> p.toString().endsWith(".java") && !p.getFileName().toString().equals("module-info.java"))
            .map(Path::getParent)
            .distinct()
            .forEach(dir -> {
              Path info = dir.resolve("package-info.java");
              try {
                if (!Files.exists(info) || !Files.readString(info).contains("/**")) {
                  missing.add(root.relativize(dir).toString());
                }
              } catch (IOException e) {
                missing.add(root.relativize(dir) + " (" + e + ")");
              }
            });
      }
    }
    assertThat(missing).as("packages without a documented package-info.java").isEmpty();
  }
}
