package dev.hostpolicy.api.spi;

/**
 * A named starting point for a host's policy — {@code minimal}, {@code infinite-loop},
 * {@code devloop}, {@code devbox}, {@code devtools}, or a host's own. Found with
 * {@link java.util.ServiceLoader}; register it in {@code META-INF/services/dev.hostpolicy.api.spi.HostProfile}
 * and in {@code module-info} ({@code provides HostProfile with ...}).
 *
 * <p>The host selects a profile by id; the profile sets the defaults of every rule it cares about.
 * Two providers with the same id fail the build, so a jar on the class path cannot shadow a profile.
 * Implementations must be deterministic and must not read the environment: operator settings are
 * applied after the profile by the composer.
 *
 * <pre>{@code
 * public final class AcmeProfile implements HostProfile {
 *   public String id() { return "acme"; }
 *   public int priority() { return 0; }
 *   public String description() { return "ACME build agent: egress to our registry only"; }
 *   public void configure(PolicyDraft draft) {
 *     draft.add(PolicyKeys.EGRESS_ALLOW, "registry.acme.example");
 *   }
 * }
 * }</pre>
 */
public interface HostProfile {

  /** Lowercase id, dotted or hyphenated ({@code infinite-loop}, {@code com.acme.agent}). */
  String id();

  /** Orders profiles in listings (lower first, then id). Must be stated explicitly. */
  int priority();

  /** One sentence on what kind of host this profile is for. */
  String description();

  /** Sets this profile's defaults. Must not throw for a fresh draft. */
  void configure(PolicyDraft draft);
}
