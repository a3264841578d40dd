package dev.hostpolicy.testkit.webhook;

import dev.hostpolicy.api.spi.WebhookSignatureScheme;
import dev.hostpolicy.core.webhook.GenericHmacScheme;
import dev.hostpolicy.testkit.contract.WebhookSignatureSchemeContract;

/** The built-in {@code generic} scheme, with its defaults, passes the contract every scheme must pass. */
class GenericHmacSchemeContractTest implements WebhookSignatureSchemeContract {
  @Override
  public WebhookSignatureScheme scheme() {
    return new GenericHmacScheme();
  }

  /** Hex of either case spells the same MAC, so a flip of the case bit alone is not tampering. */
  @Override
  public boolean sameMeaning(String header, String original, String flipped) {
    return !original.equals(flipped) && original.equalsIgnoreCase(flipped)
        && (flipped.equals(flipped.toLowerCase(java.util.Locale.ROOT)) || flipped.equals(flipped.toUpperCase(java.util.Locale.ROOT)));
  }
}
