package dev.hostpolicy.core.fs;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/**
 * Self-describing file versions for the crash test: a header {@code r=<round>;v=<i>;n=<length>;}
 * then filler bytes determined by round and version. A file is a complete version exactly when it
 * equals {@code content(r, v)} for the round and version its header names.
 */
final class Versions {
  private Versions() {}

  static byte[] content(int round, int version) {
    int length = (2 << 20) + (version % 7) * 65_536 + round * 17;
    byte[] header = ("r=" + round + ";v=" + version + ";n=" + length + ";").getBytes(StandardCharsets.US_ASCII);
    byte[] out = new byte[length];
    System.arraycopy(header, 0, out, 0, header.length);
    for (int k = header.length; k < length; k++) {
      out[k] = (byte) (k * 31 + version * 7 + round * 13);
    }
    return out;
  }

  /** The {@code "r,v"} identity of a complete version, or empty when the bytes are not one. */
  static Optional<String> identify(byte[] bytes) {
    String head = new String(bytes, 0, Math.min(64, bytes.length), StandardCharsets.US_ASCII);
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("r=(\\d+);v=(\\d+);n=(\\d+);").matcher(head);
    if (!m.lookingAt()) {
      return Optional.empty();
    }
    int round = Integer.parseInt(m.group(1));
    int version = Integer.parseInt(m.group(2));
    return Arrays.equals(bytes, content(round, version)) ? Optional.of(round + "," + version) : Optional.empty();
  }
}
