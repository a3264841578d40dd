package dev.hostpolicy.core.webhook;

import dev.hostpolicy.api.Decision;
import dev.hostpolicy.api.PolicyConfigurationException;
import dev.hostpolicy.api.Secret;
import dev.hostpolicy.api.WebhookHeaders;
import dev.hostpolicy.api.spi.WebhookSignatureScheme;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Stripe's webhook signature: {@code Stripe-Signature: t=<unix>,v1=<64 hex>[,v1=<64 hex>…]}, each
 * {@code v1} the HMAC-SHA256 of {@code <t>.<raw body>} keyed with the endpoint secret string
 * <em>as-is</em> ({@code whsec_…}, its UTF-8 bytes; it is not Base64-decoded). Several {@code v1}
 * entries appear while Stripe rolls a secret; any one matching an active secret is enough.
 *
 * <p>Strict grammar: comma-separated {@code key=value} items (key {@code [a-z0-9]}, value
 * {@code [A-Za-z0-9_-]}), exactly one {@code t}, at least one {@code v1}; other items (such as
 * Stripe's test-mode {@code v0}) are ignored. The timestamp must be within the tolerance (300 s by
 * default, option {@code tolerance-seconds}) in both directions, and an accepted delivery is
 * remembered until it expires, keyed by its timestamp and the signature that matched, so a replay
 * is refused.
 *
 * <pre>{@code
 * WebhookTrigger payments = WebhookTrigger.builder("payments")
 *     .scheme(new StripeScheme())
 *     .secret(Secret.fromUtf8(System.getenv("STRIPE_WEBHOOK_SECRET"))) // "whsec_..."
 *     .build();
 * }</pre>
 */
public final class StripeScheme implements WebhookSignatureScheme {

  /** The scheme id. */
  public static final String ID = "stripe";

  /** The signature header. */
  public static final String SIGNATURE_HEADER = "Stripe-Signature";

  /** Stripe's documented default tolerance. */
  public static final Duration DEFAULT_TOLERANCE = Duration.ofSeconds(300);

  /** Most items a header may hold. */
  static final int MAX_ITEMS = 32;

  private static final Grammar.Header SIGNATURE = Grammar.Header.of(SIGNATURE_HEADER);
  private static final Pattern ITEM_KEY = Pattern.compile("[a-z0-9]{1,16}");
  private static final Pattern ITEM_VALUE = Pattern.compile("[A-Za-z0-9_-]{1,512}");

  private final Duration tolerance;

  /** The scheme with the default tolerance. */
  public StripeScheme() {
    this(DEFAULT_TOLERANCE);
  }

  private StripeScheme(Duration tolerance) {
    this.tolerance = tolerance;
  }

  /** The scheme with another tolerance (whole seconds, 1 s to 1 day). */
  public static StripeScheme withTolerance(Duration tolerance) {
    return new StripeScheme(Grammar.checkTolerance(ID + ".tolerance-seconds", tolerance));
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public int priority() {
    return 20;
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
  public StripeScheme withOptions(Map<String, String> options) {
    Grammar.onlyKnown(ID, options, List.of("tolerance-seconds"));
    String v = options.get("tolerance-seconds");
    return v == null ? this : new StripeScheme(Grammar.toleranceOption(ID, v));
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
        String t = null;
        List<byte[]> v1 = new ArrayList<>();
        String[] items = value.split(",", -1);
        if (items.length > MAX_ITEMS) {
          throw Refusal.malformed(SIGNATURE_HEADER + " has more than " + MAX_ITEMS + " items");
        }
        for (String item : items) {
          int eq = item.indexOf('=');
          if (eq < 0 || !ITEM_KEY.matcher(item.substring(0, eq)).matches()
              || !ITEM_VALUE.matcher(item.substring(eq + 1)).matches()) {
            throw Refusal.malformed(SIGNATURE_HEADER + " items must be key=value with key [a-z0-9] and value [A-Za-z0-9_-]");
          }
          String k = item.substring(0, eq);
          String v = item.substring(eq + 1);
          if (k.equals("t")) {
            if (t != null) {
              throw Refusal.malformed(SIGNATURE_HEADER + " has more than one t");
            }
            Grammar.timestamp(v, SIGNATURE_HEADER + " t");
            t = v;
          } else if (k.equals("v1")) {
            v1.add(Grammar.lowerHex(v, 32, SIGNATURE_HEADER + " v1"));
          }
        }
        if (t == null) {
          throw Refusal.malformed(SIGNATURE_HEADER + " has no t (timestamp)");
        }
        if (v1.isEmpty()) {
          throw Refusal.malformed(SIGNATURE_HEADER + " has no v1 signature");
        }
        if (keys.isEmpty()) {
          throw Refusal.mismatch(SIGNATURE_HEADER + " is well formed but there is no active secret to check it against");
        }
        long signedAt = Grammar.timestamp(t, SIGNATURE_HEADER + " t");
        Grammar.checkFresh(signedAt, tolerance, context.time());
        byte[] prefix = (t + ".").getBytes(StandardCharsets.US_ASCII);
        Grammar.Match m = Grammar.firstMatch(keys, v1, prefix, body);
        if (m == null) {
          throw Refusal.mismatch(SIGNATURE_HEADER + " has no v1 matching any of the " + keys.size() + " active secrets");
        }
        GuardedVerifier.remember(context, ID + ":" + t + ":" + Grammar.hex(m.mac()),
            Instant.ofEpochSecond(signedAt).plus(tolerance));
        return accepted.get(m.index());
      }
    };
  }

  /** Signs with every secret: {@code t=…,v1=…[,v1=…]}. */
  @Override
  public Signer signer(List<Secret> secrets) {
    List<Secret> active = List.copyOf(secrets);
    if (active.isEmpty()) {
      throw new PolicyConfigurationException(ID, "signing needs at least one secret");
    }
    List<HmacKey> keys = Grammar.hmacKeys(active, "HmacSHA256", ID);
    return (body, timestamp, deliveryId) -> {
      Objects.requireNonNull(body, "body");
      String t = Grammar.signingSeconds(timestamp);
      byte[] prefix = (t + ".").getBytes(StandardCharsets.US_ASCII);
      StringBuilder v = new StringBuilder("t=").append(t);
      for (HmacKey key : keys) {
        v.append(",v1=").append(Grammar.hex(key.mac(prefix, body)));
      }
      return WebhookHeaders.builder().add(SIGNATURE_HEADER, v.toString()).build();
    };
  }

  @Override
  public String toString() {
    return "StripeScheme[tolerance=" + tolerance.getSeconds() + "s]";
  }
}
