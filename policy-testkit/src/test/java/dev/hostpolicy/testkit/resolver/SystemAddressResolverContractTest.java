package dev.hostpolicy.testkit.resolver;

import dev.hostpolicy.api.spi.AddressResolver;
import dev.hostpolicy.core.net.SystemAddressResolver;
import dev.hostpolicy.testkit.contract.AddressResolverContract;
import java.util.Optional;

/** The system resolver passes the contract on names RFC 6761 lets it answer without DNS. */
class SystemAddressResolverContractTest implements AddressResolverContract {
  @Override
  public AddressResolver resolver() {
    return new SystemAddressResolver();
  }

  @Override
  public String resolvableHost() {
    return "localhost";
  }

  @Override
  public Optional<String> unresolvableHost() {
    return Optional.of("nothing.invalid");
  }

  @Override
  public boolean registeredForDiscovery() {
    return true;
  }
}
