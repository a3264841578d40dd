package dev.hostpolicy.core.profile;

import dev.hostpolicy.api.spi.PolicyDraft;
import dev.hostpolicy.api.spi.PolicyKey;
import dev.hostpolicy.api.spi.PolicyKeys;

/** Sets every catalogue rule to its default, so {@code describe()} attributes each to the profile. */
final class ProfileDefaults {
  private ProfileDefaults() {}

  static void catalogue(PolicyDraft draft) {
    for (PolicyKey<?> key : PolicyKeys.all()) {
      setDefault(draft, key);
    }
  }

  static <T> void setDefault(PolicyDraft draft, PolicyKey<T> key) {
    draft.set(key, key.defaultValue());
  }
}
