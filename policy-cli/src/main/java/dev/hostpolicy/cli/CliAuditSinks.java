package dev.hostpolicy.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hostpolicy.api.spi.AuditEvent;
import dev.hostpolicy.api.spi.AuditSink;
import dev.hostpolicy.core.fs.SecureFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Where the CLI's commands send audit events. The single place to point at the library's JSONL audit
 * sink once it lands ({@code dev.hostpolicy.core.audit}); until then a minimal append-only JSON-lines
 * writer: {@code <data-dir>/audit/audit.jsonl}, directory 0700, file 0600, one object per event
 * ({@code ts}, {@code seq}, {@code event}, {@code actor}, {@code outcome}, {@code cid}, then the
 * fields), forced to disk after each line. Without a data directory nothing is recorded.
 *
 * <pre>{@code
 * AuditSink sink = CliAuditSinks.open(Optional.of(dataDir));
 * }</pre>
 */
final class CliAuditSinks {
  private CliAuditSinks() {}

  /** The audit sink for {@code dataDir}, or a discarding one without it. */
  static AuditSink open(Optional<Path> dataDir) throws IOException {
    if (dataDir.isEmpty()) {
      return AuditSink.discarding();
    }
    Path dir = SecureFiles.createPrivateDirectories(dataDir.get().toAbsolutePath().resolve("audit"));
    return new JsonLines(dir.resolve("audit.jsonl"));
  }

  /** The interim JSON-lines sink (replaced by the library's when it lands). */
  static final class JsonLines implements AuditSink {
    private final FileChannel channel;
    private long seq;

    JsonLines(Path file) throws IOException {
      boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
      FileAttribute<?>[] attrs = posix
          ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))}
          : new FileAttribute<?>[0];
      this.channel = FileChannel.open(file, Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND), attrs);
    }

    @Override
    public String id() {
      return "cli-jsonl";
    }

    @Override
    public synchronized void append(AuditEvent event) {
      ObjectNode n = DecisionJson.MAPPER.createObjectNode();
      n.put("ts", Instant.now().toString());
      n.put("seq", ++seq);
      n.put("event", event.event());
      n.put("actor", event.actor().wireName());
      n.put("outcome", event.outcome());
      event.correlationId().ifPresent(c -> n.put("cid", c));
      for (Map.Entry<String, Object> f : event.fields().entrySet()) {
        Object v = f.getValue();
        if (v instanceof Long) {
          n.put(f.getKey(), (Long) v);
        } else if (v instanceof Boolean) {
          n.put(f.getKey(), (Boolean) v);
        } else if (v instanceof BigDecimal) {
          n.put(f.getKey(), (BigDecimal) v);
        } else if (v instanceof List) {
          ArrayNode a = n.putArray(f.getKey());
          ((List<?>) v).forEach(x -> a.add(String.valueOf(x)));
        } else {
          n.put(f.getKey(), String.valueOf(v));
        }
      }
      byte[] line = (DecisionJson.write(n) + "\n").getBytes(StandardCharsets.UTF_8);
      try {
        ByteBuffer b = ByteBuffer.wrap(line);
        while (b.hasRemaining()) {
          channel.write(b);
        }
        channel.force(false);
      } catch (IOException e) {
        throw new UncheckedIOException("the audit log could not be written", e);
      }
    }

    @Override
    public synchronized void close() {
      try {
        channel.close();
      } catch (IOException e) {
        // nothing more to record
      }
    }
  }
}
