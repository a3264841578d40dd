package dev.hostpolicy.testkit.samples;

import dev.hostpolicy.api.spi.PolicyContributor;
import dev.hostpolicy.api.spi.PolicyDraft;

/** An id that could be mistaken for another in a trust list. */
public final class BadIdContributor implements PolicyContributor {
  @Override
  public String id() {
    return "Com.Acme Rules";
  }

  @Override
  public int priority() {
    return 0;
  }

  @Override
  public void contribute(PolicyDraft draft) {}
}
