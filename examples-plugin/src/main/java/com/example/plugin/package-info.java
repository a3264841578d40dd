/**
 * A host-registered plugin, depending on {@code policy-api} only: {@link com.example.plugin.RegistryEgressRules}
 * (a {@code PolicyContributor}) and {@link com.example.plugin.AcmeHookScheme} (a
 * {@code WebhookSignatureScheme}).
 *
 * <pre>{@code
 * HostPolicy.builder().profile("infinite-loop").trust(RegistryEgressRules.ID).build();
 * }</pre>
 */
package com.example.plugin;
