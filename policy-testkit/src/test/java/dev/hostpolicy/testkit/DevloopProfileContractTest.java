package dev.hostpolicy.testkit;

import dev.hostpolicy.api.spi.HostProfile;
import dev.hostpolicy.core.profile.DevloopProfile;
import dev.hostpolicy.testkit.contract.HostProfileContract;

/** The {@code devloop} profile passes the contract every profile must pass. */
class DevloopProfileContractTest implements HostProfileContract {
  @Override
  public HostProfile profile() {
    return new DevloopProfile();
  }
}
