package dev.hostpolicy.testkit.resolver;

import dev.hostpolicy.api.spi.AddressResolver;
import dev.hostpolicy.testkit.contract.AddressResolverContract;
import dev.hostpolicy.testkit.fake.ScriptedResolver;
import java.util.Optional;

/** The test kit's fake passes the contract it helps others pass. */
class ScriptedResolverContractTest implements AddressResolverContract {
  @Override
  public AddressResolver resolver() {
    return ScriptedResolver.builder().answer("known.example", "93.184.216.34", "10.0.0.1").build();
  }

  @Override
  public String resolvableHost() {
    return "known.example";
  }

  @Override
  public Optional<String> unresolvableHost() {
    return Optional.of("unknown.example");
  }
}
