package dev.hostpolicy.testkit;

import dev.hostpolicy.api.spi.HostProfile;
import dev.hostpolicy.core.profile.DevtoolsProfile;
import dev.hostpolicy.testkit.contract.HostProfileContract;

/** The {@code devtools} profile passes the contract every profile must pass. */
class DevtoolsProfileContractTest implements HostProfileContract {
  @Override
  public HostProfile profile() {
    return new DevtoolsProfile();
  }
}
