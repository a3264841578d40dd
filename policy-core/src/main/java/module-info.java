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

  exports dev.hostpolicy.core;
  exports dev.hostpolicy.core.env;
  exports dev.hostpolicy.core.profile;
  exports dev.hostpolicy.core.ratelimit;

  uses HostProfile;
  uses PolicyContributor;
  uses RateLimitStore;

  provides HostProfile with
      dev.hostpolicy.core.profile.MinimalProfile;
  provides RateLimitStore with
      dev.hostpolicy.core.ratelimit.InMemoryRateLimitStore;
}
