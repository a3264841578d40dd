package dev.hostpolicy.core.profile;

import dev.hostpolicy.api.spi.HostProfile;
import dev.hostpolicy.api.spi.PolicyDraft;
import dev.hostpolicy.api.spi.PolicyKey;
import dev.hostpolicy.api.spi.PolicyKeys;

/**
 * The {@code minimal} profile: the strictest defaults of every rule in the catalogue — no API token
 * (so only loopback binds), no insecure opt-in, egress enforced with an empty allowlist (no egress),
 * no environment passthrough, login 20/min and webhooks 120/min, the default runaway budgets and
 * audit rotation. A host that starts here grants every permission explicitly.
 *
 * <pre>{@code
 * HostPolicy policy = HostPolicy.builder().profile(MinimalProfile.ID).build();
 * }</pre>
 */
public final class MinimalProfile implements HostProfile {

  /** {@value}. */
  public static final String ID = "minimal";

  /** Used by {@link java.util.ServiceLoader}. */
  public MinimalProfile() {}

  @Override
  public String id() {
    return ID;
  }

  @Override
  public int priority() {
    return 0;
  }

  @Override
  public String description() {
    return "strictest defaults: loopback only, no egress, no environment passthrough, default limits";
  }

  /** Sets every catalogue rule to its (strictest) default, so describe() attributes it to this profile. */
  @Override
  public void configure(PolicyDraft draft) {
    for (PolicyKey<?> key : PolicyKeys.all()) {
      setDefault(draft, key);
    }
  }

  private static <T> void setDefault(PolicyDraft draft, PolicyKey<T> key) {
    draft.set(key, key.defaultValue());
  }
}
