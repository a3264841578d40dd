package dev.hostpolicy.api.spi;

import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;

/**
 * The policy under construction, as a {@link HostProfile} or {@link PolicyContributor} sees it.
 *
 * <p>Every change is recorded with its source (the profile id, or the contributor's id and class),
 * which {@code HostPolicy.describe()} reports. A contributor's loosening changes (see
 * {@link PolicyKey}) are checked once its {@code contribute} call returns: if the host does not trust
 * the contributor's id, the build fails naming it and none of its changes apply. A draft is only
 * valid during the call it was passed to.
 *
 * <pre>{@code
 * public void contribute(PolicyDraft draft) {
 *   draft.add(PolicyKeys.EGRESS_DENY, "*.pastebin.com");   // tightening
 *   draft.set(PolicyKeys.LOGIN_RATE_LIMIT, Rate.perMinute(5));
 * }
 * }</pre>
 */
public interface PolicyDraft {

  /** The id of the profile being built. */
  String profileId();

  /** The operator-settings namespace (for example {@code INFLOOP}), when the host set one. */
  Optional<String> namespace();

  /** The host's data directory, when the host set one. */
  Optional<Path> dataDir();

  /** The current value of {@code key}. */
  <T> T get(PolicyKey<T> key);

  /**
   * Sets {@code key} to {@code value}.
   *
   * @throws IllegalArgumentException if {@code value} is not legal for the key
   * @throws IllegalStateException if the draft is no longer open
   */
  <T> PolicyDraft set(PolicyKey<T> key, T value);

  /** Adds entries to a set-valued rule (loosening for an allow set, tightening for a deny set). */
  PolicyDraft add(PolicyKey<Set<String>> key, String... entries);

  /** Removes entries from a set-valued rule (tightening for an allow set, loosening for a deny set). */
  PolicyDraft remove(PolicyKey<Set<String>> key, String... entries);
}
