package dev.hostpolicy.core.webhook;

import dev.hostpolicy.api.Decision;
import dev.hostpolicy.api.PolicyConfigurationException;
import dev.hostpolicy.api.Secret;
import dev.hostpolicy.api.WebhookHeaders;
import dev.hostpolicy.api.spi.WebhookSignatureScheme;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A configurable body signature for senders that follow no published scheme:
 * {@code <header>: <prefix><encoded HMAC of the raw body>}, with the HMAC-SHA256 or HMAC-SHA512 of
 * the raw body under the secret's bytes, encoded as hexadecimal (all lowercase or all uppercase) or
 * standard Base64 (with padding). The defaults, which a ServiceLoader finds under the id
 * {@code generic}, are {@code X-Signature}, no prefix, hex, HMAC-SHA256.
 *
 * <p>Options ({@link #withOptions}): {@code header}, {@code prefix}, {@code encoding=hex|base64},
 * {@code algorithm=hmac-sha256|hmac-sha512}. Like GitHub's, this signature covers no timestamp, so
 * the scheme has no tolerance and cannot detect a replay.
 *
 * <pre>{@code
 * GenericHmacScheme shopifyLike = GenericHmacScheme.builder()
 *     .header("X-Shop-Hmac-Sha256")
 *     .encoding(GenericHmacScheme.Encoding.BASE64)
 *     .build();
 * }</pre>
 */
public final class GenericHmacScheme implements WebhookSignatureScheme {

  /** The scheme id. */
  public static final String ID = "generic";

  /** The default signature header. */
  public static final String DEFAULT_HEADER = "X-Signature";

  private static final Pattern HEADER_NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]{1,64}");
  private static final Pattern PREFIX = Pattern.compile("[\\x21-\\x7e]{0,64}");

  /** How the MAC is written in the header. */
  public enum Encoding {
    /** Hexadecimal, two digits per byte; all lowercase or all uppercase. */
    HEX,
    /** Standard Base64 (RFC 4648 section 4) with padding. */
    BASE64
  }

  /** The MAC algorithm. */
  public enum Algorithm {
    /** HMAC with SHA-256 (32-byte MAC). */
    HMAC_SHA256("HmacSHA256"),
    /** HMAC with SHA-512 (64-byte MAC). */
    HMAC_SHA512("HmacSHA512");

    private final String jce;

    Algorithm(String jce) {
      this.jce = jce;
    }

    String jceName() {
      return jce;
    }

    int macBytes() {
      return this == HMAC_SHA256 ? 32 : 64;
    }
  }

  private final String header;
  private final String prefix;
  private final Encoding encoding;
  private final Algorithm algorithm;

  /** The defaults: {@code X-Signature}, no prefix, hex, HMAC-SHA256. */
  public GenericHmacScheme() {
    this(DEFAULT_HEADER, "", Encoding.HEX, Algorithm.HMAC_SHA256);
  }

  private GenericHmacScheme(String header, String prefix, Encoding encoding, Algorithm algorithm) {
    this.header = header;
    this.prefix = prefix;
    this.encoding = encoding;
    this.algorithm = algorithm;
  }

  /** Starts from the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** The signature header name. */
  public String header() {
    return header;
  }

  /** The text before the encoded MAC (may be empty). */
  public String prefix() {
    return prefix;
  }

  /** How the MAC is encoded. */
  public Encoding encoding() {
    return encoding;
  }

  /** The MAC algorithm. */
  public Algorithm algorithm() {
    return algorithm;
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public int priority() {
    return 50;
  }

  @Override
  public boolean signs() {
    return true;
  }

  @Override
  public Optional<Duration> tolerance() {
    return Optional.empty();
  }

  /** Accepts {@code header}, {@code prefix}, {@code encoding=hex|base64}, {@code algorithm=hmac-sha256|hmac-sha512}. */
  @Override
  public GenericHmacScheme withOptions(Map<String, String> options) {
    Grammar.onlyKnown(ID, options, List.of("header", "prefix", "encoding", "algorithm"));
    Builder b = builder().header(header).prefix(prefix).encoding(encoding).algorithm(algorithm);
    if (options.containsKey("header")) {
      b.header(options.get("header"));
    }
    if (options.containsKey("prefix")) {
      b.prefix(options.get("prefix"));
    }
    if (options.containsKey("encoding")) {
      String v = options.get("encoding");
      if (v.equals("hex")) {
        b.encoding(Encoding.HEX);
      } else if (v.equals("base64")) {
        b.encoding(Encoding.BASE64);
      } else {
        throw new PolicyConfigurationException(ID + ".encoding", "expected hex or base64");
      }
    }
    if (options.containsKey("algorithm")) {
      String v = options.get("algorithm");
      if (v.equals("hmac-sha256")) {
        b.algorithm(Algorithm.HMAC_SHA256);
      } else if (v.equals("hmac-sha512")) {
        b.algorithm(Algorithm.HMAC_SHA512);
      } else {
        throw new PolicyConfigurationException(ID + ".algorithm", "expected hmac-sha256 or hmac-sha512");
      }
    }
    return b.build();
  }

  @Override
  public Verifier verifier(List<Secret> secrets) {
    List<HmacKey> keys = Grammar.hmacKeys(List.copyOf(secrets), algorithm.jceName(), ID);
    int macBytes = algorithm.macBytes();
    Grammar.Header name = Grammar.Header.of(header);
    List<Decision> accepted = GuardedVerifier.acceptances(keys.size());
    return new GuardedVerifier(ID) {
      @Override
      Decision check(byte[] body, WebhookHeaders headers, Context context) throws Refusal {
        String value = Grammar.single(headers, name)
            .orElseThrow(() -> Refusal.missing("no " + header + " header"));
        if (!value.startsWith(prefix)) {
          throw Refusal.malformed(header + " does not start with " + prefix);
        }
        String encoded = value.substring(prefix.length());
        byte[] presented = encoding == Encoding.HEX
            ? Grammar.anyCaseHex(encoded, macBytes, header)
            : Grammar.base64(encoded, macBytes, header);
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
    HmacKey key = Grammar.hmacKeys(List.of(Grammar.onlySecret(secrets, ID)), algorithm.jceName(), ID).get(0);
    return (body, timestamp, deliveryId) -> {
      Objects.requireNonNull(body, "body");
      byte[] mac = key.mac(body);
      String encoded = encoding == Encoding.HEX ? Grammar.hex(mac) : Base64.getEncoder().encodeToString(mac);
      return WebhookHeaders.builder().add(header, prefix + encoded).build();
    };
  }

  @Override
  public String toString() {
    return "GenericHmacScheme[header=" + header + ", prefix=" + prefix + ", encoding="
        + encoding.name().toLowerCase(Locale.ROOT) + ", algorithm=" + algorithm.name().toLowerCase(Locale.ROOT) + "]";
  }

  /** Configures a {@link GenericHmacScheme}; validates each value as it is set. */
  public static final class Builder {
    private String header = DEFAULT_HEADER;
    private String prefix = "";
    private Encoding encoding = Encoding.HEX;
    private Algorithm algorithm = Algorithm.HMAC_SHA256;

    private Builder() {}

    /**
     * The header carrying the signature: an HTTP field name (token characters), 1 to 64 long.
     *
     * @throws PolicyConfigurationException otherwise
     */
    public Builder header(String header) {
      Objects.requireNonNull(header, "header");
      if (!HEADER_NAME.matcher(header).matches()) {
        throw new PolicyConfigurationException(ID + ".header", "expected an HTTP header name of 1 to 64 token characters");
      }
      this.header = header;
      return this;
    }

    /**
     * Text before the encoded MAC, such as {@code sha256=}: 0 to 64 visible ASCII characters.
     *
     * @throws PolicyConfigurationException otherwise
     */
    public Builder prefix(String prefix) {
      Objects.requireNonNull(prefix, "prefix");
      if (!PREFIX.matcher(prefix).matches()) {
        throw new PolicyConfigurationException(ID + ".prefix", "expected 0 to 64 visible ASCII characters");
      }
      this.prefix = prefix;
      return this;
    }

    /** How the MAC is encoded. */
    public Builder encoding(Encoding encoding) {
      this.encoding = Objects.requireNonNull(encoding, "encoding");
      return this;
    }

    /** The MAC algorithm. */
    public Builder algorithm(Algorithm algorithm) {
      this.algorithm = Objects.requireNonNull(algorithm, "algorithm");
      return this;
    }

    /** The scheme. */
    public GenericHmacScheme build() {
      return new GenericHmacScheme(header, prefix, encoding, algorithm);
    }
  }
}
