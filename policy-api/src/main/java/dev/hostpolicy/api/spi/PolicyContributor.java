package dev.hostpolicy.api.spi;

/**
 * A plugin that adjusts the policy of every host that finds it with {@link java.util.ServiceLoader}:
 * extra egress deny patterns from a security team, a lower login rate, an extra egress host for a
 * company registry.
 *
 * <p>Discovery is a security boundary: contributors run in a deterministic order (ascending
 * {@link #priority()}, then {@link #id()}); two with the same id fail the build; one that throws
 * fails the build naming it. A contributor may tighten anything, but a change that loosens a rule
 * (see {@link PolicyKey}) applies only if the host trusts its id explicitly
 * ({@code HostPolicy.builder().trust("com.acme.egress-rules")}); otherwise the build fails.
 *
 * <pre>{@code
 * public final class AcmeEgressRules implements PolicyContributor {
 *   public String id() { return "com.acme.egress-rules"; }
 *   public int priority() { return 100; }
 *   public void contribute(PolicyDraft draft) {
 *     draft.add(PolicyKeys.EGRESS_ALLOW, "registry.acme.example"); // loosening: needs trust
 *   }
 * }
 * }</pre>
 */
public interface PolicyContributor {

  /** Lowercase id, dotted or hyphenated; the name a host trusts ({@code com.acme.egress-rules}). */
  String id();

  /** Application order: lower first; equal priorities are ordered by id. Must be stated explicitly. */
  int priority();

  /** Whether this contributor applies to the profile being built; a skipped one is reported as such. */
  default boolean appliesTo(String profileId) {
    return true;
  }

  /** Makes this contributor's changes. */
  void contribute(PolicyDraft draft);
}
