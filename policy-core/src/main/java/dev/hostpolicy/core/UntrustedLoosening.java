package dev.hostpolicy.core;

/**
 * What {@link HostPolicy.Builder#build()} does when a contributor the host does not trust tries to
 * loosen a rule.
 *
 * <pre>{@code
 * HostPolicy.builder().profile("minimal").onUntrustedLoosening(UntrustedLoosening.SKIP).build();
 * }</pre>
 */
public enum UntrustedLoosening {
  /** Fail the build naming the contributor and the rule (the default). */
  FAIL,
  /**
   * Discard all of that contributor's changes, log a WARNING and report it as
   * {@link ProviderRecord.Status#SKIPPED_UNTRUSTED}.
   */
  SKIP
}
