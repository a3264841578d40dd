package dev.hostpolicy.api.spi;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AuditEventsTest {

  @Test
  void theCatalogueHasEveryEventOfTheIssue() {
    assertThat(AuditEvents.catalogue()).containsExactly("run.start", "run.settle", "run.reconciled", "auth.login.success",
        "auth.login.failure", "auth.logout", "trigger.create", "trigger.update", "trigger.delete", "webhook.accepted",
        "webhook.rejected", "egress.denied", "egress.allowed", "ratelimit.exceeded", "bind.insecure", "production.forced");
    for (String e : AuditEvents.catalogue()) {
      assertThat(AuditEvent.builder(e).build().event()).isEqualTo(e);
      assertThat(AuditEvents.isSinkRecord(e)).isFalse();
    }
    assertThat(AuditEvents.sinkRecords()).allMatch(AuditEvents::isSinkRecord).hasSize(3);
    assertThat(AuditEvents.isCatalogued("run.start")).isTrue();
    assertThat(AuditEvents.isCatalogued("run.started")).isFalse();
  }

  @Test
  void factoriesFillActorOutcomeAndFields() {
    AuditEvent rejected = AuditEvents.webhookRejected("deploy", "webhook.signature-mismatch").correlationId("cid_x").build();
    assertThat(rejected.event()).isEqualTo("webhook.rejected");
    assertThat(rejected.actor()).isEqualTo(AuditActor.WEBHOOK);
    assertThat(rejected.outcome()).isEqualTo("denied");
    assertThat(rejected.fields()).containsExactly(Map.entry("trigger", "deploy"), Map.entry("reason", "webhook.signature-mismatch"));
    assertThat(AuditEvents.runSettle("r1", "failed").build().outcome()).isEqualTo("failed");
    assertThat(AuditEvents.runReconciled("r1", "interrupted").build().fields()).containsEntry("state", "interrupted");
    assertThat(AuditEvents.loginFailure("auth.bad-token").build().actor()).isEqualTo(AuditActor.OPEN);
    assertThat(AuditEvents.logout().build().actor()).isEqualTo(AuditActor.BROWSER_SESSION);
    assertThat(AuditEvents.triggerDelete("deploy").build().actor()).isEqualTo(AuditActor.API_TOKEN);
    assertThat(AuditEvents.rateLimitExceeded("ratelimit.login", 3).build().fields()).containsEntry("retry_after_s", 3L);
    assertThat(AuditEvents.egressAllowed("a:443").build().outcome()).isEqualTo("allowed");
    assertThat(AuditEvents.bindInsecure("0.0.0.0:8080").build().fields()).containsEntry("address", "0.0.0.0:8080");
    assertThat(AuditEvents.productionForced("production").build().event()).isEqualTo("production.forced");
    List<AuditEvent.Builder> all = List.of(AuditEvents.runStart("r"), AuditEvents.loginSuccess(), AuditEvents.triggerCreate("t"),
        AuditEvents.triggerUpdate("t"), AuditEvents.webhookAccepted("t"), AuditEvents.egressDenied("a:1", "egress.denied-host"));
    assertThat(all).allSatisfy(b -> assertThat(AuditEvents.isCatalogued(b.build().event())).isTrue());
  }

  @Test
  void bodyFieldNamesAreRecognisedByTheirLastSegment() {
    for (String body : List.of("body", "Body", "requestBody", "request_body", "webhook.payload", "raw-payloads", "bodies", "x.body.")) {
      assertThat(AuditEvents.isBodyFieldName(body)).as(body).isTrue();
    }
    for (String ok : List.of("bodyBytes", "body_sha256", "payloadSize", "nobody", "somebody", "antibody", "reason", "")) {
      assertThat(AuditEvents.isBodyFieldName(ok)).as(ok).isFalse();
    }
  }
}
