package dev.hostpolicy.cli;

import dev.hostpolicy.api.spi.AuditSink;
import dev.hostpolicy.core.audit.AuditOptions;
import dev.hostpolicy.core.audit.JsonlAuditSink;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where the CLI's commands send audit events: the library's hash-chained JSONL sink at
 * {@code <data-dir>/audit/audit.jsonl} with its defaults (flush per event, 10 MiB × 10 files), the
 * same log {@code hostpolicy audit tail|query|verify --dir <data-dir>} reads. Without a data
 * directory nothing is recorded.
 *
 * <pre>{@code
 * try (AuditSink sink = CliAuditSinks.open(Optional.of(dataDir))) { ... }
 * }</pre>
 */
final class CliAuditSinks {
  private CliAuditSinks() {}

  /** The audit sink for {@code dataDir}, or a discarding one without it. */
  static AuditSink open(Optional<Path> dataDir) throws IOException {
    if (dataDir.isEmpty()) {
      return AuditSink.discarding();
    }
    return JsonlAuditSink.open(dataDir.get().toAbsolutePath(), AuditOptions.defaults());
  }
}
