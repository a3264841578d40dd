package dev.hostpolicy.benchmarks.audit;

import dev.hostpolicy.api.spi.AuditEvent;
import dev.hostpolicy.api.spi.AuditEvents;
import dev.hostpolicy.core.audit.AuditDurability;
import dev.hostpolicy.core.audit.AuditOptions;
import dev.hostpolicy.core.audit.JsonlAuditSink;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The sinks and anchors the audit benchmarks share. Every file lives in a fresh temporary directory
 * on the build machine's disk and rotates at 10 MiB (the anchors truncate and start over at the same
 * size), so a run never fills the disk. The event is a typical {@code webhook.rejected} with a
 * correlation id and four fields; the anchors write the very line the sink writes for it.
 *
 * <pre>{@code
 * @Benchmark
 * public void jsonlFlushPerEvent(AuditFixtures.FlushSink sink) {
 *   sink.sink.append(sink.event);
 * }
 * }</pre>
 */
public final class AuditFixtures {
  private AuditFixtures() {}

  static final long MAX_BYTES = 10L * 1024 * 1024;

  static AuditEvent event() {
    return AuditEvents.webhookRejected("deploy-production", "webhook.signature-mismatch")
        .correlationId("cid_Jx0q3W-dZk1pQbfA")
        .field("detail", "no signature in X-Hub-Signature-256 matches any active key")
        .field("bodyBytes", 1834)
        .build();
  }

  static Path tempDir() {
    try {
      return Files.createTempDirectory("audit-bench");
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  static void delete(Path root) {
    try (Stream<Path> s = Files.walk(root)) {
      s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // best effort
    }
  }

  /** The line the sink writes for {@link #event()}, line break included. */
  static String line() {
    Path dir = tempDir();
    try (JsonlAuditSink sink = JsonlAuditSink.open(dir, AuditOptions.defaults())) {
      return sink.record(event()).json() + "\n";
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } finally {
      delete(dir);
    }
  }

  /** Ours: the JSONL sink with a durability policy. */
  abstract static class Sink {
    Path dir;
    JsonlAuditSink sink;
    final AuditEvent event = event();

    abstract AuditDurability durability();

    void open() throws IOException {
      dir = tempDir();
      sink = JsonlAuditSink.open(dir, AuditOptions.builder().maxBytes(MAX_BYTES).maxFiles(3).durability(durability()).build());
    }

    void close() {
      sink.close();
      delete(dir);
    }
  }

  /** The JSONL sink, flush per event. */
  @State(Scope.Benchmark)
  public static class FlushSink extends Sink {
    @Override
    AuditDurability durability() {
      return AuditDurability.flushPerEvent();
    }

    /** Opens the sink. */
    @Setup(Level.Trial)
    public void setUp() throws IOException {
      open();
    }

    /** Closes it and removes the files. */
    @TearDown(Level.Trial)
    public void tearDown() {
      close();
    }
  }

  /** The JSONL sink, fsync per event. */
  @State(Scope.Benchmark)
  public static class FsyncSink extends Sink {
    @Override
    AuditDurability durability() {
      return AuditDurability.fsyncPerEvent();
    }

    /** Opens the sink. */
    @Setup(Level.Trial)
    public void setUp() throws IOException {
      open();
    }

    /** Closes it and removes the files. */
    @TearDown(Level.Trial)
    public void tearDown() {
      close();
    }
  }

  /** Anchor: a {@code BufferedWriter} over the file, the pre-serialised line written and flushed. */
  @State(Scope.Benchmark)
  public static class Writer {
    Path dir;
    Path file;
    BufferedWriter writer;
    String line;
    long written;

    /** Opens the file. */
    @Setup(Level.Trial)
    public void setUp() throws IOException {
      line = line();
      dir = tempDir();
      file = dir.resolve("audit.jsonl");
      reopen();
    }

    private void reopen() throws IOException {
      writer = new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(file, StandardOpenOption.CREATE,
          StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE), StandardCharsets.UTF_8));
      written = 0;
    }

    /** Writes and flushes one line, starting the file over at 10 MiB (callers serialise). */
    void writeLine() throws IOException {
      if (written + line.length() > MAX_BYTES) {
        writer.close();
        reopen();
      }
      writer.write(line);
      writer.flush();
      written += line.length();
    }

    /** Closes the file and removes it. */
    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
      writer.close();
      delete(dir);
    }
  }

  /** Anchor: a {@code FileChannel} in append mode, the pre-serialised line written and forced. */
  @State(Scope.Benchmark)
  public static class ForcedChannel {
    Path dir;
    Path file;
    FileChannel channel;
    byte[] line;
    long written;

    /** Opens the file. */
    @Setup(Level.Trial)
    public void setUp() throws IOException {
      line = line().getBytes(StandardCharsets.US_ASCII);
      dir = tempDir();
      file = dir.resolve("audit.jsonl");
      reopen();
    }

    private void reopen() throws IOException {
      channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
      written = 0;
    }

    /** Writes and forces one line, starting the file over at 10 MiB (callers serialise). */
    void writeLine() throws IOException {
      if (written + line.length > MAX_BYTES) {
        channel.close();
        reopen();
      }
      ByteBuffer b = ByteBuffer.wrap(line);
      while (b.hasRemaining()) {
        channel.write(b);
      }
      channel.force(false);
      written += line.length;
    }

    /** Closes the file and removes it. */
    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
      channel.close();
      delete(dir);
    }
  }
}
