package dev.hostpolicy.testkit.webhook;

import dev.hostpolicy.api.spi.WebhookSignatureScheme;
import dev.hostpolicy.core.webhook.GenericHmacScheme;
import dev.hostpolicy.testkit.contract.WebhookSignatureSchemeContract;

/** The generic scheme configured like a Shopify-style sender (Base64, SHA-512, a prefix) passes it too. */
class GenericHmacBase64SchemeContractTest implements WebhookSignatureSchemeContract {
  @Override
  public WebhookSignatureScheme scheme() {
    return GenericHmacScheme.builder().header("X-Shop-Hmac").prefix("sha512=")
        .encoding(GenericHmacScheme.Encoding.BASE64).algorithm(GenericHmacScheme.Algorithm.HMAC_SHA512).build();
  }
}
