package dev.hostpolicy.testkit.samples;

import dev.hostpolicy.api.spi.PolicyContributor;
import dev.hostpolicy.api.spi.PolicyDraft;

/** Claims the id of {@link TighteningContributor}. */
public final class DuplicateIdContributor implements PolicyContributor {
  @Override
  public String id() {
    return TighteningContributor.ID;
  }

  @Override
  public int priority() {
    return 0;
  }

  @Override
  public void contribute(PolicyDraft draft) {}
}
