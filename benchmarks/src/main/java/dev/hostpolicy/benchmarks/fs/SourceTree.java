package dev.hostpolicy.benchmarks.fs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** The temp-dir workspace the benchmarks resolve in: a typical source path five levels deep, and a link to it. */
final class SourceTree {
  static final String FILE = "src/main/java/dev/App.java";
  static final String VIA_LINK = "link/App.java";
  static final String NEW_FILE = "src/main/java/dev/New.java";

  private SourceTree() {}

  /** Creates the tree in a fresh temp directory and returns the workspace root (a real path). */
  static Path create() throws IOException {
    Path ws = Files.createTempDirectory("hostpolicy-bench").toRealPath().resolve("ws");
    Files.createDirectories(ws.resolve("src/main/java/dev"));
    Files.writeString(ws.resolve(FILE), "class App {}");
    Files.createSymbolicLink(ws.resolve("link"), Path.of("src/main/java/dev"));
    return ws;
  }

  static void delete(Path ws) throws IOException {
    Path top = ws.getParent();
    List<Path> all;
    try (Stream<Path> walk = Files.walk(top)) {
      all = walk.sorted(Comparator.comparingInt(Path::getNameCount).reversed()).toList();
    }
    for (Path p : all) {
      Files.deleteIfExists(p);
    }
  }
}
