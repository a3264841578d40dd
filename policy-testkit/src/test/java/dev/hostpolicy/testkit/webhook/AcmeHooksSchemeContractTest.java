package dev.hostpolicy.testkit.webhook;

import dev.hostpolicy.api.Secret;
import dev.hostpolicy.api.spi.WebhookSignatureScheme;
import dev.hostpolicy.testkit.WebhookKey;
import dev.hostpolicy.testkit.contract.WebhookSignatureSchemeContract;
import dev.hostpolicy.testkit.fake.ScopedProviders;
import dev.hostpolicy.testkit.samples.AcmeHooksScheme;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;

/** A host's own scheme, registered the way a plugin jar would be, passes the same contract. */
class AcmeHooksSchemeContractTest implements WebhookSignatureSchemeContract {
  private static final ClassLoader LOADER =
      ScopedProviders.builder().register(WebhookSignatureScheme.class, AcmeHooksScheme.class).build();

  @Override
  public WebhookSignatureScheme scheme() {
    return new AcmeHooksScheme();
  }

  @Override
  public Arbitrary<WebhookKey> keys() {
    return Arbitraries.strings().alpha().ofMinLength(16).ofMaxLength(40).map(s -> WebhookKey.symmetric(Secret.fromUtf8(s)));
  }

  @Override
  public ClassLoader classLoader() {
    return LOADER;
  }
}
