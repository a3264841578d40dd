package dev.hostpolicy.core;

import dev.hostpolicy.api.spi.PolicyKey;
import dev.hostpolicy.api.spi.PolicyKeys;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * The mutable values of a policy under composition, with the source of every value and of every
 * entry of set-valued rules. Copied before a contributor runs, so an untrusted contributor's
 * changes can be discarded as a whole.
 */
final class DraftState {
  private final Map<String, PolicyKey<?>> keys = new LinkedHashMap<>();
  private final Map<PolicyKey<?>, Object> values = new LinkedHashMap<>();
  private final Map<PolicyKey<?>, RuleSource> sources = new LinkedHashMap<>();
  private final Map<PolicyKey<?>, Map<String, RuleSource>> entrySources = new LinkedHashMap<>();

  DraftState() {
    for (PolicyKey<?> key : PolicyKeys.all()) {
      register(key);
    }
  }

  DraftState copy() {
    DraftState c = new DraftState();
    c.keys.putAll(keys);
    c.values.putAll(values);
    c.sources.putAll(sources);
    for (Map.Entry<PolicyKey<?>, Map<String, RuleSource>> e : entrySources.entrySet()) {
      c.entrySources.put(e.getKey(), new LinkedHashMap<>(e.getValue()));
    }
    return c;
  }

  /** Makes this state equal to {@code other} (commits a contributor's staged changes). */
  void replaceWith(DraftState other) {
    keys.clear();
    keys.putAll(other.keys);
    values.clear();
    values.putAll(other.values);
    sources.clear();
    sources.putAll(other.sources);
    entrySources.clear();
    entrySources.putAll(other.entrySources);
  }

  /** Adds a key the catalogue does not know (a plugin's own rule); two keys may not share an id. */
  void register(PolicyKey<?> key) {
    PolicyKey<?> known = keys.get(key.id());
    if (known == null) {
      keys.put(key.id(), key);
      values.put(key, key.defaultValue());
      sources.put(key, RuleSource.DEFAULT);
      if (isSet(key)) {
        Map<String, RuleSource> entries = new LinkedHashMap<>();
        for (Object entry : (Set<?>) key.defaultValue()) {
          entries.put((String) entry, RuleSource.DEFAULT);
        }
        entrySources.put(key, entries);
      }
    } else if (known != key && (known.kind() != key.kind() || known.valueType() != key.valueType())) {
      throw new IllegalArgumentException(
          "two different rules share the id " + key.id() + " (" + known.kind() + " and " + key.kind() + ")");
    }
  }

  Iterable<PolicyKey<?>> keys() {
    return keys.values();
  }

  @SuppressWarnings("unchecked")
  <T> T get(PolicyKey<T> key) {
    register(key);
    return (T) values.get(keys.get(key.id()));
  }

  RuleSource source(PolicyKey<?> key) {
    register(key);
    return sources.get(keys.get(key.id()));
  }

  Map<String, RuleSource> entrySources(PolicyKey<?> key) {
    return entrySources.getOrDefault(keys.get(key.id()), Map.of());
  }

  <T> void set(PolicyKey<T> key, Object value, RuleSource source) {
    register(key);
    T normalized = key.normalize(value);
    PolicyKey<?> canonical = keys.get(key.id());
    values.put(canonical, normalized);
    sources.put(canonical, source);
    if (isSet(key)) {
      Map<String, RuleSource> old = entrySources.getOrDefault(canonical, Map.of());
      Map<String, RuleSource> entries = new LinkedHashMap<>();
      for (Object entry : (Set<?>) normalized) {
        entries.put((String) entry, old.getOrDefault(entry, source));
      }
      entrySources.put(canonical, entries);
    }
  }

  void add(PolicyKey<Set<String>> key, Iterable<String> entries, RuleSource source) {
    Set<String> current = new LinkedHashSet<>(get(key));
    for (String entry : entries) {
      current.add(entry);
    }
    set(key, current, source);
  }

  void remove(PolicyKey<Set<String>> key, Iterable<String> entries, RuleSource source) {
    Set<String> current = new LinkedHashSet<>(get(key));
    for (String entry : entries) {
      current.remove(entry);
    }
    set(key, current, source);
  }

  static boolean isSet(PolicyKey<?> key) {
    return key.kind() == PolicyKey.Kind.ALLOW_SET || key.kind() == PolicyKey.Kind.DENY_SET;
  }
}
