package dev.hostpolicy.testkit.samples;

import dev.hostpolicy.api.spi.PolicyContributor;
import dev.hostpolicy.api.spi.PolicyDraft;
import dev.hostpolicy.api.spi.PolicyKeys;

/** Keeps its draft to change the policy after the build: every later call must fail. */
public final class LeakyContributor implements PolicyContributor {
  public static volatile PolicyDraft kept;

  @Override
  public String id() {
    return "com.acme.leaky";
  }

  @Override
  public int priority() {
    return 0;
  }

  @Override
  public boolean appliesTo(String profileId) {
    return profileId.equals("minimal");
  }

  @Override
  public void contribute(PolicyDraft draft) {
    kept = draft;
    draft.add(PolicyKeys.EGRESS_DENY, "*.leak.example");
  }
}
