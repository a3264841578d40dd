package dev.hostpolicy.core;

import java.util.List;

/**
 * Every {@code HostProfile} and {@code PolicyContributor} discovery found, in the deterministic
 * order the composer used (ascending priority, then id), with what happened to each.
 *
 * <pre>{@code
 * policy.discovery().contributors().stream()
 *     .filter(r -> r.status() == ProviderRecord.Status.APPLIED)
 *     .forEach(r -> log.log(INFO, "applied " + r.id()));
 * }</pre>
 *
 * @param profiles every profile found
 * @param contributors every contributor found
 */
public record DiscoveryReport(List<ProviderRecord> profiles, List<ProviderRecord> contributors) {
  /** Copies the lists. */
  public DiscoveryReport {
    profiles = List.copyOf(profiles);
    contributors = List.copyOf(contributors);
  }
}
