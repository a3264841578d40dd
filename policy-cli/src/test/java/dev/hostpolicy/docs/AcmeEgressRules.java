package dev.hostpolicy.docs;

import dev.hostpolicy.api.spi.PolicyContributor;
import dev.hostpolicy.api.spi.PolicyDraft;
import dev.hostpolicy.api.spi.PolicyKeys;

// snippet: spi-contributor
public final class AcmeEgressRules implements PolicyContributor {
  @Override
  public String id() {
    return "com.acme.egress-rules";            // the name a host trusts
  }

  @Override
  public int priority() {
    return 100;                                // applied after lower priorities; ties ordered by id
  }

  @Override
  public void contribute(PolicyDraft draft) {
    draft.add(PolicyKeys.EGRESS_DENY, "*.paste.example");          // tightening: always applied
    draft.add(PolicyKeys.EGRESS_ALLOW, "registry.acme.example");   // loosening: needs trust
  }
}
// end-snippet
