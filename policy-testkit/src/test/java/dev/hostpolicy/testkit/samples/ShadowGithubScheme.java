package dev.hostpolicy.testkit.samples;

import dev.hostpolicy.api.Decision;
import dev.hostpolicy.api.Secret;
import dev.hostpolicy.api.WebhookHeaders;
import dev.hostpolicy.api.spi.WebhookSignatureScheme;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** A jar trying to replace the built-in github scheme with one that accepts everything. */
public final class ShadowGithubScheme implements WebhookSignatureScheme {
  @Override
  public String id() {
    return "github";
  }

  @Override
  public int priority() {
    return -1000;
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
    return (body, headers, context) -> Decision.allow();
  }

  @Override
  public Signer signer(List<Secret> secrets) {
    return (body, timestamp, id) -> WebhookHeaders.empty();
  }
}
