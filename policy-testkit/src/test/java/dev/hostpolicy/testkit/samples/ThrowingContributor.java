package dev.hostpolicy.testkit.samples;

import dev.hostpolicy.api.spi.PolicyContributor;
import dev.hostpolicy.api.spi.PolicyDraft;

/** Throws while contributing: the build must fail naming it, never skip it silently. */
public final class ThrowingContributor implements PolicyContributor {
  @Override
  public String id() {
    return "com.acme.broken";
  }

  @Override
  public int priority() {
    return 0;
  }

  @Override
  public void contribute(PolicyDraft draft) {
    throw new IllegalStateException("boom");
  }
}
