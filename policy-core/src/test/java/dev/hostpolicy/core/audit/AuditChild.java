package dev.hostpolicy.core.audit;

import dev.hostpolicy.api.spi.AuditEvent;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The child JVM of {@link AuditCrashIT} and {@link AuditTwoProcessIT}.
 *
 * <ul>
 *   <li>{@code append DATA ROUND ACKS THREADS MAX_BYTES MAX_FILES DURABILITY TORN_AFTER}: appends from
 *       THREADS threads forever; after each append returns, writes the event's id to the ACKS file and
 *       prints {@code acked N} every 10 acknowledgements. With TORN_AFTER &gt; 0, once that many events are
 *       acknowledged one thread takes the log's lock, writes half a line into {@code audit.jsonl} the way
 *       a write cut short would leave it, prints {@code torn} and keeps the lock until it is killed.
 *   <li>{@code burst DATA NAME COUNT THREADS MAX_BYTES MAX_FILES}: prints {@code ready}, waits for a line
 *       on stdin, appends COUNT events per thread, prints {@code done} and exits.
 * </ul>
 */
public final class AuditChild {
  private AuditChild() {}

  public static void main(String[] args) throws Exception {
    PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true, StandardCharsets.UTF_8);
    Path data = Path.of(args[1]);
    switch (args[0]) {
      case "append" -> append(out, data, args);
      case "burst" -> burst(out, data, args);
      default -> throw new IllegalArgumentException(args[0]);
    }
  }

  private static AuditOptions options(long maxBytes, long maxFiles, String durability) {
    AuditDurability d = switch (durability) {
      case "flush" -> AuditDurability.flushPerEvent();
      case "fsync" -> AuditDurability.fsyncPerEvent();
      default -> AuditDurability.fsyncEvery(Duration.parse(durability));
    };
    return AuditOptions.builder().maxBytes(maxBytes).maxFiles(maxFiles).durability(d).build();
  }

  private static void append(PrintStream out, Path data, String[] args) throws Exception {
    String round = args[2];
    Path ackFile = Path.of(args[3]);
    int threads = Integer.parseInt(args[4]);
    long tornAfter = Long.parseLong(args[8]);
    JsonlAuditSink sink = JsonlAuditSink.open(data, options(Long.parseLong(args[5]), Long.parseLong(args[6]), args[7]));
    FileChannel acks = FileChannel.open(ackFile, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    AtomicLong acked = new AtomicLong();
    out.println("ready");
    List<Thread> workers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int thread = t;
      Thread w = new Thread(() -> {
        try {
          for (long n = 0; ; n++) {
            String id = "r" + round + "-t" + thread + "-" + n;
            sink.append(AuditEvent.builder("run.start").field("id", id).field("round", round).field("thread", thread)
                .field("n", n).field("pad", "x".repeat((int) (n % 5) * 17)).build());
            synchronized (acks) {
              ByteBuffer b = ByteBuffer.wrap((id + "\n").getBytes(StandardCharsets.US_ASCII));
              while (b.hasRemaining()) {
                acks.write(b);
              }
            }
            long a = acked.incrementAndGet();
            if (a % 10 == 0) {
              out.println("acked " + a);
            }
            if (tornAfter > 0 && a == tornAfter) {
              tear(sink, out);
            }
          }
        } catch (Exception e) {
          e.printStackTrace();
          out.println("error " + e);
        }
      });
      w.start();
      workers.add(w);
    }
    for (Thread w : workers) {
      w.join();
    }
  }

  /** Writes half a line under the log's lock and never lets go: what a writer killed mid-write leaves. */
  private static void tear(JsonlAuditSink sink, PrintStream out) throws Exception {
    DirectoryLock lock = DirectoryLock.acquire(sink.directory());
    DirectoryLock.Held held = lock.lock(Duration.ofSeconds(30));
    try (FileChannel live = FileChannel.open(sink.directory().resolve("audit.jsonl"), StandardOpenOption.APPEND, LinkOption.NOFOLLOW_LINKS)) {
      live.write(ByteBuffer.wrap("{\"ts\":\"2026-01-01T00:00:00.000Z\",\"seq\":99,\"event\":\"run.st".getBytes(StandardCharsets.US_ASCII)));
    }
    out.println("torn");
    while (true) {
      LockSupport.park(held);
    }
  }

  private static void burst(PrintStream out, Path data, String[] args) throws Exception {
    String name = args[2];
    int count = Integer.parseInt(args[3]);
    int threads = Integer.parseInt(args[4]);
    try (JsonlAuditSink sink = JsonlAuditSink.open(data, options(Long.parseLong(args[5]), Long.parseLong(args[6]), "flush"))) {
      out.println("ready");
      new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
      List<Thread> workers = new ArrayList<>();
      List<Throwable> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
      for (int t = 0; t < threads; t++) {
        int thread = t;
        Thread w = new Thread(() -> {
          try {
            for (int n = 0; n < count; n++) {
              sink.append(AuditEvent.builder("run.start").field("id", name + "-t" + thread + "-" + n).field("process", name)
                  .field("pad", "y".repeat(n % 9 * 11)).build());
            }
          } catch (Throwable e) {
            failures.add(e);
          }
        });
        w.start();
        workers.add(w);
      }
      for (Thread w : workers) {
        w.join();
      }
      if (!failures.isEmpty()) {
        failures.get(0).printStackTrace();
        System.exit(1);
      }
    }
    out.println("done");
  }
}
