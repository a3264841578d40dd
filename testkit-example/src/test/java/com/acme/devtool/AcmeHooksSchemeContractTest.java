package com.acme.devtool;

// snippet: testkit-scheme
import dev.hostpolicy.api.spi.WebhookSignatureScheme;
import dev.hostpolicy.testkit.contract.WebhookSignatureSchemeContract;

/** Inherits sign/verify round trips, bit-flip tampering, wrong keys, fuzzed headers, replay and discovery. */
class AcmeHooksSchemeContractTest implements WebhookSignatureSchemeContract {
  @Override
  public WebhookSignatureScheme scheme() {
    return new AcmeHooksScheme();
  }
}
// end-snippet
