package com.example.plugin;

import dev.hostpolicy.api.Secret;
import dev.hostpolicy.api.spi.WebhookSignatureScheme;
import dev.hostpolicy.testkit.WebhookKey;
import dev.hostpolicy.testkit.contract.WebhookSignatureSchemeContract;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;

/** The plugin's own scheme passes the contract every scheme must pass. */
class AcmeHookSchemeContractTest implements WebhookSignatureSchemeContract {
  @Override
  public WebhookSignatureScheme scheme() {
    return new AcmeHookScheme();
  }

  @Override
  public Arbitrary<WebhookKey> keys() {
    return Arbitraries.strings().alpha().numeric().ofLength(32).map(s -> WebhookKey.symmetric(Secret.fromUtf8(s)));
  }
}
