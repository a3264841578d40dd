package dev.hostpolicy.cli;

import dev.hostpolicy.api.spi.AuditSink;
import dev.hostpolicy.core.audit.AuditOptions;
import dev.hostpolicy.core.audit.JsonlAuditSink;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where the CLI's commands send audit events: the library's hash-chained JSONL sink at
 * {@code <data-dir>/audit/audit.jsonl} with the policy's audit options ({@code AUDIT_MAX_BYTES},
 * {@code AUDIT_MAX_FILES}; flush per event), the same log {@code hostpolicy audit tail|query|verify --dir <data-dir>} reads. Without a data
 * directory nothing is recorded.
 *
 * <pre>{@code
 * try (AuditSink sink = CliAuditSinks.open(Optional.of(dataDir), policy.auditOptions())) { ... }
 * }</pre>
 */
final class CliAuditSinks {
  private CliAuditSinks() {}

  /** The audit sink for {@code dataDir} with {@code options}, or a discarding one without a directory. */
  static AuditSink open(Optional<Path> dataDir, AuditOptions options) throws IOException {
    if (dataDir.isEmpty()) {
      return AuditSink.discarding();
    }
    return JsonlAuditSink.open(dataDir.get().toAbsolutePath(), options);
  }
}
