package dev.hostpolicy.testkit.samples;

import dev.hostpolicy.api.Secret;
import dev.hostpolicy.api.spi.WebhookSignatureScheme;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** A scheme whose constructor throws: discovery must fail naming it, not skip it. */
public final class ThrowingScheme implements WebhookSignatureScheme {
  public ThrowingScheme() {
    throw new IllegalStateException("cannot start");
  }

  @Override
  public String id() {
    return "throwing";
  }

  @Override
  public int priority() {
    return 0;
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
    throw new UnsupportedOperationException();
  }

  @Override
  public Signer signer(List<Secret> secrets) {
    throw new UnsupportedOperationException();
  }
}
