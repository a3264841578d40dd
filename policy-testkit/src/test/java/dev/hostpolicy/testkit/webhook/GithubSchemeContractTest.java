package dev.hostpolicy.testkit.webhook;

import dev.hostpolicy.api.spi.WebhookSignatureScheme;
import dev.hostpolicy.core.webhook.GithubScheme;
import dev.hostpolicy.testkit.contract.WebhookSignatureSchemeContract;

/** The built-in {@code github} scheme passes the contract every scheme must pass. */
class GithubSchemeContractTest implements WebhookSignatureSchemeContract {
  @Override
  public WebhookSignatureScheme scheme() {
    return new GithubScheme();
  }
}
