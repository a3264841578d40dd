package dev.hostpolicy.core.webhook;

import dev.hostpolicy.api.Decision;
import dev.hostpolicy.api.PolicyConfigurationException;
import dev.hostpolicy.api.Secret;
import dev.hostpolicy.api.WebhookHeaders;
import dev.hostpolicy.api.spi.WebhookSignatureScheme;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.math.ec.rfc8032.Ed25519;

/**
 * The Standard Webhooks signature (standardwebhooks.com, spec 1.0.0): headers {@code webhook-id},
 * {@code webhook-timestamp} and {@code webhook-signature}, the last a space-separated list of
 * {@code v1,<base64>} (HMAC-SHA256) and {@code v1a,<base64>} (Ed25519) signatures over
 * {@code <id>.<timestamp>.<raw body>}.
 *
 * <p>Secrets say what they are by their prefix, as the spec serialises them:
 *
 * <ul>
 *   <li>{@code whsec_<base64>} — a symmetric key of 24 to 64 bytes (the Base64 is decoded; the
 *       decoded bytes are the HMAC key); verifies and signs {@code v1};
 *   <li>{@code whpk_<base64>} — an Ed25519 public key (32 bytes); verifies {@code v1a};
 *   <li>{@code whsk_<base64>} — an Ed25519 private key (the 32-byte seed); signs {@code v1a} and
 *       verifies with its public half.
 * </ul>
 *
 * <p>Ed25519 goes through Bouncy Castle's lightweight API, which takes the raw 32-byte keys the
 * spec serialises (the JDK's EdDSA wants X.509-encoded keys). Strict grammar: one of each header;
 * the id is 1 to 256 visible ASCII characters without {@code .} (the spec forbids it because it
 * separates the signed parts); tokens separated by single spaces; every {@code v1}/{@code v1a}
 * token decodes to exactly 32/64 bytes; other versions are ignored, but at least one {@code v1} or
 * {@code v1a} must be present. The timestamp must be within the tolerance (300 s by default, option
 * {@code tolerance-seconds}) in both directions, and the id of an accepted delivery is remembered
 * until it expires, so a second delivery with that id is refused (the spec's idempotency key).
 *
 * <pre>{@code
 * WebhookTrigger events = WebhookTrigger.builder("events")
 *     .scheme(new StandardWebhooksScheme())
 *     .secrets(List.of(Secret.fromUtf8("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"),
 *                      Secret.fromUtf8(newKeyDuringRotation)))
 *     .build();
 * }</pre>
 */
public final class StandardWebhooksScheme implements WebhookSignatureScheme {

  /** The scheme id. */
  public static final String ID = "standard-webhooks";

  /** The delivery id header. */
  public static final String ID_HEADER = "webhook-id";

  /** The timestamp header. */
  public static final String TIMESTAMP_HEADER = "webhook-timestamp";

  /** The signature list header. */
  public static final String SIGNATURE_HEADER = "webhook-signature";

  /** The spec's recommended tolerance. */
  public static final Duration DEFAULT_TOLERANCE = Duration.ofSeconds(300);

  /** Longest delivery id accepted. */
  public static final int MAX_ID_CHARS = 256;

  /** Most signatures a header may carry. */
  static final int MAX_SIGNATURES = 32;

  static final String SYMMETRIC_PREFIX = "whsec_";
  static final String PUBLIC_PREFIX = "whpk_";
  static final String PRIVATE_PREFIX = "whsk_";

  private static final Grammar.Header SIGNATURE = Grammar.Header.of(SIGNATURE_HEADER);
  private static final Grammar.Header DELIVERY = Grammar.Header.of(ID_HEADER);
  private static final Grammar.Header TIMESTAMP = Grammar.Header.of(TIMESTAMP_HEADER);
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Duration tolerance;

  /** The scheme with the default tolerance. */
  public StandardWebhooksScheme() {
    this(DEFAULT_TOLERANCE);
  }

  private StandardWebhooksScheme(Duration tolerance) {
    this.tolerance = tolerance;
  }

