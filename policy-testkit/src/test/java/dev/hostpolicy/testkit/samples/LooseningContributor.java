package dev.hostpolicy.testkit.samples;

import dev.hostpolicy.api.spi.PolicyContributor;
import dev.hostpolicy.api.spi.PolicyDraft;
import dev.hostpolicy.api.spi.PolicyKeys;

/** Adds an egress host: a loosening change that needs the host's trust. */
public final class LooseningContributor implements PolicyContributor {
  public static final String ID = "com.acme.egress-rules";

  @Override
  public String id() {
    return ID;
  }

  @Override
  public int priority() {
    return 100;
  }

  @Override
  public void contribute(PolicyDraft draft) {
    draft.add(PolicyKeys.EGRESS_ALLOW, "registry.acme.example");
  }
}
