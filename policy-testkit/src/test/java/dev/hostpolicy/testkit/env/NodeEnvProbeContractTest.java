package dev.hostpolicy.testkit.env;

import dev.hostpolicy.api.spi.EnvironmentProbe;
import dev.hostpolicy.api.spi.ProbeContext;
import dev.hostpolicy.core.env.NodeEnvProbe;
import dev.hostpolicy.core.env.EnvironmentSnapshot;
import dev.hostpolicy.testkit.contract.EnvironmentProbeContract;
import java.util.Map;

/** The built-in {@link NodeEnvProbe} passes the contract every probe must pass. */
class NodeEnvProbeContractTest implements EnvironmentProbeContract {
  @Override
  public EnvironmentProbe probe() {
    return new NodeEnvProbe();
  }

  @Override
  public ProbeContext productionContext() {
    return EnvironmentSnapshot.of(Map.of("NODE_ENV", "production"), Map.of());
  }

  @Override
  public ProbeContext developmentContext() {
    return EnvironmentSnapshot.of(Map.of("NODE_ENV", "development", "APP_ENV", "production"), Map.of());
  }
}
