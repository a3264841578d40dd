package dev.hostpolicy.testkit.webhook;

import dev.hostpolicy.api.spi.WebhookSignatureScheme;
import dev.hostpolicy.core.webhook.SlackScheme;
import dev.hostpolicy.testkit.contract.WebhookSignatureSchemeContract;

/** The built-in {@code slack} scheme passes the contract every scheme must pass. */
class SlackSchemeContractTest implements WebhookSignatureSchemeContract {
  @Override
  public WebhookSignatureScheme scheme() {
    return new SlackScheme();
  }
}
