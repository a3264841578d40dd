package dev.hostpolicy.testkit.fs;

import dev.hostpolicy.testkit.WorkspaceTree;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** Snapshots and clean-up of generated sandboxes, never following links. */
final class Sandboxes {
  private Sandboxes() {}

  /** Everything in {@code sandbox} outside the workspace: relative path → kind and content or link target. */
  static Map<String, String> outside(Path sandbox) throws IOException {
    Map<String, String> out = new TreeMap<>();
    Path ws = sandbox.resolve(WorkspaceTree.WORKSPACE);
    try (Stream<Path> all = Files.walk(sandbox)) {
      for (Path p : (Iterable<Path>) all::iterator) {
        if (p.startsWith(ws)) {
          continue;
        }
        String v;
        if (Files.isSymbolicLink(p)) {
          v = "link " + Files.readSymbolicLink(p);
        } else if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
          v = "dir";
        } else {
          v = "file " + new String(Files.readAllBytes(p), StandardCharsets.UTF_8);
        }
        out.put(sandbox.relativize(p).toString(), v);
      }
    }
    return out;
  }

  /** Deletes {@code dir} and everything below it, links as links. */
  static void delete(Path dir) throws IOException {
    List<Path> all;
    try (Stream<Path> walk = Files.walk(dir)) {
      all = walk.sorted(Comparator.comparingInt(Path::getNameCount).reversed()).toList();
    }
    for (Path p : all) {
      Files.deleteIfExists(p);
    }
  }

  static Path resolve(Path base, List<String> names) {
    Path p = base;
    for (String n : names) {
      p = p.resolve(n);
    }
    return p;
  }
}
