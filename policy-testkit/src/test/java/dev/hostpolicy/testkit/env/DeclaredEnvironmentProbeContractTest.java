package dev.hostpolicy.testkit.env;

import dev.hostpolicy.api.spi.EnvironmentProbe;
import dev.hostpolicy.api.spi.ProbeContext;
import dev.hostpolicy.core.env.DeclaredEnvironmentProbe;
import dev.hostpolicy.core.env.EnvironmentSnapshot;
import dev.hostpolicy.testkit.contract.EnvironmentProbeContract;
import java.util.Map;

/** The built-in {@link DeclaredEnvironmentProbe} passes the contract every probe must pass. */
class DeclaredEnvironmentProbeContractTest implements EnvironmentProbeContract {
  @Override
  public EnvironmentProbe probe() {
    return new DeclaredEnvironmentProbe();
  }

  @Override
  public ProbeContext productionContext() {
    return EnvironmentSnapshot.empty().withDeclaredEnvironment("production");
  }

  @Override
  public ProbeContext developmentContext() {
    return EnvironmentSnapshot.of(Map.of("NODE_ENV", "production"), Map.of()).withDeclaredEnvironment("development");
  }
}
