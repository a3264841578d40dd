package dev.hostpolicy.core.webhook;

import dev.hostpolicy.api.Decision;
import dev.hostpolicy.api.Secret;
import dev.hostpolicy.api.WebhookHeaders;
import dev.hostpolicy.api.spi.WebhookSignatureScheme;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * GitHub's webhook signature: {@code X-Hub-Signature-256: sha256=<64 lowercase hex>}, the
 * HMAC-SHA256 of the raw body under the webhook secret (the secret's UTF-8 bytes as the key).
 *
 * <p>The legacy {@code X-Hub-Signature: sha1=<40 hex>} header is ignored unless SHA-1 is enabled
 * explicitly ({@link #withLegacySha1()}, option {@code legacy-sha1=true}); even then the SHA-256
 * header wins when both are present. GitHub signs no timestamp, so this scheme has no tolerance and
 * cannot detect a replay: {@code X-GitHub-Delivery} is not covered by the signature.
 *
 * <pre>{@code
 * WebhookTrigger trigger = WebhookTrigger.builder("deploy")
 *     .scheme(new GithubScheme())
 *     .secret(Secret.fromUtf8(System.getenv("DEPLOY_WEBHOOK_SECRET")))
 *     .build();
 * Decision d = trigger.verify(body, WebhookHeaders.of(exchange.getRequestHeaders()));
 * }</pre>
 */
public final class GithubScheme implements WebhookSignatureScheme {

  /** The scheme id. */
  public static final String ID = "github";

  /** The SHA-256 signature header. */
  public static final String SIGNATURE_HEADER = "X-Hub-Signature-256";

  /** The legacy SHA-1 signature header, read only when enabled. */
  public static final String LEGACY_SIGNATURE_HEADER = "X-Hub-Signature";

  private static final Grammar.Header MODERN = Grammar.Header.of(SIGNATURE_HEADER);
  private static final Grammar.Header LEGACY = Grammar.Header.of(LEGACY_SIGNATURE_HEADER);
  private static final String PREFIX = "sha256=";
  private static final String LEGACY_PREFIX = "sha1=";

  private final boolean legacySha1;

  /** The scheme with SHA-1 off (the default a ServiceLoader finds). */
  public GithubScheme() {
    this(false);
  }

  private GithubScheme(boolean legacySha1) {
    this.legacySha1 = legacySha1;
  }

  /** The scheme that also accepts (and signs) the legacy SHA-1 {@code X-Hub-Signature}. */
  public static GithubScheme withLegacySha1() {
    return new GithubScheme(true);
  }

  /** Whether the legacy SHA-1 header is accepted. */
  public boolean legacySha1() {
    return legacySha1;
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public int priority() {
    return 10;
  }

  @Override
  public boolean signs() {
    return true;
  }

  @Override
  public Optional<Duration> tolerance() {
    return Optional.empty();
  }

  /** Accepts {@code legacy-sha1=true|false}. */
  @Override
  public GithubScheme withOptions(Map<String, String> options) {
    Grammar.onlyKnown(ID, options, List.of("legacy-sha1"));
    String v = options.get("legacy-sha1");
    return v == null ? this : new GithubScheme(Grammar.booleanOption(ID + ".legacy-sha1", v));
  }

  @Override
  public Verifier verifier(List<Secret> secrets) {
    List<Secret> active = List.copyOf(secrets);
    List<HmacKey> sha256 = Grammar.hmacKeys(active, "HmacSHA256", ID);
    List<HmacKey> sha1 = legacySha1 ? Grammar.hmacKeys(active, "HmacSHA1", ID) : List.of();
    List<Decision> accepted = GuardedVerifier.acceptances(active.size());
    return new GuardedVerifier(ID) {
      @Override
      Decision check(byte[] body, WebhookHeaders headers, Context context) throws Refusal {
        Optional<String> modern = Grammar.single(headers, MODERN);
        if (modern.isPresent()) {
          return match(body, modern.get(), SIGNATURE_HEADER, PREFIX, sha256);
        }
        if (!legacySha1) {
          throw Refusal.missing(headers.contains(LEGACY.lookup())
              ? "only the legacy SHA-1 " + LEGACY_SIGNATURE_HEADER + " is present; SHA-1 is off (option legacy-sha1)"
              : "no " + SIGNATURE_HEADER + " header");
        }
        Optional<String> legacy = Grammar.single(headers, LEGACY);
        if (legacy.isEmpty()) {
          throw Refusal.missing("no " + SIGNATURE_HEADER + " or " + LEGACY_SIGNATURE_HEADER + " header");
        }
        return match(body, legacy.get(), LEGACY_SIGNATURE_HEADER, LEGACY_PREFIX, sha1);
      }

      private Decision match(byte[] body, String value, String header, String prefix, List<HmacKey> keys)
          throws Refusal {
        int bytes = prefix.equals(PREFIX) ? 32 : 20;
        if (!value.startsWith(prefix)) {
          throw Refusal.malformed(header + " does not start with " + prefix);
        }
        byte[] presented = Grammar.lowerHex(value, prefix.length(), bytes, header);
        if (keys.isEmpty()) {
          throw Refusal.mismatch(header + " is well formed but there is no active secret to check it against");
        }
        Grammar.Match m = Grammar.firstMatch(keys, presented, body);
        if (m == null) {
          throw Refusal.mismatch(header + " matches none of the " + keys.size() + " active secrets");
        }
        return accepted.get(m.index());
      }
    };
  }

  @Override
  public Signer signer(List<Secret> secrets) {
    Secret secret = Grammar.onlySecret(secrets, ID);
    HmacKey sha256 = Grammar.hmacKeys(List.of(secret), "HmacSHA256", ID).get(0);
    HmacKey sha1 = legacySha1 ? Grammar.hmacKeys(List.of(secret), "HmacSHA1", ID).get(0) : null;
    return (body, timestamp, deliveryId) -> {
      Objects.requireNonNull(body, "body");
      WebhookHeaders.Builder b = WebhookHeaders.builder();
      if (sha1 != null) {
        b.add(LEGACY_SIGNATURE_HEADER, LEGACY_PREFIX + Grammar.hex(sha1.mac(body)));
      }
      return b.add(SIGNATURE_HEADER, PREFIX + Grammar.hex(sha256.mac(body))).build();
    };
  }

  @Override
  public String toString() {
    return "GithubScheme[legacySha1=" + legacySha1 + "]";
  }
}
