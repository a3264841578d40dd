package dev.hostpolicy.http.internal.proxy;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.ByteChannel;
import java.util.List;

/** An in-memory channel: reads hand out the input in the given chunk sizes (then repeat the last); writes are collected. */
final class MemoryChannel implements ByteChannel {
  private final byte[] input;
  private final List<Integer> chunks;
  private int pos;
  private int read;
  private final ByteArrayOutputStream written = new ByteArrayOutputStream();
  private boolean open = true;

  MemoryChannel(byte[] input, List<Integer> chunks) {
    this.input = input;
    this.chunks = chunks.isEmpty() ? List.of(Integer.MAX_VALUE) : chunks;
  }

  @Override
  public int read(ByteBuffer dst) {
    if (pos >= input.length) {
      return -1;
    }
    int size = Math.max(1, chunks.get(Math.min(read++, chunks.size() - 1)));
    int n = Math.min(Math.min(size, dst.remaining()), input.length - pos);
    dst.put(input, pos, n);
    pos += n;
    return n;
  }

  @Override
  public int write(ByteBuffer src) {
    int n = src.remaining();
    byte[] b = new byte[n];
    src.get(b);
    written.write(b, 0, n);
    return n;
  }

  byte[] written() {
    return written.toByteArray();
  }

  /** Bytes not read yet. */
  int unread() {
    return input.length - pos;
  }

  @Override
  public boolean isOpen() {
    return open;
  }

  @Override
  public void close() {
    open = false;
  }
}
