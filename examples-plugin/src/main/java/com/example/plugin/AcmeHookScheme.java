package com.example.plugin;

import dev.hostpolicy.api.ConstantTime;
import dev.hostpolicy.api.Decision;
import dev.hostpolicy.api.PolicyConfigurationException;
import dev.hostpolicy.api.Secret;
import dev.hostpolicy.api.WebhookHeaders;
import dev.hostpolicy.api.spi.WebhookSignatureScheme;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The (made-up) signature scheme of ACME's webhooks: {@code Acme-Timestamp: <epoch seconds>} and
 * {@code Acme-Signature: v1=<lowercase hex HMAC-SHA256 of "<timestamp>." + body>}, five minutes of
 * tolerance either way, replays refused. Found by id ({@value #ID}) through ServiceLoader.
 *
 * <pre>{@code
 * WebhookTrigger trigger = WebhookTrigger.builder("acme")
 *     .scheme(AcmeHookScheme.ID)
 *     .secret(Secret.fromUtf8(System.getenv("ACME_HOOK_SECRET")))
 *     .build();
 * }</pre>
 */
public final class AcmeHookScheme implements WebhookSignatureScheme {

  /** {@value}. */
  public static final String ID = "com.example.acme-hooks";

  /** The signature header. */
  public static final String SIGNATURE_HEADER = "Acme-Signature";

  /** The timestamp header. */
  public static final String TIMESTAMP_HEADER = "Acme-Timestamp";

  private static final Duration TOLERANCE = Duration.ofMinutes(5);
  private static final Pattern SIGNATURE = Pattern.compile("v1=[0-9a-f]{64}");
  private static final Pattern TIMESTAMP = Pattern.compile("[1-9][0-9]{0,11}");
  private static final int MIN_SECRET_BYTES = 16;

  /** Used by {@link java.util.ServiceLoader}. */
  public AcmeHookScheme() {}

  @Override
  public String id() {
    return ID;
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
    return Optional.of(TOLERANCE);
  }

  @Override
  public Verifier verifier(List<Secret> secrets) {
    List<Secret> keys = checked(secrets);
    return (body, headers, context) -> {
      try {
        return verify(keys, body, headers, context);
      } catch (RuntimeException e) {
        return Decision.deny(VERIFIER_ERROR, "the acme verifier failed");
      }
    };
  }

  private static Decision verify(List<Secret> keys, byte[] body, WebhookHeaders headers, Context context) {
    List<String> signatures = headers.all(SIGNATURE_HEADER);
    if (signatures.isEmpty()) {
      return Decision.deny(SIGNATURE_MISSING, "no " + SIGNATURE_HEADER + " header");
    }
    List<String> timestamps = headers.all(TIMESTAMP_HEADER);
    if (signatures.size() != 1 || timestamps.size() != 1) {
      return Decision.deny(SIGNATURE_MALFORMED, "exactly one " + SIGNATURE_HEADER + " and one " + TIMESTAMP_HEADER + " header are required");
    }
    String signature = signatures.get(0);
    String timestamp = timestamps.get(0);
    if (!SIGNATURE.matcher(signature).matches() || !TIMESTAMP.matcher(timestamp).matches()) {
      return Decision.deny(SIGNATURE_MALFORMED, "the signature or timestamp header is malformed");
    }
    String presented = signature.substring(3);
    boolean matched = false;
    for (Secret key : keys) {
      matched |= ConstantTime.equals(hex(key, timestamp, body), presented);   // expected value first
    }
    if (!matched) {
      return Decision.deny(SIGNATURE_MISMATCH, "the signature matches no active secret");
    }
    Instant signedAt = Instant.ofEpochSecond(Long.parseLong(timestamp));
    if (Duration.between(signedAt, context.time().now()).abs().compareTo(TOLERANCE) > 0) {
      return Decision.deny(TIMESTAMP_EXPIRED, "the signed timestamp is more than 5 minutes from now");
    }
    return context.replay().remember(ID + ":" + timestamp + ":" + presented, signedAt.plus(TOLERANCE));
  }

  @Override
  public Signer signer(List<Secret> secrets) {
    List<Secret> keys = checked(secrets);
    if (keys.size() != 1) {
      throw new PolicyConfigurationException(ID, "the acme scheme signs with exactly one secret");
    }
    Secret key = keys.get(0);
    return (body, timestamp, deliveryId) -> {
      String ts = Long.toString(timestamp.getEpochSecond());
      return WebhookHeaders.builder()
          .add(TIMESTAMP_HEADER, ts)
          .add(SIGNATURE_HEADER, "v1=" + hex(key, ts, body))
          .build();
    };
  }

  private static List<Secret> checked(List<Secret> secrets) {
    for (Secret s : secrets) {
      if (s.length() < MIN_SECRET_BYTES) {
        throw new PolicyConfigurationException(ID, "an acme secret needs at least " + MIN_SECRET_BYTES + " bytes");
      }
    }
    return List.copyOf(secrets);
  }

  private static String hex(Secret key, String timestamp, byte[] body) {
    return key.withBytes(k -> {
      try {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(k, "HmacSHA256"));
        mac.update(timestamp.getBytes(StandardCharsets.US_ASCII));
        mac.update((byte) '.');
        return HexFormat.of().formatHex(mac.doFinal(body));
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException("HmacSHA256 unavailable", e);
      }
    });
  }

  @Override
  public String toString() {
    return "AcmeHookScheme[" + ID + "]";
  }
}
