package dev.hostpolicy.process.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Drains one child stream on its own daemon thread into a sink (or nowhere), counting bytes. A sink
 * that throws is dropped and the stream is still drained, so the child never blocks on a full pipe.
 *
 * <pre>{@code
 * Pump out = Pump.start(process.getInputStream(), sinkStream, "hostpolicy-run_x-out");
 * out.awaitEnd(10_000);
 * long n = out.bytes();
 * }</pre>
 */
public final class Pump implements Runnable {
  private static final System.Logger LOG = System.getLogger(Pump.class.getName());
  private static final int BUFFER = 64 * 1024;

  private final InputStream in;
  private final OutputStream sink;
  private final String name;
  private final AtomicLong bytes = new AtomicLong();
  private final CountDownLatch done = new CountDownLatch(1);

  private Pump(InputStream in, OutputStream sink, String name) {
    this.in = in;
    this.sink = sink;
    this.name = name;
  }

  /** Starts pumping {@code in} into {@code sink} ({@code null} to discard). */
  public static Pump start(InputStream in, OutputStream sink, String threadName) {
    Pump p = new Pump(in, sink, threadName);
    Thread t = new Thread(p, threadName);
    t.setDaemon(true);
    t.start();
    return p;
  }

  @Override
  public void run() {
    byte[] buf = new byte[BUFFER];
    OutputStream target = sink;
    try {
      int n;
      while ((n = in.read(buf)) >= 0) {
        bytes.addAndGet(n);
        if (target != null && n > 0) {
          try {
            target.write(buf, 0, n);
          } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "output sink of {0} failed ({1}); discarding the rest", name, e.getClass().getName());
            closeQuietly(target);
            target = null;
          }
        }
      }
    } catch (IOException e) {
      // the stream was closed under us (the launcher gave up waiting): stop
    } finally {
      if (target != null) {
        closeQuietly(target);
      }
      try {
        in.close();
      } catch (IOException e) {
        // nothing left to do
      }
      done.countDown();
    }
  }

  private void closeQuietly(OutputStream s) {
    try {
      s.close();
    } catch (IOException | RuntimeException e) {
      LOG.log(System.Logger.Level.DEBUG, "closing the output sink of {0} failed", name);
    }
  }

  /** Waits up to {@code millis} for the end of the stream; closes it when that does not come. */
  public boolean awaitEnd(long millis) throws InterruptedException {
    if (done.await(millis, TimeUnit.MILLISECONDS)) {
      return true;
    }
    try {
      in.close();
    } catch (IOException e) {
      // best effort
    }
    return done.await(1, TimeUnit.SECONDS);
  }

  /** Bytes read so far. */
  public long bytes() {
    return bytes.get();
  }
}
