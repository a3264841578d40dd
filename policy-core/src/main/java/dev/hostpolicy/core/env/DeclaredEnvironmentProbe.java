package dev.hostpolicy.core.env;

import dev.hostpolicy.api.spi.EnvironmentProbe;
import dev.hostpolicy.api.spi.ProbeContext;
import java.util.List;

/**
 * Built-in production-gate probe {@code hostpolicy.declared-env}: the environment the operator declared for this host with the {@code <NS>_ENV} setting (or the
 * {@code <ns>.env} system property), already validated by the composer and handed to the gate as
 * {@link ProbeContext#declaredEnvironment()}.
 *
 * <pre>{@code
 * new DeclaredEnvironmentProbe().observe(EnvironmentSnapshot.empty().withDeclaredEnvironment("production")); // ["production"]
 * }</pre>
 */
public final class DeclaredEnvironmentProbe implements EnvironmentProbe {

  /** {@value}. */
  public static final String ID = "hostpolicy.declared-env";

  /** Used by {@link java.util.ServiceLoader}. */
  public DeclaredEnvironmentProbe() {}

  @Override
  public String id() {
    return ID;
  }

  @Override
  public int priority() {
    return 0;
  }

  @Override
  public List<String> observe(ProbeContext context) {
    return ProbeLabels.single(context.declaredEnvironment());
  }

  @Override
  public String toString() {
    return ID;
  }
}
