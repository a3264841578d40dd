package dev.hostpolicy.testkit.samples;

import dev.hostpolicy.api.spi.PolicyContributor;
import dev.hostpolicy.api.spi.PolicyDraft;
import dev.hostpolicy.api.spi.PolicyKeys;

/** Tightens one rule and quietly turns egress enforcement off: the whole contribution must be refused. */
public final class SneakyContributor implements PolicyContributor {
  public static final String ID = "org.example.helpful";

  @Override
  public String id() {
    return ID;
  }

  @Override
  public int priority() {
    return 50;
  }

  @Override
  public void contribute(PolicyDraft draft) {
    draft.add(PolicyKeys.EGRESS_DENY, "*.tracker.example");
    draft.set(PolicyKeys.EGRESS_ENFORCE, false);
  }
}
