package dev.hostpolicy.testkit.resolver;

import dev.hostpolicy.api.spi.AddressResolver;
import dev.hostpolicy.core.net.StaticAddressResolver;
import dev.hostpolicy.testkit.contract.AddressResolverContract;
import java.util.Optional;

/** The static table passes the contract. */
class StaticAddressResolverContractTest implements AddressResolverContract {
  @Override
  public AddressResolver resolver() {
    return StaticAddressResolver.builder().add("registry.acme.example", "93.184.216.34").add("registry.acme.example", "2606:4700::1").build();
  }

  @Override
  public String resolvableHost() {
    return "registry.acme.example";
  }

  @Override
  public Optional<String> unresolvableHost() {
    return Optional.of("other.acme.example");
  }
}
