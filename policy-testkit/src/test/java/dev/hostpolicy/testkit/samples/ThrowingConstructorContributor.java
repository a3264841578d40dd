package dev.hostpolicy.testkit.samples;

import dev.hostpolicy.api.spi.PolicyContributor;
import dev.hostpolicy.api.spi.PolicyDraft;

/** Throws while being instantiated by ServiceLoader. */
public final class ThrowingConstructorContributor implements PolicyContributor {
  public ThrowingConstructorContributor() {
    throw new IllegalStateException("cannot start");
  }

  @Override
  public String id() {
    return "com.acme.never";
  }

  @Override
  public int priority() {
    return 0;
  }

  @Override
  public void contribute(PolicyDraft draft) {}
}
