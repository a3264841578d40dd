package dev.hostpolicy.testkit.env;

import dev.hostpolicy.api.spi.EnvironmentProbe;
import dev.hostpolicy.api.spi.ProbeContext;
import dev.hostpolicy.core.env.AppEnvProbe;
import dev.hostpolicy.core.env.EnvironmentSnapshot;
import dev.hostpolicy.testkit.contract.EnvironmentProbeContract;
import java.util.Map;

/** The built-in {@link AppEnvProbe} passes the contract every probe must pass. */
class AppEnvProbeContractTest implements EnvironmentProbeContract {
  @Override
  public EnvironmentProbe probe() {
    return new AppEnvProbe();
  }

  @Override
  public ProbeContext productionContext() {
    return EnvironmentSnapshot.of(Map.of("APP_ENV", "production"), Map.of());
  }

  @Override
  public ProbeContext developmentContext() {
    return EnvironmentSnapshot.of(Map.of("APP_ENV", "local", "NODE_ENV", "production"), Map.of());
  }
}
