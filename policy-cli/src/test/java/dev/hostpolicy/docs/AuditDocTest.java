package dev.hostpolicy.docs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hostpolicy.api.PolicyViolationException;
import dev.hostpolicy.api.Secret;
import dev.hostpolicy.api.spi.AuditEvents;
import dev.hostpolicy.core.HostPolicy;
import dev.hostpolicy.core.Settings;
import dev.hostpolicy.core.audit.AuditAnchor;
import dev.hostpolicy.core.audit.AuditDurability;
import dev.hostpolicy.core.audit.AuditLog;
import dev.hostpolicy.core.audit.AuditOptions;
import dev.hostpolicy.core.audit.AuditQuery;
import dev.hostpolicy.core.audit.AuditRecord;
import dev.hostpolicy.core.audit.AuditRecords;
import dev.hostpolicy.core.audit.AuditVerification;
import dev.hostpolicy.core.audit.JsonlAuditSink;
import dev.hostpolicy.core.token.CorrelationId;
import dev.hostpolicy.core.token.TokenMint;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The examples of docs/audit.md, compiled and run on real files. */
class AuditDocTest {

  @Test
  void aHostWritesReadsAndVerifiesItsAuditLog(@TempDir Path dataDir) throws Exception {
    Map<String, String> env = Map.of("INFLOOP_AUDIT_MAX_FILES", "5");
    Secret apiToken = TokenMint.mint();
    List<AuditAnchor> anchors = new ArrayList<>();
    // snippet: audit-host
    HostPolicy policy = HostPolicy.builder()
        .profile("minimal")
        .namespace("INFLOOP")                          // INFLOOP_AUDIT_MAX_BYTES, INFLOOP_AUDIT_MAX_FILES
        .settings(Settings.fromEnvironment(env))
        .dataDir(dataDir)                              // the log lives in <data-dir>/audit
        .build();
    AuditOptions options = policy.auditOptions().toBuilder()
        .durability(AuditDurability.fsyncPerEvent())   // acknowledged = on the device
        .redacting(apiToken)                           // a value containing the token is written as [redacted]
        .build();
    try (JsonlAuditSink audit = policy.openAuditLog(options)) {
      CorrelationId cid = CorrelationId.generate();
      audit.append(AuditEvents.webhookRejected("deploy", "webhook.signature-mismatch").correlationId(cid.value()).build());
      AuditRecord run = audit.record(AuditEvents.runStart("run-42").correlationId(cid.value()).build());
      anchors.add(run.anchor());                       // keep the newest anchor somewhere else
    }
    // end-snippet
    assertThat(options.maxFiles()).isEqualTo(5);

    // snippet: audit-read
    AuditLog log = AuditLog.at(dataDir);
    AuditQuery lastDay = AuditQuery.builder()
        .event("webhook.rejected")
        .since(Instant.now().minus(Duration.ofDays(1)))
        .limit(100)
        .build();
    try (AuditRecords rejected = log.query(lastDay)) {
      for (AuditRecord r : rejected) {
        System.out.println(r.ts() + " " + r.fields().get("trigger") + " " + r.fields().get("reason"));
      }
      rejected.issues().forEach(issue -> System.err.println("skipped: " + issue)); // a torn final line, ...
    }
    AuditVerification v = log.verify(anchors.get(anchors.size() - 1));
    if (v.decision().denied()) {
      throw new PolicyViolationException(v.decision()); // audit.chain-broken: audit.1.jsonl:17: prev does not match ...
    }
    // end-snippet
    assertThat(v.decision().reason()).isEqualTo("allowed");
    assertThat(log.tail(1).toList().get(0).event()).isEqualTo("run.start");
    assertThat(Files.readString(dataDir.resolve("audit/audit.jsonl"))).doesNotContain(apiToken.revealUtf8());
  }
}
