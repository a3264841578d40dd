package dev.hostpolicy.core.webhook;

import dev.hostpolicy.api.Decision;
import dev.hostpolicy.api.Secret;
import dev.hostpolicy.api.WebhookHeaders;
import dev.hostpolicy.api.spi.WebhookSignatureScheme;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Slack's request signature: {@code X-Slack-Signature: v0=<64 lowercase hex>}, the HMAC-SHA256 of
 * {@code v0:<timestamp>:<raw body>} under the app's signing secret (its UTF-8 bytes), with the
 * timestamp in {@code X-Slack-Request-Timestamp}.
 *
 * <p>A signature without its timestamp header is malformed. The timestamp must be within the
 * tolerance (300 s by default, option {@code tolerance-seconds}) in both directions, and an accepted
 * request is remembered until it expires, keyed by its timestamp and signature, so a replay is
 * refused.
 *
 * <pre>{@code
 * WebhookTrigger slash = WebhookTrigger.builder("slash-command")
 *     .scheme(new SlackScheme())
 *     .secret(Secret.fromUtf8(System.getenv("SLACK_SIGNING_SECRET")))
 *     .build();
 * }</pre>
 */
public final class SlackScheme implements WebhookSignatureScheme {

  /** The scheme id. */
  public static final String ID = "slack";

  /** The signature header. */
  public static final String SIGNATURE_HEADER = "X-Slack-Signature";

  /** The timestamp header. */
  public static final String TIMESTAMP_HEADER = "X-Slack-Request-Timestamp";

  /** Slack's documented tolerance. */
  public static final Duration DEFAULT_TOLERANCE = Duration.ofSeconds(300);

  private static final Grammar.Header SIGNATURE = Grammar.Header.of(SIGNATURE_HEADER);
  private static final Grammar.Header TIMESTAMP = Grammar.Header.of(TIMESTAMP_HEADER);
  private static final String PREFIX = "v0=";

  private final Duration tolerance;

  /** The scheme with the default tolerance. */
  public SlackScheme() {
    this(DEFAULT_TOLERANCE);
  }

  private SlackScheme(Duration tolerance) {
    this.tolerance = tolerance;
  }

  /** The scheme with another tolerance (whole seconds, 1 s to 1 day). */
  public static SlackScheme withTolerance(Duration tolerance) {
    return new SlackScheme(Grammar.checkTolerance(ID + ".tolerance-seconds", tolerance));
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public int priority() {
    return 30;
  }

  @Override
  public boolean signs() {
    return true;
  }

  @Override
  public Optional<Duration> tolerance() {
    return Optional.of(tolerance);
  }

  /** Accepts {@code tolerance-seconds=N}. */
  @Override
  public SlackScheme withOptions(Map<String, String> options) {
    Grammar.onlyKnown(ID, options, List.of("tolerance-seconds"));
    String v = options.get("tolerance-seconds");
    return v == null ? this : new SlackScheme(Grammar.toleranceOption(ID, v));
  }

  @Override
  public Verifier verifier(List<Secret> secrets) {
    List<HmacKey> keys = Grammar.hmacKeys(List.copyOf(secrets), "HmacSHA256", ID);
    List<Decision> accepted = GuardedVerifier.acceptances(keys.size());
    return new GuardedVerifier(ID) {
      @Override
      Decision check(byte[] body, WebhookHeaders headers, Context context) throws Refusal {
        String value = Grammar.single(headers, SIGNATURE)
            .orElseThrow(() -> Refusal.missing("no " + SIGNATURE_HEADER + " header"));
        if (!value.startsWith(PREFIX)) {
          throw Refusal.malformed(SIGNATURE_HEADER + " does not start with " + PREFIX);
        }
        byte[] presented = Grammar.lowerHex(value, PREFIX.length(), 32, SIGNATURE_HEADER);
        String ts = Grammar.required(headers, TIMESTAMP, "next to " + SIGNATURE_HEADER);
        long signedAt = Grammar.timestamp(ts, TIMESTAMP_HEADER);
        if (keys.isEmpty()) {
          throw Refusal.mismatch(SIGNATURE_HEADER + " is well formed but there is no active secret to check it against");
        }
        Grammar.checkFresh(signedAt, tolerance, context.time());
        byte[] prefix = ("v0:" + ts + ":").getBytes(StandardCharsets.US_ASCII);
        Grammar.Match m = Grammar.firstMatch(keys, presented, prefix, body);
        if (m == null) {
          throw Refusal.mismatch(SIGNATURE_HEADER + " matches none of the " + keys.size() + " active secrets");
        }
        GuardedVerifier.remember(context, ID + ":" + ts + ":" + Grammar.hex(m.mac()),
            Instant.ofEpochSecond(signedAt).plus(tolerance));
        return accepted.get(m.index());
      }
    };
  }

  @Override
  public Signer signer(List<Secret> secrets) {
    HmacKey key = Grammar.hmacKeys(List.of(Grammar.onlySecret(secrets, ID)), "HmacSHA256", ID).get(0);
    return (body, timestamp, deliveryId) -> {
      Objects.requireNonNull(body, "body");
      String ts = Grammar.signingSeconds(timestamp);
      byte[] prefix = ("v0:" + ts + ":").getBytes(StandardCharsets.US_ASCII);
      return WebhookHeaders.builder()
          .add(TIMESTAMP_HEADER, ts)
          .add(SIGNATURE_HEADER, PREFIX + Grammar.hex(key.mac(prefix, body)))
          .build();
    };
  }

  @Override
  public String toString() {
    return "SlackScheme[tolerance=" + tolerance.getSeconds() + "s]";
  }
}
