package com.example.plugin;

import dev.hostpolicy.api.spi.PolicyContributor;
import dev.hostpolicy.testkit.contract.PolicyContributorContract;

/** The plugin's contributor passes the contract: it loosens, so it needs trust. */
class RegistryEgressRulesContractTest implements PolicyContributorContract {
  @Override
  public PolicyContributor contributor() {
    return new RegistryEgressRules();
  }

  @Override
  public boolean loosens() {
    return true;
  }
}
