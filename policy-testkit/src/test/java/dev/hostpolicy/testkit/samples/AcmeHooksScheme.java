package dev.hostpolicy.testkit.samples;

import dev.hostpolicy.api.ConstantTime;
import dev.hostpolicy.api.Decision;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A host's own scheme, written against the SPI alone (as a plugin jar would be):
 * {@code X-Acme-Signature: ts=<unix>;mac=<hex HMAC-SHA256 of "<ts>\n<body>">}, 60 s tolerance, replay
 * keyed by the MAC. It exists to show that the contract in the test kit applies to host schemes too.
 */
public final class AcmeHooksScheme implements WebhookSignatureScheme {
  public static final String HEADER = "X-Acme-Signature";
  private static final Pattern VALUE = Pattern.compile("ts=([0-9]{1,12});mac=([0-9a-f]{64})");
  private static final Duration TOLERANCE = Duration.ofSeconds(60);

  @Override
  public String id() {
    return "com.acme.hooks";
  }

  @Override
  public int priority() {
    return 1000;
  }

  @Override
  public boolean signs() {
    return true;
  }

  @Override
  public Optional<Duration> tolerance() {
    return Optional.of(TOLERANCE);
  }

  private static byte[] mac(Secret key, String ts, byte[] body) {
    return key.withBytes(k -> {
      try {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(k, "HmacSHA256"));
        mac.update((ts + "\n").getBytes(StandardCharsets.US_ASCII));
        return mac.doFinal(body);
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException(e);
      }
    });
  }

  @Override
  public Verifier verifier(List<Secret> secrets) {
    List<Secret> keys = List.copyOf(secrets);
    return (body, headers, context) -> {
      List<String> values = headers.all(HEADER);
      if (values.isEmpty()) {
        return Decision.deny(SIGNATURE_MISSING, "no " + HEADER);
      }
      Matcher m = values.size() == 1 ? VALUE.matcher(values.get(0).strip()) : null;
      if (m == null || !m.matches()) {
        return Decision.deny(SIGNATURE_MALFORMED, HEADER + " is not ts=<digits>;mac=<64 hex>");
      }
      if (keys.isEmpty()) {
        return Decision.deny(SIGNATURE_MISMATCH, "no secret");
      }
      Instant at = Instant.ofEpochSecond(Long.parseLong(m.group(1)));
      Instant now = context.time().now();
      if (now.isAfter(at.plus(TOLERANCE)) || now.isBefore(at.minus(TOLERANCE))) {
        return Decision.deny(TIMESTAMP_EXPIRED, "outside 60 s");
      }
      byte[] presented = HexFormat.of().parseHex(m.group(2));
      for (Secret key : keys) {
        byte[] expected = mac(key, m.group(1), body);
        if (ConstantTime.equals(expected, presented)) {
          Decision replay = context.replay().remember(id() + ":" + m.group(2), at.plus(TOLERANCE));
          return replay.denied() ? replay : Decision.allow();
        }
      }
      return Decision.deny(SIGNATURE_MISMATCH, "no key matches");
    };
  }

  @Override
  public Signer signer(List<Secret> secrets) {
    Secret key = secrets.get(0);
    return (body, timestamp, deliveryId) -> {
      String ts = Long.toString(timestamp.getEpochSecond());
      return WebhookHeaders.builder().add(HEADER, "ts=" + ts + ";mac=" + HexFormat.of().formatHex(mac(key, ts, body))).build();
    };
  }
}
