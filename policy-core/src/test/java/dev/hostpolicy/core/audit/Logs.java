package dev.hostpolicy.core.audit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/** Test helpers that read the files directly, independently of the reader under test. */
final class Logs {
  private Logs() {}

  /** The file names of the log, oldest first, by listing the directory. */
  static List<String> files(Path dir) throws IOException {
    List<String> rotated = new ArrayList<>();
    try (var s = Files.list(dir)) {
      s.map(p -> p.getFileName().toString()).filter(n -> n.matches("audit\\.[0-9]+\\.jsonl")).forEach(rotated::add);
    }
    rotated.sort((a, b) -> Integer.compare(index(b), index(a)));
    if (Files.exists(dir.resolve("audit.jsonl"))) {
      rotated.add("audit.jsonl");
    }
    return rotated;
  }

  static int index(String name) {
    return Integer.parseInt(name.substring(6, name.length() - 6));
  }

  /** Every line of every file, oldest first (a final line without a line break is included as is). */
  static List<String> lines(Path dir) throws IOException {
    List<String> out = new ArrayList<>();
    for (String f : files(dir)) {
      out.addAll(linesOf(dir.resolve(f)));
    }
    return out;
  }

  static List<String> linesOf(Path file) throws IOException {
    String text = Files.readString(file, StandardCharsets.UTF_8);
    List<String> out = new ArrayList<>();
    int start = 0;
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) == '\n') {
        out.add(text.substring(start, i));
        start = i + 1;
      }
    }
    if (start < text.length()) {
      out.add(text.substring(start));
    }
    return out;
  }

  static String sha256(String line) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(line.getBytes(StandardCharsets.UTF_8)));
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
