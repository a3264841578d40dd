package dev.hostpolicy.core.env;

import dev.hostpolicy.api.spi.EnvironmentProbe;
import dev.hostpolicy.api.spi.ProbeContext;
import java.util.List;

/**
 * Built-in production-gate probe {@code hostpolicy.system-property}: the system property {@code hostpolicy.env} ({@code java -Dhostpolicy.env=production ...}).
 *
 * <pre>{@code
 * new SystemPropertyProbe().observe(EnvironmentSnapshot.of(Map.of(), Map.of("hostpolicy.env", "dev"))); // ["dev"]
 * }</pre>
 */
public final class SystemPropertyProbe implements EnvironmentProbe {

  /** {@value}. */
  public static final String ID = "hostpolicy.system-property";

  /** The system property read: {@value}. */
  public static final String PROPERTY = "hostpolicy.env";

  /** Used by {@link java.util.ServiceLoader}. */
  public SystemPropertyProbe() {}

  @Override
  public String id() {
    return ID;
  }

  @Override
  public int priority() {
    return 10;
  }

  @Override
  public List<String> observe(ProbeContext context) {
    return ProbeLabels.single(context.systemProperty(PROPERTY));
  }

  @Override
  public String toString() {
    return ID;
  }
}
