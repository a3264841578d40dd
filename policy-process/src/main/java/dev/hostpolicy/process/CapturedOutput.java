package dev.hostpolicy.process;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * An {@link OutputSink} that keeps the first {@code maxBytes} bytes of a stream and counts the rest,
 * so capturing a child's output never takes more memory than the cap. Thread-safe.
 *
 * <pre>{@code
 * CapturedOutput out = CapturedOutput.upTo(1 << 20);    // 1 MiB
 * launcher.run(LaunchSpec.builder().argv("git", "status").workspace(ws).stdout(ChildOutput.to(out)).build());
 * String text = out.text();                             // UTF-8, malformed bytes replaced
 * boolean cut = out.truncated();
 * }</pre>
 */
public final class CapturedOutput implements OutputSink {
  private final int maxBytes;
  private byte[] buffer = new byte[0];
  private int size;
  private long total;

  private CapturedOutput(int maxBytes) {
    this.maxBytes = maxBytes;
  }

  /**
   * A capture keeping at most {@code maxBytes} bytes (0 to 1 GiB).
   *
   * @throws IllegalArgumentException for a negative or larger cap
   */
  public static CapturedOutput upTo(int maxBytes) {
    if (maxBytes < 0 || maxBytes > (1 << 30)) {
      throw new IllegalArgumentException("maxBytes must be 0 to 1 GiB, not " + maxBytes);
    }
    return new CapturedOutput(maxBytes);
  }

  @Override
  public synchronized void write(byte[] bytes, int offset, int length) {
    total += length;
    int keep = Math.min(length, maxBytes - size);
    if (keep <= 0) {
      return;
    }
    if (size + keep > buffer.length) {
      int grown = (int) Math.min(maxBytes, Math.max((long) size + keep, Math.max(256L, buffer.length * 2L)));
      buffer = Arrays.copyOf(buffer, grown);
    }
    System.arraycopy(bytes, offset, buffer, size, keep);
    size += keep;
  }

  /** The kept bytes (a copy). */
  public synchronized byte[] bytes() {
    return Arrays.copyOf(buffer, size);
  }

  /** The kept bytes as UTF-8 text (malformed sequences replaced). */
  public synchronized String text() {
    return new String(buffer, 0, size, StandardCharsets.UTF_8);
  }

  /** Every byte written, kept or not. */
  public synchronized long totalBytes() {
    return total;
  }

  /** Whether bytes were dropped at the cap. */
  public synchronized boolean truncated() {
    return total > size;
  }

  /** Sizes only; the output may hold secrets. */
  @Override
  public synchronized String toString() {
    return "CapturedOutput[" + size + " of " + total + " bytes kept, cap " + maxBytes + "]";
  }
}
