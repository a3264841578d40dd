import dev.hostpolicy.api.spi.AddressResolver;
import dev.hostpolicy.api.spi.HostProfile;
import dev.hostpolicy.api.spi.PolicyContributor;
import dev.hostpolicy.api.spi.RateLimitStore;

/**
 * HostPolicy's controls and the composer that builds an immutable {@code HostPolicy} from a
 * profile, the discovered contributors and the operator's settings.
 *
 * <pre>{@code
 * HostPolicy policy = HostPolicy.builder().profile("minimal").build();
 * }</pre>
 */
module dev.hostpolicy.core {
  requires transitive dev.hostpolicy.api;
  requires com.fasterxml.jackson.databind;
  requires com.google.common;

  exports dev.hostpolicy.core;
  exports dev.hostpolicy.core.env;
  exports dev.hostpolicy.core.net;
  exports dev.hostpolicy.core.fs;
  exports dev.hostpolicy.core.profile;
  exports dev.hostpolicy.core.ratelimit;

  uses AddressResolver;
  uses HostProfile;
  uses PolicyContributor;
  uses RateLimitStore;

  provides AddressResolver with
      dev.hostpolicy.core.net.SystemAddressResolver;
  provides HostProfile with
      dev.hostpolicy.core.profile.MinimalProfile;
  provides RateLimitStore with
      dev.hostpolicy.core.ratelimit.InMemoryRateLimitStore;
}
