import dev.hostpolicy.api.spi.EnvironmentProbe;
import dev.hostpolicy.api.spi.HostProfile;
import dev.hostpolicy.api.spi.PolicyContributor;

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
  exports dev.hostpolicy.core.fs;
  exports dev.hostpolicy.core.profile;
  exports dev.hostpolicy.core.token;

  uses HostProfile;
  uses PolicyContributor;
  uses EnvironmentProbe;

  provides HostProfile with
      dev.hostpolicy.core.profile.MinimalProfile;
  provides EnvironmentProbe with
      dev.hostpolicy.core.env.DeclaredEnvironmentProbe,
      dev.hostpolicy.core.env.SystemPropertyProbe,
      dev.hostpolicy.core.env.AppEnvProbe,
      dev.hostpolicy.core.env.NodeEnvProbe,
      dev.hostpolicy.core.env.SpringProfilesProbe;
  provides com.fasterxml.jackson.databind.Module with
      dev.hostpolicy.core.token.SecretRedactionModule;
}
