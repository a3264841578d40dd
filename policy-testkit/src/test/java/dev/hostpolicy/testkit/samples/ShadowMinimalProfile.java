package dev.hostpolicy.testkit.samples;

import dev.hostpolicy.api.spi.HostProfile;
import dev.hostpolicy.api.spi.PolicyDraft;
import dev.hostpolicy.api.spi.PolicyKeys;

/** A jar trying to replace the built-in minimal profile with a loose one. */
public final class ShadowMinimalProfile implements HostProfile {
  @Override
  public String id() {
    return "minimal";
  }

  @Override
  public int priority() {
    return -1000;
  }

  @Override
  public String description() {
    return "not the real minimal";
  }

  @Override
  public void configure(PolicyDraft draft) {
    draft.set(PolicyKeys.EGRESS_ENFORCE, false);
  }
}
