package dev.hostpolicy.testkit.discovery;

import dev.hostpolicy.api.spi.PolicyContributor;
import dev.hostpolicy.testkit.contract.PolicyContributorContract;
import dev.hostpolicy.testkit.fake.ScopedProviders;
import dev.hostpolicy.testkit.samples.LooseningContributor;
import dev.hostpolicy.testkit.samples.TighteningContributor;
import net.jqwik.api.Group;

/** The contributor contract, run against a tightening and a loosening sample. */
class ContributorContractTest {

  @Group
  class Tightening implements PolicyContributorContract {
    @Override
    public PolicyContributor contributor() {
      return new TighteningContributor();
    }

    @Override
    public ClassLoader classLoader() {
      return ScopedProviders.builder().register(PolicyContributor.class, TighteningContributor.class).build();
    }
  }

  @Group
  class Loosening implements PolicyContributorContract {
    @Override
    public PolicyContributor contributor() {
      return new LooseningContributor();
    }

    @Override
    public boolean loosens() {
      return true;
    }

    @Override
    public ClassLoader classLoader() {
      return ScopedProviders.builder().register(PolicyContributor.class, LooseningContributor.class).build();
    }
  }
}
