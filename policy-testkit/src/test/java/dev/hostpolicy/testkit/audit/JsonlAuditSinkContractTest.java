package dev.hostpolicy.testkit.audit;

import dev.hostpolicy.api.spi.AuditEvent;
import dev.hostpolicy.api.spi.AuditSink;
import dev.hostpolicy.core.audit.AuditLog;
import dev.hostpolicy.core.audit.AuditOptions;
import dev.hostpolicy.core.audit.AuditQuery;
import dev.hostpolicy.core.audit.AuditRecord;
import dev.hostpolicy.core.audit.AuditRecords;
import dev.hostpolicy.core.audit.JsonlAuditSink;
import dev.hostpolicy.testkit.contract.AuditSinkContract;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/** The JSONL sink passes the sink contract, read back through {@link AuditLog}, rotating every 2 KiB. */
class JsonlAuditSinkContractTest implements AuditSinkContract {
  private static Path root;
  private static final AtomicInteger N = new AtomicInteger();

  @BeforeContainer
  static void createRoot() {
    root = TempDirs.create("audit-contract");
  }

  @AfterContainer
  static void deleteRoot() {
    TempDirs.delete(root);
  }

  @Override
  public AuditSink newSink() throws Exception {
    return JsonlAuditSink.open(root.resolve("data-" + N.incrementAndGet()), AuditOptions.builder().maxBytes(2048).maxFiles(1000).build());
  }

  @Override
  public List<AuditEvent> recorded(AuditSink sink) throws Exception {
    List<AuditEvent> out = new ArrayList<>();
    try (AuditRecords records = AuditLog.inDirectory(((JsonlAuditSink) sink).directory()).query(AuditQuery.all())) {
      for (AuditRecord r : records) {
        out.add(AuditSinkContract.toEvent(r.event(), r.actor(), r.outcome(), r.cid(), r.fields()));
      }
      if (!records.issues().isEmpty()) {
        throw new AssertionError("lines skipped: " + records.issues());
      }
    }
    return out;
  }
}
