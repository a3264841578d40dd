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
  requires transitive com.fasterxml.jackson.databind; // KeyPathGuard.checkTree(JsonNode), CloudConfig.toTree()
  requires com.fasterxml.jackson.dataformat.yaml;
  requires org.yaml.snakeyaml;

  exports dev.hostpolicy.core;
  exports dev.hostpolicy.core.env;
  exports dev.hostpolicy.core.profile;
  exports dev.hostpolicy.core.text;
  exports dev.hostpolicy.core.validate;
  exports dev.hostpolicy.core.cloudinit;

  uses HostProfile;
  uses PolicyContributor;

  provides HostProfile with
      dev.hostpolicy.core.profile.MinimalProfile;
}
