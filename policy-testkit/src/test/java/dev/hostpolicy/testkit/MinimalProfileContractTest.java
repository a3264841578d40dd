package dev.hostpolicy.testkit;

import dev.hostpolicy.api.spi.HostProfile;
import dev.hostpolicy.core.profile.MinimalProfile;
import dev.hostpolicy.testkit.contract.HostProfileContract;

/** Our own {@code minimal} profile passes the contract every profile must pass. */
class MinimalProfileContractTest implements HostProfileContract {
  @Override
  public HostProfile profile() {
    return new MinimalProfile();
  }
}
