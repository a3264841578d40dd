package dev.hostpolicy.core.env;

import dev.hostpolicy.api.spi.EnvironmentProbe;
import dev.hostpolicy.api.spi.ProbeContext;
import java.util.List;

/**
 * Built-in production-gate probe {@code hostpolicy.app-env}: the {@code APP_ENV} environment variable (Laravel, Symfony, many container images).
 *
 * <pre>{@code
 * new AppEnvProbe().observe(EnvironmentSnapshot.of(Map.of("APP_ENV", "production"), Map.of())); // ["production"]
 * }</pre>
 */
public final class AppEnvProbe implements EnvironmentProbe {

  /** {@value}. */
  public static final String ID = "hostpolicy.app-env";

  /** The variable read: {@value}. */
  public static final String VARIABLE = "APP_ENV";

  /** Used by {@link java.util.ServiceLoader}. */
  public AppEnvProbe() {}

  @Override
  public String id() {
    return ID;
  }

  @Override
  public int priority() {
    return 20;
  }

  @Override
  public List<String> observe(ProbeContext context) {
    return ProbeLabels.single(context.environmentVariable(VARIABLE));
  }

  @Override
  public String toString() {
    return ID;
  }
}
