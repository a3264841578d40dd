package dev.hostpolicy.testkit;

import dev.hostpolicy.api.spi.HostProfile;
import dev.hostpolicy.core.profile.InfiniteLoopProfile;
import dev.hostpolicy.testkit.contract.HostProfileContract;

/** The {@code infinite-loop} profile passes the contract every profile must pass. */
class InfiniteLoopProfileContractTest implements HostProfileContract {
  @Override
  public HostProfile profile() {
    return new InfiniteLoopProfile();
  }
}
