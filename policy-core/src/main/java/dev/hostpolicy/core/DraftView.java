package dev.hostpolicy.core;

import dev.hostpolicy.api.spi.PolicyDraft;
import dev.hostpolicy.api.spi.PolicyKey;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/** The {@link PolicyDraft} one profile or contributor gets; dead once its call returns. */
final class DraftView implements PolicyDraft {
  private final DraftState state;
  private final RuleSource source;
  private final String profileId;
  private final Optional<String> namespace;
  private final Optional<Path> dataDir;
  private volatile boolean open = true;

  DraftView(DraftState state, RuleSource source, String profileId, Optional<String> namespace, Optional<Path> dataDir) {
    this.state = state;
    this.source = source;
    this.profileId = profileId;
    this.namespace = namespace;
    this.dataDir = dataDir;
  }

  void close() {
    open = false;
  }

  private void checkOpen() {
    if (!open) {
      throw new IllegalStateException("this PolicyDraft is no longer open; keep no reference to it");
    }
  }

  @Override
  public String profileId() {
    return profileId;
  }

  @Override
  public Optional<String> namespace() {
    return namespace;
  }

  @Override
  public Optional<Path> dataDir() {
    return dataDir;
  }

  @Override
  public <T> T get(PolicyKey<T> key) {
    checkOpen();
    return state.get(Objects.requireNonNull(key, "key"));
  }

  @Override
  public <T> PolicyDraft set(PolicyKey<T> key, T value) {
    checkOpen();
    state.set(Objects.requireNonNull(key, "key"), value, source);
    return this;
  }

  @Override
  public PolicyDraft add(PolicyKey<Set<String>> key, String... entries) {
    checkOpen();
    state.add(requireSetKey(key), Arrays.asList(entries.clone()), source);
    return this;
  }

  @Override
  public PolicyDraft remove(PolicyKey<Set<String>> key, String... entries) {
    checkOpen();
    state.remove(requireSetKey(key), Arrays.asList(entries.clone()), source);
    return this;
  }

  private static PolicyKey<Set<String>> requireSetKey(PolicyKey<Set<String>> key) {
    Objects.requireNonNull(key, "key");
    if (!DraftState.isSet(key)) {
      throw new IllegalArgumentException(key.id() + " is not a set-valued rule");
    }
    return key;
  }
}
