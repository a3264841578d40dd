package dev.hostpolicy.testkit.audit;

import dev.hostpolicy.api.spi.AuditEvent;
import dev.hostpolicy.api.spi.AuditSink;
import dev.hostpolicy.testkit.contract.AuditSinkContract;
import dev.hostpolicy.testkit.fake.InMemoryAuditSink;
import java.util.List;

/** The test kit's fake passes the contract it asks of real sinks. */
class InMemoryAuditSinkContractTest implements AuditSinkContract {

  @Override
  public AuditSink newSink() {
    return InMemoryAuditSink.create();
  }

  @Override
  public List<AuditEvent> recorded(AuditSink sink) {
    return ((InMemoryAuditSink) sink).events();
  }
}
