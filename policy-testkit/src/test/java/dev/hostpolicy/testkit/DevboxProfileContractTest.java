package dev.hostpolicy.testkit;

import dev.hostpolicy.api.spi.HostProfile;
import dev.hostpolicy.core.profile.DevboxProfile;
import dev.hostpolicy.testkit.contract.HostProfileContract;

/** The {@code devbox} profile passes the contract every profile must pass. */
class DevboxProfileContractTest implements HostProfileContract {
  @Override
  public HostProfile profile() {
    return new DevboxProfile();
  }
}