  /** The scheme with another tolerance (whole seconds, 1 s to 1 day). */
  public static StandardWebhooksScheme withTolerance(Duration tolerance) {
    return new StandardWebhooksScheme(Grammar.checkTolerance(ID + ".tolerance-seconds", tolerance));
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public int priority() {
    return 40;
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
  public StandardWebhooksScheme withOptions(Map<String, String> options) {
    Grammar.onlyKnown(ID, options, List.of("tolerance-seconds"));
    String v = options.get("tolerance-seconds");
    return v == null ? this : new StandardWebhooksScheme(Grammar.toleranceOption(ID, v));
  }

  /** A parsed secret: an HMAC key, or an Ed25519 public key (and private key when signing). */
  private record Key(int index, HmacKey hmac, Ed25519PublicKeyParameters publicKey, Ed25519PrivateKeyParameters privateKey) {}

  private static Key parse(Secret secret, int index, int of) {
    return secret.withBytes(bytes -> {
      String what = "secret " + (index + 1) + " of " + of;
      if (startsWith(bytes, SYMMETRIC_PREFIX)) {
        byte[] key = decode(bytes, SYMMETRIC_PREFIX.length(), what);
        try {
          if (key.length < 24 || key.length > 64) {
            throw new PolicyConfigurationException(ID,
                what + " decodes to " + key.length + " bytes; a whsec_ key is 24 to 64 bytes");
          }
          return new Key(index, HmacKey.of("HmacSHA256", key, ID), null, null);
        } finally {
          Arrays.fill(key, (byte) 0);
        }
      }
      if (startsWith(bytes, PUBLIC_PREFIX)) {
        byte[] key = decode(bytes, PUBLIC_PREFIX.length(), what);
        if (key.length != Ed25519PublicKeyParameters.KEY_SIZE) {
          throw new PolicyConfigurationException(ID, what + " is not a 32-byte Ed25519 public key");
        }
        try {
          return new Key(index, null, new Ed25519PublicKeyParameters(key, 0), null);
        } catch (IllegalArgumentException e) {
          throw new PolicyConfigurationException(ID, what + " is not a valid Ed25519 public key");
        }
      }
      if (startsWith(bytes, PRIVATE_PREFIX)) {
        byte[] seed = decode(bytes, PRIVATE_PREFIX.length(), what);
        try {
          if (seed.length != Ed25519PrivateKeyParameters.KEY_SIZE) {
            throw new PolicyConfigurationException(ID, what + " is not a 32-byte Ed25519 private key (seed)");
          }
          Ed25519PrivateKeyParameters priv = new Ed25519PrivateKeyParameters(seed, 0);
          return new Key(index, null, priv.generatePublicKey(), priv);
        } finally {
          Arrays.fill(seed, (byte) 0);
        }
      }
      throw new PolicyConfigurationException(ID,
          what + " does not start with whsec_, whpk_ or whsk_ (the Standard Webhooks secret formats)");
    });
  }

  private static boolean startsWith(byte[] bytes, String prefix) {
    if (bytes.length < prefix.length()) {
      return false;
    }
    for (int i = 0; i < prefix.length(); i++) {
      if (bytes[i] != prefix.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  /**
   * Decodes the canonical standard Base64 after the prefix (padding optional, pad bits zero) without
   * making a String of the secret: two spellings of one key would otherwise both be accepted.
   */
  private static byte[] decode(byte[] bytes, int from, String what) {
    byte[] encoded = Arrays.copyOfRange(bytes, from, bytes.length);
    byte[] decoded = null;
    byte[] again = null;
    byte[] againBare = null;
    try {
      decoded = Base64.getDecoder().decode(encoded);
      again = Base64.getEncoder().encode(decoded);
      againBare = Base64.getEncoder().withoutPadding().encode(decoded);
      if (decoded.length == 0 || !(Arrays.equals(again, encoded) || Arrays.equals(againBare, encoded))) {
        throw new IllegalArgumentException("not canonical");
      }
      return decoded;
    } catch (IllegalArgumentException e) {
      if (decoded != null) {
        Arrays.fill(decoded, (byte) 0);
      }
      throw new PolicyConfigurationException(ID, what + " is not canonical standard Base64 after its prefix");
    } finally {
      Arrays.fill(encoded, (byte) 0);
      if (again != null) {
        Arrays.fill(again, (byte) 0);
        Arrays.fill(againBare, (byte) 0);
      }
    }
  }

  /** A fresh {@code whsec_} secret: 32 random bytes, for a sender to hand to its consumers. */
  public static Secret newSymmetricSecret() {
    byte[] key = new byte[32];
    RANDOM.nextBytes(key);
    return prefixed(SYMMETRIC_PREFIX, key);
  }

  /** A fresh {@code whsk_} Ed25519 signing key (the 32-byte seed), for a sender. */
  public static Secret newSigningKey() {
    byte[] seed = new byte[Ed25519PrivateKeyParameters.KEY_SIZE];
    RANDOM.nextBytes(seed);
    return prefixed(PRIVATE_PREFIX, seed);
  }

  /**
   * The {@code whpk_} public key of a {@code whsk_} signing key — what the sender publishes and
   * consumers verify {@code v1a} signatures with.
   *
   * @throws PolicyConfigurationException if {@code signingKey} is not a {@code whsk_} key
   */
  public static Secret publicKeyOf(Secret signingKey) {
    Key k = parse(signingKey, 0, 1);
    if (k.privateKey() == null) {
      throw new PolicyConfigurationException(ID, "only a whsk_ signing key has a public key to derive");
    }
    return prefixed(PUBLIC_PREFIX, k.publicKey().getEncoded());
  }

  private static Secret prefixed(String prefix, byte[] raw) {
    byte[] encoded = Base64.getEncoder().encode(raw);
    byte[] all = new byte[prefix.length() + encoded.length];
    for (int i = 0; i < prefix.length(); i++) {
      all[i] = (byte) prefix.charAt(i);
    }
    System.arraycopy(encoded, 0, all, prefix.length(), encoded.length);
    try {
      return Secret.of(all);
    } finally {
      Arrays.fill(raw, (byte) 0);
      Arrays.fill(encoded, (byte) 0);
      Arrays.fill(all, (byte) 0);
    }
  }

  private static List<Key> parseAll(List<Secret> secrets) {
    List<Secret> active = List.copyOf(secrets);
    List<Key> keys = new ArrayList<>(active.size());
    for (int i = 0; i < active.size(); i++) {
      keys.add(parse(active.get(i), i, active.size()));
    }
    return List.copyOf(keys);
  }

  @Override
  public Verifier verifier(List<Secret> secrets) {
    List<Key> keys = parseAll(secrets);
    List<HmacKey> hmacs = new ArrayList<>();
    List<Integer> hmacIndex = new ArrayList<>();
    List<Key> publics = new ArrayList<>();
    for (Key k : keys) {
      if (k.hmac() != null) {
        hmacs.add(k.hmac());
        hmacIndex.add(k.index());
      } else {
        publics.add(k);
      }
    }
    int total = keys.size();
    List<Decision> accepted = GuardedVerifier.acceptances(total);
    return new GuardedVerifier(ID) {
      @Override
      Decision check(byte[] body, WebhookHeaders headers, Context context) throws Refusal {
        String list = Grammar.single(headers, SIGNATURE)
            .orElseThrow(() -> Refusal.missing("no " + SIGNATURE_HEADER + " header"));
        String id = Grammar.required(headers, DELIVERY, "next to " + SIGNATURE_HEADER);
        if (!isDeliveryId(id)) {
          throw Refusal.malformed(ID_HEADER + " must be 1 to " + MAX_ID_CHARS + " visible ASCII characters without '.'");
        }
        String ts = Grammar.required(headers, TIMESTAMP, "next to " + SIGNATURE_HEADER);
        long signedAt = Grammar.timestamp(ts, TIMESTAMP_HEADER);
        List<byte[]> v1 = new ArrayList<>();
        List<byte[]> v1a = new ArrayList<>();
        String[] tokens = list.split(" ", -1);
        if (tokens.length > MAX_SIGNATURES) {
          throw Refusal.malformed(SIGNATURE_HEADER + " has more than " + MAX_SIGNATURES + " signatures");
        }
        for (String token : tokens) {
          int comma = token.indexOf(',');
          if (comma < 0 || !isVersion(token, comma)) {
            throw Refusal.malformed(SIGNATURE_HEADER + " entries must be version,base64 separated by single spaces");
          }
          String version = token.substring(0, comma);
          String sig = token.substring(comma + 1);
          if (version.equals("v1")) {
            v1.add(Grammar.base64(sig, 32, SIGNATURE_HEADER + " v1"));
          } else if (version.equals("v1a")) {
            v1a.add(Grammar.base64(sig, 64, SIGNATURE_HEADER + " v1a"));
          }
        }
        if (v1.isEmpty() && v1a.isEmpty()) {
          throw Refusal.malformed(SIGNATURE_HEADER + " has no v1 or v1a signature");
        }
        if (total == 0) {
          throw Refusal.mismatch(SIGNATURE_HEADER + " is well formed but there is no active secret to check it against");
        }
        Grammar.checkFresh(signedAt, tolerance, context.time());
        byte[] prefix = (id + "." + ts + ".").getBytes(StandardCharsets.US_ASCII);
        int matched = -1;
        if (!v1.isEmpty() && !hmacs.isEmpty()) {
          Grammar.Match m = Grammar.firstMatch(hmacs, v1, prefix, body);
          if (m != null) {
            matched = hmacIndex.get(m.index());
          }
        }
        if (matched < 0 && !v1a.isEmpty() && !publics.isEmpty()) {
          byte[] message = concat(prefix, body);
          outer:
          for (Key k : publics) {
            for (byte[] sig : v1a) {
              if (k.publicKey().verify(Ed25519.Algorithm.Ed25519, null, message, 0, message.length, sig, 0)) {
                matched = k.index();
                break outer;
              }
            }
          }
        }
        if (matched < 0) {
          throw Refusal.mismatch(SIGNATURE_HEADER + " has no signature matching any of the " + total + " active secrets");
        }
        GuardedVerifier.remember(context, ID + ":" + id, Instant.ofEpochSecond(signedAt).plus(tolerance));
        return accepted.get(matched);
      }
    };
  }

  /** 1 to {@value #MAX_ID_CHARS} visible ASCII characters other than {@code .}. */
  static boolean isDeliveryId(String id) {
    int n = id.length();
    if (n == 0 || n > MAX_ID_CHARS) {
      return false;
    }
    for (int i = 0; i < n; i++) {
      char c = id.charAt(i);
      if (c < 0x21 || c > 0x7e || c == '.') {
        return false;
      }
    }
    return true;
  }

  /** Whether {@code token} starts with 1 to 16 characters of {@code [a-z0-9]} followed by the comma at {@code comma}. */
  private static boolean isVersion(String token, int comma) {
    if (comma < 1 || comma > 16) {
      return false;
    }
    for (int i = 0; i < comma; i++) {
      char c = token.charAt(i);
      if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))) {
        return false;
      }
    }
    return true;
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = new byte[a.length + b.length];
    System.arraycopy(a, 0, out, 0, a.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  /**
   * Signs with every secret: {@code whsec_} keys give {@code v1}, {@code whsk_} keys give
   * {@code v1a}; a {@code whpk_} public key cannot sign. A missing delivery id becomes
   * {@code msg_} followed by 24 random URL-safe Base64 characters.
   */
  @Override
  public Signer signer(List<Secret> secrets) {
    List<Key> keys = parseAll(secrets);
    if (keys.isEmpty()) {
      throw new PolicyConfigurationException(ID, "signing needs at least one secret");
    }
    for (Key k : keys) {
      if (k.hmac() == null && k.privateKey() == null) {
        throw new PolicyConfigurationException(ID,
            "secret " + (k.index() + 1) + " of " + keys.size() + " is a whpk_ public key, which cannot sign; use the whsk_ private key");
      }
    }
    return (body, timestamp, deliveryId) -> {
      Objects.requireNonNull(body, "body");
      String id = deliveryId.orElseGet(StandardWebhooksScheme::newDeliveryId);
      if (!isDeliveryId(id)) {
        throw new IllegalArgumentException(
            "a delivery id must be 1 to " + MAX_ID_CHARS + " visible ASCII characters without '.'");
      }
      String ts = Grammar.signingSeconds(timestamp);
      byte[] prefix = (id + "." + ts + ".").getBytes(StandardCharsets.US_ASCII);
      StringBuilder sigs = new StringBuilder();
      byte[] message = null;
      for (Key k : keys) {
        if (sigs.length() > 0) {
          sigs.append(' ');
        }
        if (k.hmac() != null) {
          sigs.append("v1,").append(Base64.getEncoder().encodeToString(k.hmac().mac(prefix, body)));
        } else {
          if (message == null) {
            message = concat(prefix, body);
          }
          byte[] sig = new byte[Ed25519PrivateKeyParameters.SIGNATURE_SIZE];
          k.privateKey().sign(Ed25519.Algorithm.Ed25519, k.publicKey(), null, message, 0, message.length, sig, 0);
          sigs.append("v1a,").append(Base64.getEncoder().encodeToString(sig));
        }
      }
      return WebhookHeaders.builder()
          .add(ID_HEADER, id)
          .add(TIMESTAMP_HEADER, ts)
          .add(SIGNATURE_HEADER, sigs.toString())
          .build();
    };
  }

  /** A fresh delivery id: {@code msg_} and 18 random bytes in URL-safe Base64. */
  static String newDeliveryId() {
    byte[] b = new byte[18];
    RANDOM.nextBytes(b);
    return "msg_" + Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }

  @Override
  public String toString() {
    return "StandardWebhooksScheme[tolerance=" + tolerance.getSeconds() + "s]";
  }
}
