import dev.hostpolicy.api.spi.AddressResolver;
import dev.hostpolicy.api.spi.AuditSink;
import dev.hostpolicy.api.spi.EnvironmentProbe;
import dev.hostpolicy.api.spi.HostProfile;
import dev.hostpolicy.api.spi.PolicyContributor;
import dev.hostpolicy.api.spi.RateLimitStore;
import dev.hostpolicy.api.spi.WebhookSignatureScheme;

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
  requires com.google.common;
  requires org.bouncycastle.provider;
  requires transitive com.fasterxml.jackson.databind; // KeyPathGuard.checkTree(JsonNode), CloudConfig.toTree()
  requires com.fasterxml.jackson.dataformat.yaml;
  requires org.yaml.snakeyaml;

  exports dev.hostpolicy.core;
  exports dev.hostpolicy.core.env;
  exports dev.hostpolicy.core.net;
  exports dev.hostpolicy.core.fs;
  exports dev.hostpolicy.core.profile;
  exports dev.hostpolicy.core.ratelimit;
  exports dev.hostpolicy.core.webhook;
  exports dev.hostpolicy.core.text;
  exports dev.hostpolicy.core.validate;
  exports dev.hostpolicy.core.cloudinit;
  exports dev.hostpolicy.core.token;
  exports dev.hostpolicy.core.audit;
  exports dev.hostpolicy.core.permission;
  exports dev.hostpolicy.core.budget;

  uses AddressResolver;
  uses HostProfile;
  uses PolicyContributor;
  uses RateLimitStore;
  uses WebhookSignatureScheme;
  uses EnvironmentProbe;
  uses AuditSink;

  provides AddressResolver with
      dev.hostpolicy.core.net.SystemAddressResolver;
  provides HostProfile with
      dev.hostpolicy.core.profile.MinimalProfile,
      dev.hostpolicy.core.profile.DevloopProfile,
      dev.hostpolicy.core.profile.InfiniteLoopProfile,
      dev.hostpolicy.core.profile.DevboxProfile,
      dev.hostpolicy.core.profile.DevtoolsProfile;
  provides RateLimitStore with
      dev.hostpolicy.core.ratelimit.InMemoryRateLimitStore;
  provides WebhookSignatureScheme with
      dev.hostpolicy.core.webhook.GithubScheme,
      dev.hostpolicy.core.webhook.StripeScheme,
      dev.hostpolicy.core.webhook.SlackScheme,
      dev.hostpolicy.core.webhook.StandardWebhooksScheme,
      dev.hostpolicy.core.webhook.GenericHmacScheme;
  provides EnvironmentProbe with
      dev.hostpolicy.core.env.DeclaredEnvironmentProbe,
      dev.hostpolicy.core.env.SystemPropertyProbe,
      dev.hostpolicy.core.env.AppEnvProbe,
      dev.hostpolicy.core.env.NodeEnvProbe,
      dev.hostpolicy.core.env.SpringProfilesProbe;
  provides AuditSink with
      dev.hostpolicy.core.audit.JsonlAuditSinkProvider;
  provides com.fasterxml.jackson.databind.Module with
      dev.hostpolicy.core.token.SecretRedactionModule;
}
