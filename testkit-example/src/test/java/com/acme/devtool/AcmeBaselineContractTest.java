package com.acme.devtool;

// snippet: testkit-contributor
import dev.hostpolicy.api.spi.PolicyContributor;
import dev.hostpolicy.testkit.contract.PolicyContributorContract;

/** Inherits id, determinism, tighten-only, ServiceLoader and trust checks from the test kit. */
class AcmeBaselineContractTest implements PolicyContributorContract {
  @Override
  public PolicyContributor contributor() {
    return new AcmeBaseline();
  }
}
// end-snippet
