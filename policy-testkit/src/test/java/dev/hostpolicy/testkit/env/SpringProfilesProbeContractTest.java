package dev.hostpolicy.testkit.env;

import dev.hostpolicy.api.spi.EnvironmentProbe;
import dev.hostpolicy.api.spi.ProbeContext;
import dev.hostpolicy.core.env.SpringProfilesProbe;
import dev.hostpolicy.core.env.EnvironmentSnapshot;
import dev.hostpolicy.testkit.contract.EnvironmentProbeContract;
import java.util.Map;

/** The built-in {@link SpringProfilesProbe} passes the contract every probe must pass. */
class SpringProfilesProbeContractTest implements EnvironmentProbeContract {
  @Override
  public EnvironmentProbe probe() {
    return new SpringProfilesProbe();
  }

  @Override
  public ProbeContext productionContext() {
    return EnvironmentSnapshot.of(Map.of("SPRING_PROFILES_ACTIVE", "metrics,prod"), Map.of());
  }

  @Override
  public ProbeContext developmentContext() {
    return EnvironmentSnapshot.of(Map.of("NODE_ENV", "production"), Map.of("spring.profiles.active", "dev,swagger"));
  }
}
