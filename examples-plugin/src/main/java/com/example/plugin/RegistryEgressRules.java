package com.example.plugin;

import dev.hostpolicy.api.spi.PolicyContributor;
import dev.hostpolicy.api.spi.PolicyDraft;
import dev.hostpolicy.api.spi.PolicyKeys;

/**
 * Lets agent children reach the company registry and keeps them off paste sites. Adding an egress
 * host loosens {@code egress.allow}, so a host applies this only when it trusts the id; otherwise its
 * build fails naming this class and its jar.
 *
 * <pre>{@code
 * HostPolicy policy = HostPolicy.builder()
 *     .profile("infinite-loop")
 *     .trust(RegistryEgressRules.ID)
 *     .build();
 * policy.get(PolicyKeys.EGRESS_ALLOW);   // [registry.example.com]
 * }</pre>
 */
public final class RegistryEgressRules implements PolicyContributor {

  /** {@value}: the id a host trusts. */
  public static final String ID = "com.example.registry-egress";

  /** The host it allows. */
  public static final String REGISTRY = "registry.example.com";

  /** Used by {@link java.util.ServiceLoader}. */
  public RegistryEgressRules() {}

  @Override
  public String id() {
    return ID;
  }

  @Override
  public int priority() {
    return 100;
  }

  @Override
  public void contribute(PolicyDraft draft) {
    draft.add(PolicyKeys.EGRESS_DENY, "*.paste.example");   // tightening: always fine
    draft.add(PolicyKeys.EGRESS_ALLOW, REGISTRY);           // loosening: needs the host's trust
  }
}
