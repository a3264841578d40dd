package dev.hostpolicy.testkit.permission;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hostpolicy.api.PermissionMode;
import dev.hostpolicy.api.spi.PolicyKeys;
import dev.hostpolicy.core.HostPolicy;
import dev.hostpolicy.core.permission.ActionKind;
import dev.hostpolicy.core.permission.PermissionApprover;
import dev.hostpolicy.core.permission.PermissionDecision;
import dev.hostpolicy.core.permission.PermissionPolicy;
import dev.hostpolicy.core.permission.PermissionRequest;
import dev.hostpolicy.testkit.PermissionArbitraries;
import dev.hostpolicy.testkit.PermissionArbitraries.ApproverBehaviour;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Permission decisions against a model table, over generated policies, requests and approvers. */
class PermissionPolicyProperties {

  /** The model: the reason code a decision must carry. */
  static String expectedReason(Map<ActionKind, PermissionMode> table, PermissionRequest request, ApproverBehaviour approver) {
    PermissionMode granted = table.get(request.kind());
    if (request.kind() == ActionKind.OTHER) {
      for (PermissionMode m : table.values()) {
        if (m.ordinal() < granted.ordinal()) {
          granted = m;
        }
      }
    }
    if (request.requestedMode().isPresent() && request.requestedMode().get().ordinal() > granted.ordinal()) {
      return "permission.loosening-refused";
    }
    PermissionMode mode = request.requestedMode().orElse(granted);
    if (mode == PermissionMode.AUTO) {
      return "allowed";
    }
    if (mode == PermissionMode.DENY) {
      return "permission.denied";
    }
    switch (approver) {
      case ABSENT:
        return "permission.no-approver";
      case APPROVES:
        return "permission.approved";
      case REJECTS:
        return "permission.rejected";
      default:
        return "permission.approver-failed";
    }
  }

  static PermissionDecision decide(PermissionPolicy policy, PermissionRequest request, ApproverBehaviour behaviour, AtomicInteger calls) {
    PermissionApprover approver = r -> {
      calls.incrementAndGet();
      if (behaviour == ApproverBehaviour.THROWS) {
        throw new IllegalStateException("no terminal");
      }
      return behaviour == ApproverBehaviour.APPROVES;
    };
    return behaviour == ApproverBehaviour.ABSENT ? policy.decide(request) : policy.decide(request, approver);
  }

  @Property(tries = 1000)
  void decisionsFollowTheModel(@ForAll("tables") Map<ActionKind, PermissionMode> table, @ForAll("requests") PermissionRequest request,
      @ForAll("approvers") ApproverBehaviour approver) {
    AtomicInteger calls = new AtomicInteger();
    PermissionDecision d = decide(PermissionPolicy.of(table), request, approver, calls);
    String expected = expectedReason(table, request, approver);
    assertThat(d.reason()).isEqualTo(expected);
    assertThat(d.allowed()).isEqualTo(expected.equals("allowed") || expected.equals("permission.approved"));
    assertThat(d.kind()).isEqualTo(request.kind());
    boolean asked = expected.equals("permission.approved") || expected.equals("permission.rejected") || expected.equals("permission.approver-failed");
    assertThat(calls.get()).isEqualTo(asked ? 1 : 0);
    assertThat(d.decision().detail()).doesNotContain("\n", "\r", "\u2028", "\u0000");
  }

  @Property(tries = 500)
  void anAllowedActionNeverGetsMoreThanThePolicyGrants(@ForAll("tables") Map<ActionKind, PermissionMode> table,
      @ForAll("requests") PermissionRequest request, @ForAll("approvers") ApproverBehaviour approver) {
    PermissionPolicy policy = PermissionPolicy.of(table);
    PermissionDecision d = decide(policy, request, approver, new AtomicInteger());
    if (d.allowed()) {
      PermissionMode granted = policy.mode(request.kind());
      assertThat(granted).isNotEqualTo(PermissionMode.DENY);
      assertThat(d.mode().ordinal()).isLessThanOrEqualTo(granted.ordinal());
      if (d.mode() == PermissionMode.ASK) {
        assertThat(approver).isEqualTo(ApproverBehaviour.APPROVES);
      }
    }
    if (request.requestedMode().isPresent() && policy.mode(request.kind()).isStricterThan(request.requestedMode().get())) {
      assertThat(d.reason()).isEqualTo("permission.loosening-refused");
    }
  }

  @Property(tries = 300)
  void otherIsTheMostRestrictive(@ForAll("tables") Map<ActionKind, PermissionMode> table) {
    PermissionPolicy policy = PermissionPolicy.of(table);
    for (ActionKind k : ActionKind.values()) {
      assertThat(policy.mode(ActionKind.OTHER).ordinal()).isLessThanOrEqualTo(policy.mode(k).ordinal());
    }
  }

  @Property(tries = 300)
  void unknownKindNamesAreTreatedAsOther(@ForAll("kindNames") String name) {
    ActionKind k = ActionKind.classify(name);
    assertThat(k == ActionKind.OTHER || k.wireName().equals(name)).isTrue();
  }

  @Property(tries = 300)
  void tighteningNeverLoosens(@ForAll("tables") Map<ActionKind, PermissionMode> table,
      @ForAll("partialTables") Map<ActionKind, PermissionMode> request) {
    PermissionPolicy base = PermissionPolicy.of(table);
    PermissionPolicy tightened = base.tightenedBy(request);
    for (ActionKind k : ActionKind.values()) {
      assertThat(tightened.mode(k).ordinal()).isLessThanOrEqualTo(base.mode(k).ordinal());
      if (request.containsKey(k) && k != ActionKind.OTHER) {
        assertThat(tightened.mode(k)).isEqualTo(PermissionMode.stricter(table.get(k), request.get(k)));
      }
    }
  }

  @Property(tries = 100)
  void theRulesComposeThroughTheHostPolicy(@ForAll("tables") Map<ActionKind, PermissionMode> table) {
    HostPolicy.Builder b = HostPolicy.builder().profile("minimal");
    table.forEach((k, m) -> b.set(k.key(), m));
    PermissionPolicy p = b.build().permissionPolicy();
    assertThat(p).isEqualTo(PermissionPolicy.of(table));
    for (PermissionMode before : PermissionMode.values()) {
      for (PermissionMode after : PermissionMode.values()) {
        assertThat(PolicyKeys.PERMISSION_EXECUTE.loosens(before, after)).isEqualTo(before.isStricterThan(after));
      }
    }
  }

  @Provide
  Arbitrary<Map<ActionKind, PermissionMode>> tables() {
    return PermissionArbitraries.modeTables();
  }

  @Provide
  Arbitrary<Map<ActionKind, PermissionMode>> partialTables() {
    return PermissionArbitraries.partialModeTables();
  }

  @Provide
  Arbitrary<PermissionRequest> requests() {
    return PermissionArbitraries.requests();
  }

  @Provide
  Arbitrary<ApproverBehaviour> approvers() {
    return PermissionArbitraries.approvers();
  }

  @Provide
  Arbitrary<String> kindNames() {
    return PermissionArbitraries.kindNames();
  }
}
