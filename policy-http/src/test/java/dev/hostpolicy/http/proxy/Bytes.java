package dev.hostpolicy.http.proxy;

import java.io.IOException;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.SplittableRandom;

/** Deterministic test bytes (a seeded generator, not for security) and their SHA-256. */
final class Bytes {
  private Bytes() {}

  static final int BLOCK = 64 * 1024;

  /** Writes {@code n} bytes of the stream seeded with {@code seed}. */
  static void write(OutputStream out, long n, long seed) throws IOException {
    SplittableRandom random = new SplittableRandom(seed);
    byte[] block = new byte[BLOCK];
    for (long left = n; left > 0; left -= BLOCK) {
      fill(random, block);
      out.write(block, 0, (int) Math.min(BLOCK, left));
    }
    out.flush();
  }

  /** The SHA-256 of what {@link #write} writes. */
  static byte[] sha256(long n, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    byte[] block = new byte[BLOCK];
    MessageDigest md = sha256();
    for (long left = n; left > 0; left -= BLOCK) {
      fill(random, block);
      md.update(block, 0, (int) Math.min(BLOCK, left));
    }
    return md.digest();
  }

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void fill(SplittableRandom random, byte[] block) {
    for (int i = 0; i < block.length; i += 8) {
      long v = random.nextLong();
      for (int j = 0; j < 8; j++) {
        block[i + j] = (byte) (v >>> (8 * j));
      }
    }
  }
}
