package dev.hostpolicy.testkit.env;

import dev.hostpolicy.api.spi.EnvironmentProbe;
import dev.hostpolicy.api.spi.ProbeContext;
import dev.hostpolicy.core.env.SystemPropertyProbe;
import dev.hostpolicy.core.env.EnvironmentSnapshot;
import dev.hostpolicy.testkit.contract.EnvironmentProbeContract;
import java.util.Map;

/** The built-in {@link SystemPropertyProbe} passes the contract every probe must pass. */
class SystemPropertyProbeContractTest implements EnvironmentProbeContract {
  @Override
  public EnvironmentProbe probe() {
    return new SystemPropertyProbe();
  }

  @Override
  public ProbeContext productionContext() {
    return EnvironmentSnapshot.of(Map.of(), Map.of("hostpolicy.env", "prod"));
  }

  @Override
  public ProbeContext developmentContext() {
    return EnvironmentSnapshot.of(Map.of("NODE_ENV", "production"), Map.of("hostpolicy.env", "local"));
  }
}
