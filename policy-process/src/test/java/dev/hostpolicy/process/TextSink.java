package dev.hostpolicy.process;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** An output sink a test can wait on: "until the output contains X", bounded, without polling. */
final class TextSink implements OutputSink {
  private final StringBuilder text = new StringBuilder();
  private boolean closed;

  @Override
  public synchronized void write(byte[] bytes, int offset, int length) {
    text.append(new String(bytes, offset, length, StandardCharsets.UTF_8));
    notifyAll();
  }

  @Override
  public synchronized void close() {
    closed = true;
    notifyAll();
  }

  /** Waits until the text contains {@code needle}; false if the bound passes or the stream ends first. */
  synchronized boolean awaitContains(String needle, Duration bound) throws InterruptedException {
    long deadline = System.nanoTime() + bound.toNanos();
    while (text.indexOf(needle) < 0) {
      long left = deadline - System.nanoTime();
      if (left <= 0 || closed) {
        return text.indexOf(needle) >= 0;
      }
      wait(Math.max(1, left / 1_000_000));
    }
    return true;
  }

  synchronized String text() {
    return text.toString();
  }
}
