package dev.hostpolicy.core.env;

import dev.hostpolicy.api.spi.EnvironmentProbe;
import dev.hostpolicy.api.spi.ProbeContext;
import java.util.List;

/**
 * Built-in production-gate probe {@code hostpolicy.spring-profiles}: Spring's active profiles, from the {@code SPRING_PROFILES_ACTIVE} environment variable and the
 * {@code spring.profiles.active} system property (comma-separated). Spring profiles are feature
 * switches as often as environments, so only profiles that name an environment the gate recognises
 * ({@code prod}, {@code production}, {@code dev}, {@code development}, {@code local}, {@code test}) are
 * reported; {@code swagger} or {@code metrics} are not an opinion about the environment.
 *
 * <pre>{@code
 * new SpringProfilesProbe().observe(EnvironmentSnapshot.of(Map.of("SPRING_PROFILES_ACTIVE", "prod,metrics"), Map.of())); // ["prod"]
 * }</pre>
 */
public final class SpringProfilesProbe implements EnvironmentProbe {

  /** {@value}. */
  public static final String ID = "hostpolicy.spring-profiles";

  /** The variable read: {@value}. */
  public static final String VARIABLE = "SPRING_PROFILES_ACTIVE";

  /** The system property read: {@value}. */
  public static final String PROPERTY = "spring.profiles.active";

  /** Used by {@link java.util.ServiceLoader}. */
  public SpringProfilesProbe() {}

  @Override
  public String id() {
    return ID;
  }

  @Override
  public int priority() {
    return 40;
  }

  @Override
  public List<String> observe(ProbeContext context) {
    List<String> labels = ProbeLabels.commaSeparated(List.of(context.environmentVariable(VARIABLE), context.systemProperty(PROPERTY)));
    labels.removeIf(l -> DeploymentStage.classify(l) == DeploymentStage.UNRECOGNISED);
    return List.copyOf(labels);
  }

  @Override
  public String toString() {
    return ID;
  }
}
