package dev.hostpolicy.core;

import java.util.Objects;

/**
 * What happened to one provider found by discovery. Every provider found appears in
 * {@link HostPolicy#discovery()} and in {@link HostPolicy#describe()}, whether it was applied or not.
 *
 * <pre>{@code
 * for (ProviderRecord r : policy.discovery().contributors()) {
 *   out.println(r.id() + " " + r.status() + " from " + r.location());
 * }
 * }</pre>
 *
 * @param id the provider's id
 * @param className the implementing class
 * @param location the jar or directory the class was loaded from, or {@code unknown}
 * @param priority the provider's declared priority
 * @param status what the composer did with it
 * @param detail why, in a few words (for example the loosening change a skipped contributor made)
 */
public record ProviderRecord(
    String id, String className, String location, int priority, Status status, String detail) {

  /** What the composer did with a provider. */
  public enum Status {
    /** The profile the host selected. */
    SELECTED,
    /** A profile that was found but not selected. */
    AVAILABLE,
    /** A contributor whose changes were applied (only tightening, or trusted). */
    APPLIED,
    /** A contributor the host excluded by id. */
    SKIPPED_EXCLUDED,
    /** A contributor that said it does not apply to the selected profile. */
    SKIPPED_NOT_APPLICABLE,
    /**
     * An untrusted contributor that tried to loosen a rule, skipped because the host chose
     * {@link UntrustedLoosening#SKIP}; with the default {@link UntrustedLoosening#FAIL} the build
     * fails instead.
     */
    SKIPPED_UNTRUSTED
  }

  /** Validates the parts. */
  public ProviderRecord {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(className, "className");
    Objects.requireNonNull(location, "location");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(detail, "detail");
  }
}
