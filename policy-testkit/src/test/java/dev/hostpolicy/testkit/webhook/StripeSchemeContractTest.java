package dev.hostpolicy.testkit.webhook;

import dev.hostpolicy.api.spi.WebhookSignatureScheme;
import dev.hostpolicy.core.webhook.StripeScheme;
import dev.hostpolicy.testkit.contract.WebhookSignatureSchemeContract;

/** The built-in {@code stripe} scheme passes the contract every scheme must pass. */
class StripeSchemeContractTest implements WebhookSignatureSchemeContract {
  @Override
  public WebhookSignatureScheme scheme() {
    return new StripeScheme();
  }
}
