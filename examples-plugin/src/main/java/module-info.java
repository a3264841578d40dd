/**
 * An example plugin a host ships in its own jar: a contributor that adds an egress host (applied only
 * when the host trusts it) and a custom webhook signature scheme.
 */
module com.example.plugin {
  requires dev.hostpolicy.api;

  exports com.example.plugin;

  provides dev.hostpolicy.api.spi.PolicyContributor with
      com.example.plugin.RegistryEgressRules;
  provides dev.hostpolicy.api.spi.WebhookSignatureScheme with
      com.example.plugin.AcmeHookScheme;
}
