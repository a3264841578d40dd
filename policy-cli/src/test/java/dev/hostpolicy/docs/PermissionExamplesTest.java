package dev.hostpolicy.docs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hostpolicy.api.PermissionMode;
import dev.hostpolicy.api.spi.PolicyKeys;
import dev.hostpolicy.core.HostPolicy;
import dev.hostpolicy.core.permission.ActionKind;
import dev.hostpolicy.core.permission.PermissionApprover;
import dev.hostpolicy.core.permission.PermissionDecision;
import dev.hostpolicy.core.permission.PermissionPolicy;
import dev.hostpolicy.core.permission.PermissionRequest;
import org.junit.jupiter.api.Test;

/** The examples of docs/permissions.md, compiled and run. */
class PermissionExamplesTest {

  @Test
  void decide() {
    HostPolicy hostPolicy = HostPolicy.builder().profile("minimal").build();
    PermissionApprover approver = request -> request.subject().equals("README.md");
    // snippet: permissions-decide
    PermissionPolicy permissions = hostPolicy.permissionPolicy();      // the permission.* rules
    PermissionDecision fetch = permissions.decide(PermissionRequest.of(ActionKind.WEB_FETCH, "https://example.com/"));
    fetch.reason();     // permission.denied: the unattended default
    PermissionDecision edit = permissions.decide(PermissionRequest.of(ActionKind.FILE_EDIT, "README.md"));
    edit.reason();      // permission.no-approver: ask, and nobody to ask
    PermissionDecision asked = permissions.decide(PermissionRequest.of(ActionKind.FILE_EDIT, "README.md"), approver);
    asked.reason();     // permission.approved when the person said yes
    // end-snippet
    assertThat(fetch.reason()).isEqualTo("permission.denied");
    assertThat(edit.reason()).isEqualTo("permission.no-approver");
    assertThat(asked.reason()).isEqualTo("permission.approved");
  }

  @Test
  void compose() {
    // snippet: permissions-compose
    HostPolicy hostPolicy = HostPolicy.builder()
        .profile("minimal")
        .set(PolicyKeys.PERMISSION_EXECUTE, PermissionMode.ASK)      // the host's own choice: may loosen
        .build();
    PermissionRequest looser = PermissionRequest.of(ActionKind.EXECUTE, "npm test").requesting(PermissionMode.AUTO);
    hostPolicy.permissionPolicy().decide(looser).reason();           // permission.loosening-refused
    // end-snippet
    assertThat(hostPolicy.permissionPolicy().decide(looser).reason()).isEqualTo("permission.loosening-refused");
  }
}
