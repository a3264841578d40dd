package dev.hostpolicy.testkit.webhook;

import dev.hostpolicy.api.spi.WebhookSignatureScheme;
import dev.hostpolicy.core.webhook.StandardWebhooksScheme;
import dev.hostpolicy.testkit.contract.WebhookSignatureSchemeContract;

/** The built-in {@code standard-webhooks} scheme passes the contract every scheme must pass. */
class StandardWebhooksSchemeContractTest implements WebhookSignatureSchemeContract {
  @Override
  public WebhookSignatureScheme scheme() {
    return new StandardWebhooksScheme();
  }
}
