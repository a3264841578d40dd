package dev.hostpolicy.core.env;

import dev.hostpolicy.api.spi.ProbeContext;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;

/**
 * An immutable {@link ProbeContext}: a copy of environment variables and system properties, plus the
 * environment the operator declared ({@code <NS>_ENV}). Tests build one from maps, so the production
 * gate is tested without changing the real environment.
 *
 * <pre>{@code
 * ProbeContext real = EnvironmentSnapshot.system()
 *     .withDeclaredEnvironment(policy.get(PolicyKeys.DECLARED_ENVIRONMENT));
 * ProbeContext fake = EnvironmentSnapshot.of(Map.of("NODE_ENV", "production"), Map.of());
 * }</pre>
 */
public final class EnvironmentSnapshot implements ProbeContext {
  private final Map<String, String> environment;
  private final Map<String, String> properties;
  private final Optional<String> declared;

  private EnvironmentSnapshot(Map<String, String> environment, Map<String, String> properties, Optional<String> declared) {
    this.environment = environment;
    this.properties = properties;
    this.declared = declared;
  }

  /** A copy of the process environment and system properties, taken now. */
  public static EnvironmentSnapshot system() {
    return of(System.getenv(), System.getProperties());
  }

  /** A snapshot of the given variables and properties. */
  public static EnvironmentSnapshot of(Map<String, String> environment, Map<String, String> properties) {
    return new EnvironmentSnapshot(copy(environment), copy(properties), Optional.empty());
  }

  /** A snapshot of the given variables and {@link Properties}. */
  public static EnvironmentSnapshot of(Map<String, String> environment, Properties properties) {
    Map<String, String> props = new LinkedHashMap<>();
    for (String name : properties.stringPropertyNames()) {
      props.put(name, properties.getProperty(name));
    }
    return of(environment, props);
  }

  /** An empty snapshot: no variables, no properties, nothing declared. */
  public static EnvironmentSnapshot empty() {
    return of(Map.of(), Map.of());
  }

  /**
   * This snapshot with the operator's declared environment (the value of
   * {@code PolicyKeys.DECLARED_ENVIRONMENT}); an empty or blank string means not declared.
   */
  public EnvironmentSnapshot withDeclaredEnvironment(String declaredEnvironment) {
    Objects.requireNonNull(declaredEnvironment, "declaredEnvironment");
    return new EnvironmentSnapshot(environment, properties,
        declaredEnvironment.isBlank() ? Optional.empty() : Optional.of(declaredEnvironment));
  }

  private static Map<String, String> copy(Map<String, String> map) {
    Map<String, String> out = new LinkedHashMap<>();
    Objects.requireNonNull(map, "map").forEach((k, v) -> {
      if (k != null && v != null) {
        out.put(k, v);
      }
    });
    return java.util.Collections.unmodifiableMap(out);
  }

  @Override
  public Optional<String> environmentVariable(String name) {
    return Optional.ofNullable(environment.get(name));
  }

  @Override
  public Optional<String> systemProperty(String name) {
    return Optional.ofNullable(properties.get(name));
  }

  @Override
  public Optional<String> declaredEnvironment() {
    return declared;
  }

  /** Counts only; values may be secrets. */
  @Override
  public String toString() {
    return "EnvironmentSnapshot[" + environment.size() + " variables, " + properties.size() + " properties, declared="
        + declared.orElse("-") + "]";
  }
}
