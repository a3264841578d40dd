package com.acme.devtool;

import dev.hostpolicy.api.Secret;
import dev.hostpolicy.api.spi.WebhookSignatureScheme;
import dev.hostpolicy.core.webhook.GenericHmacScheme;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The host's own webhook scheme: Acme's CI signs {@code X-Acme-Signature: sha256=<Base64 HMAC-SHA256
 * of the body>}. Built on the generic HMAC scheme, under its own id. Registered in META-INF/services.
 */
public final class AcmeHooksScheme implements WebhookSignatureScheme {
  private final GenericHmacScheme format =
      GenericHmacScheme.builder().header("X-Acme-Signature").prefix("sha256=").encoding(GenericHmacScheme.Encoding.BASE64).build();

  @Override
  public String id() {
    return "com.acme.hooks";
  }

  @Override
  public int priority() {
    return 100;
  }

  @Override
  public boolean signs() {
    return true;
  }

  @Override
  public Optional<Duration> tolerance() {
    return Optional.empty();
  }

  @Override
  public Verifier verifier(List<Secret> secrets) {
    return format.verifier(secrets);
  }

  @Override
  public Signer signer(List<Secret> secrets) {
    return format.signer(secrets);
  }
}
