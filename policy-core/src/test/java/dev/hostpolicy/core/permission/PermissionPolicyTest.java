package dev.hostpolicy.core.permission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hostpolicy.api.PermissionMode;
import dev.hostpolicy.api.PolicyConfigurationException;
import dev.hostpolicy.api.PolicyViolationException;
import dev.hostpolicy.api.spi.PolicyKeys;
import dev.hostpolicy.core.HostPolicy;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class PermissionPolicyTest {

  @Test
  void unattendedDefaults() {
    PermissionPolicy p = PermissionPolicy.defaults();
    assertThat(p.modes()).containsExactly(
        Map.entry(ActionKind.FILE_READ, PermissionMode.AUTO),
        Map.entry(ActionKind.FILE_EDIT, PermissionMode.ASK),
        Map.entry(ActionKind.EXECUTE, PermissionMode.DENY),
        Map.entry(ActionKind.WEB_FETCH, PermissionMode.DENY),
        Map.entry(ActionKind.WEB_SEARCH, PermissionMode.DENY),
        Map.entry(ActionKind.MCP_TOOL, PermissionMode.DENY),
        Map.entry(ActionKind.OTHER, PermissionMode.DENY));
    List<String> reasons = new ArrayList<>();
    for (ActionKind k : ActionKind.values()) {
      reasons.add(p.decide(PermissionRequest.of(k, "x")).reason());
    }
    assertThat(reasons).containsExactly("allowed", "permission.no-approver", "permission.denied", "permission.denied",
        "permission.denied", "permission.denied", "permission.denied");
  }

  /** Every kind under every mode, with no approver, a yes, a no and a failing approver. */
  @Test
  void everyKindAndModeDecidesAsTheTableSays() {
    for (ActionKind kind : ActionKind.values()) {
      for (PermissionMode mode : PermissionMode.values()) {
        Map<ActionKind, PermissionMode> all = new EnumMap<>(ActionKind.class);
        for (ActionKind k : ActionKind.values()) {
          all.put(k, PermissionMode.AUTO);
        }
        all.put(kind, mode);
        PermissionPolicy p = PermissionPolicy.of(all);
        PermissionRequest r = PermissionRequest.of(kind, "target");
        AtomicInteger asked = new AtomicInteger();
        PermissionDecision none = p.decide(r);
        PermissionDecision yes = p.decide(r, q -> asked.incrementAndGet() > 0);
        PermissionDecision no = p.decide(r, q -> false);
        PermissionDecision boom = p.decide(r, q -> {
          throw new IllegalStateException("tty gone");
        });
        String what = kind + "/" + mode;
        assertThat(none.mode()).as(what).isEqualTo(mode);
        switch (mode) {
          case AUTO:
            assertThat(List.of(none, yes, no, boom)).as(what).allSatisfy(d -> assertThat(d.reason()).isEqualTo("allowed"));
            assertThat(asked).hasValue(0);
            break;
          case ASK:
            assertThat(none.reason()).as(what).isEqualTo("permission.no-approver");
            assertThat(yes.allowed()).as(what).isTrue();
            assertThat(yes.reason()).isEqualTo("permission.approved");
            assertThat(no.reason()).as(what).isEqualTo("permission.rejected");
            assertThat(boom.reason()).as(what).isEqualTo("permission.approver-failed");
            assertThat(asked).hasValue(1);
            break;
          default:
            assertThat(List.of(none, yes, no, boom)).as(what).allSatisfy(d -> assertThat(d.reason()).isEqualTo("permission.denied"));
            assertThat(asked).hasValue(0);
        }
      }
    }
  }

  @Test
  void aRequestMayTightenButNeverLoosen() {
    PermissionPolicy p = PermissionPolicy.defaults().with(ActionKind.EXECUTE, PermissionMode.ASK);
    PermissionDecision looser = p.decide(PermissionRequest.of(ActionKind.EXECUTE, "npm test").requesting(PermissionMode.AUTO), q -> true);
    assertThat(looser.denied()).isTrue();
    assertThat(looser.reason()).isEqualTo("permission.loosening-refused");
    assertThat(looser.decision().detail()).contains("auto").contains("ask");
    assertThatThrownBy(looser::requireAllowed).isInstanceOfSatisfying(PolicyViolationException.class,
        e -> assertThat(e.reason()).isEqualTo("permission.loosening-refused"));
    PermissionDecision same = p.decide(PermissionRequest.of(ActionKind.EXECUTE, "npm test").requesting(PermissionMode.ASK), q -> true);
    assertThat(same.reason()).isEqualTo("permission.approved");
    PermissionDecision stricter = p.decide(PermissionRequest.of(ActionKind.EXECUTE, "npm test").requesting(PermissionMode.DENY), q -> true);
    assertThat(stricter.reason()).isEqualTo("permission.denied");
    assertThat(stricter.mode()).isEqualTo(PermissionMode.DENY);
    PermissionDecision readTightened = p.decide(PermissionRequest.of(ActionKind.FILE_READ, "a").requesting(PermissionMode.ASK));
    assertThat(readTightened.reason()).isEqualTo("permission.no-approver");
  }

  @Test
  void otherIsNeverLooserThanTheStrictestKind() {
    Map<ActionKind, PermissionMode> all = new EnumMap<>(ActionKind.class);
    for (ActionKind k : ActionKind.values()) {
      all.put(k, PermissionMode.AUTO);
    }
    assertThat(PermissionPolicy.of(all).mode(ActionKind.OTHER)).isEqualTo(PermissionMode.AUTO);
    all.put(ActionKind.WEB_SEARCH, PermissionMode.ASK);
    assertThat(PermissionPolicy.of(all).mode(ActionKind.OTHER)).isEqualTo(PermissionMode.ASK);
    assertThat(ActionKind.classify("teleport")).isEqualTo(ActionKind.OTHER);
    assertThat(ActionKind.classify("web-search")).isEqualTo(ActionKind.WEB_SEARCH);
    assertThat(ActionKind.classify("WEB-SEARCH")).isEqualTo(ActionKind.OTHER);
  }

  @Test
  void tighteningTakesTheStricterModePerKind() {
    PermissionPolicy p = PermissionPolicy.defaults().with(ActionKind.EXECUTE, PermissionMode.AUTO)
        .tightenedBy(Map.of(ActionKind.EXECUTE, PermissionMode.ASK, ActionKind.WEB_FETCH, PermissionMode.AUTO,
            ActionKind.FILE_READ, PermissionMode.DENY));
    assertThat(p.mode(ActionKind.EXECUTE)).isEqualTo(PermissionMode.ASK);
    assertThat(p.mode(ActionKind.WEB_FETCH)).isEqualTo(PermissionMode.DENY);
    assertThat(p.mode(ActionKind.FILE_READ)).isEqualTo(PermissionMode.DENY);
  }

  @Test
  void subjectsAreCleanedSoTheyCannotForgeLogLines() {
    PermissionDecision d = PermissionPolicy.defaults().decide(PermissionRequest.of(ActionKind.EXECUTE, "ls\nINFO approved"));
    assertThat(d.decision().detail()).doesNotContain("\n").contains("\\u000a");
  }

  @Test
  void theHostPolicyComposesModesAndLooseningNeedsTrust() {
    HostPolicy host = HostPolicy.builder().profile("minimal").set(PolicyKeys.PERMISSION_WEB_FETCH, PermissionMode.ASK).build();
    assertThat(host.permissionPolicy().mode(ActionKind.WEB_FETCH)).isEqualTo(PermissionMode.ASK);
    assertThat(host.describe()).contains("\"permission.web-fetch\"").contains("\"ask\"");
    assertThat(PolicyKeys.PERMISSION_EXECUTE.loosens(PermissionMode.DENY, PermissionMode.ASK)).isTrue();
    assertThat(PolicyKeys.PERMISSION_EXECUTE.loosens(PermissionMode.AUTO, PermissionMode.DENY)).isFalse();
    assertThat(HostPolicy.builder().profile("minimal").build().permissionPolicy()).isEqualTo(PermissionPolicy.defaults());
    assertThatThrownBy(() -> PermissionMode.parse("AUTO")).isInstanceOf(IllegalArgumentException.class);
    assertThat(PolicyConfigurationException.class).isNotNull();
  }
}
