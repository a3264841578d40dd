package dev.hostpolicy.testkit.fake;

import dev.hostpolicy.api.spi.PolicyDraft;
import dev.hostpolicy.api.spi.PolicyKey;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A {@link PolicyDraft} for unit-testing a profile or contributor in isolation: it starts from every
 * key's default (or from given values), applies changes with the same normalisation as the composer,
 * and records each change with whether it {@link PolicyKey#loosens loosens} the rule.
 *
 * <pre>{@code
 * RecordingDraft draft = RecordingDraft.forProfile("minimal");
 * new AcmeEgressRules().contribute(draft);
 * assertThat(draft.loosenings()).isEmpty(); // only tightening changes
 * }</pre>
 */
public final class RecordingDraft implements PolicyDraft {

  /**
   * One change.
   *
   * @param key the rule
   * @param before the value before the change
   * @param after the value after it
   * @param loosening whether the change loosens the rule
   */
  public record Change(PolicyKey<?> key, Object before, Object after, boolean loosening) {}

  private final String profileId;
  private final Map<PolicyKey<?>, Object> values = new LinkedHashMap<>();
  private final List<Change> changes = new ArrayList<>();

  private RecordingDraft(String profileId) {
    this.profileId = Objects.requireNonNull(profileId, "profileId");
  }

  /** A draft for {@code profileId} where every rule has its default. */
  public static RecordingDraft forProfile(String profileId) {
    return new RecordingDraft(profileId);
  }

  @Override
  public String profileId() {
    return profileId;
  }

  @Override
  public Optional<String> namespace() {
    return Optional.empty();
  }

  @Override
  public Optional<Path> dataDir() {
    return Optional.empty();
  }

  @Override
  @SuppressWarnings("unchecked")
  public <T> T get(PolicyKey<T> key) {
    return (T) values.getOrDefault(key, key.defaultValue());
  }

  @Override
  public <T> PolicyDraft set(PolicyKey<T> key, T value) {
    T before = get(key);
    T after = key.normalize(value);
    values.put(key, after);
    changes.add(new Change(key, before, after, !Objects.equals(before, after) && key.loosens(before, after)));
    return this;
  }

  @Override
  public PolicyDraft add(PolicyKey<Set<String>> key, String... entries) {
    Set<String> next = new LinkedHashSet<>(get(key));
    next.addAll(Arrays.asList(entries));
    return set(key, next);
  }

  @Override
  public PolicyDraft remove(PolicyKey<Set<String>> key, String... entries) {
    Set<String> next = new LinkedHashSet<>(get(key));
    next.removeAll(Arrays.asList(entries));
    return set(key, next);
  }

  /** Every change, in order. */
  public List<Change> changes() {
    return List.copyOf(changes);
  }

  /** The changes that loosened a rule. */
  public List<Change> loosenings() {
    return changes.stream().filter(Change::loosening).toList();
  }

  /** The current values of every rule that was set, in the order first set. */
  public Map<PolicyKey<?>, Object> values() {
    return java.util.Collections.unmodifiableMap(new LinkedHashMap<>(values));
  }
}
