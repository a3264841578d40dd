package dev.hostpolicy.core.env;

import dev.hostpolicy.api.spi.EnvironmentProbe;
import dev.hostpolicy.api.spi.ProbeContext;
import java.util.List;

/**
 * Built-in production-gate probe {@code hostpolicy.node-env}: the {@code NODE_ENV} environment variable (Node.js, Vite, Next.js and most JavaScript tooling).
 *
 * <pre>{@code
 * new NodeEnvProbe().observe(EnvironmentSnapshot.of(Map.of("NODE_ENV", "development"), Map.of())); // ["development"]
 * }</pre>
 */
public final class NodeEnvProbe implements EnvironmentProbe {

  /** {@value}. */
  public static final String ID = "hostpolicy.node-env";

  /** The variable read: {@value}. */
  public static final String VARIABLE = "NODE_ENV";

  /** Used by {@link java.util.ServiceLoader}. */
  public NodeEnvProbe() {}

  @Override
  public String id() {
    return ID;
  }

  @Override
  public int priority() {
    return 30;
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
