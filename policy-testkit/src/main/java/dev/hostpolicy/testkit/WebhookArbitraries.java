package dev.hostpolicy.testkit;

import dev.hostpolicy.api.Secret;
import dev.hostpolicy.api.WebhookHeaders;
import dev.hostpolicy.api.spi.WebhookSignatureScheme;
import dev.hostpolicy.core.webhook.StandardWebhooksScheme;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * Generators for webhook signature tests: raw bodies, keys in each built-in scheme's format,
 * deliveries signed by a scheme's own signer, and hostile mutations of their headers. Re-exported
 * by {@link PolicyArbitraries}.
 *
 * <pre>{@code
 * @Provide
 * Arbitrary<WebhookDelivery> deliveries() {
 *   WebhookSignatureScheme scheme = new GithubScheme();
 *   return WebhookArbitraries.deliveries(scheme, WebhookArbitraries.keys(scheme.id()), WebhookArbitraries.NOW);
 * }
 *
 * @Property
 * void fuzzNeverThrows(@ForAll("deliveries") WebhookDelivery d) { ... WebhookArbitraries.fuzzedHeaders(d.headers()) ... }
 * }</pre>
 */
public final class WebhookArbitraries {
  private WebhookArbitraries() {}

  /** The instant deliveries are generated around by default: {@code 2026-01-01T00:00:00Z}. */
  public static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

  private static final String ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

  /** Characters a fuzzed header value is built from: scheme syntax, digits and their look-alikes, whitespace, controls. */
  static final String HEADER_ALPHABET =
      "=,;: \t\r\n\u0000v0v1at.sha256=0123456789abcdefABCDEF+/_-~\u00a0\u200b\u202e\ufeff\u0660\u0661\uff10\u00e9\u212a\"'\\";

  /** Header values every scheme must refuse or ignore without throwing: the shrink targets. */
  static final List<String> HEADER_ATTACKS =
      List.of(
          "",
          " ",
          "\t",
          "sha256=",
          "sha256=" + "0".repeat(64) + "\r\nX-Injected: 1",
          "sha1=" + "0".repeat(40),
          "v0=",
          "v0=" + "0".repeat(64),
          "v1,",
          "v1a,",
          "v1,====",
          "v1," + "A".repeat(44),
          "t=,v1=",
          "t=1,v1=" + "0".repeat(64),
          "t=99999999999999999999,v1=" + "0".repeat(64),
          "t=-1,v1=" + "0".repeat(64),
          "t=\u0661\u0662,v1=" + "0".repeat(64),
          "9223372036854775808",
          "-0",
          "1e9",
          "\ufeff1700000000",
          "msg.1",
          "msg_\u0000",
          ",,,,",
          "= = =",
          "x".repeat(9000));

  /**
   * Raw bodies: empty, random binary, JSON-like text, byte sequences that are not UTF-8, CR/LF and
   * NUL, a byte-order mark, and a few up to 70 KB.
   */
  public static Arbitrary<byte[]> bodies() {
    Arbitrary<byte[]> binary = Arbitraries.bytes().array(byte[].class).ofMaxSize(512);
    Arbitrary<byte[]> json = Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(200)
        .map(s -> ("{\"text\":\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}").getBytes(StandardCharsets.UTF_8));
    Arbitrary<byte[]> tricky = Arbitraries.of("", "\r\n", "\u0000", "\ufeff{}", "{\"a\":\"\u00e9\"}", "{}\n", "a=1&b=%2F")
        .map(s -> s.getBytes(StandardCharsets.UTF_8));
    Arbitrary<byte[]> notUtf8 = Arbitraries.of(
        new byte[] {(byte) 0xc3}, new byte[] {(byte) 0xff, (byte) 0xfe, 0}, new byte[] {(byte) 0xed, (byte) 0xa0, (byte) 0x80},
        new byte[] {'{', (byte) 0xc0, (byte) 0xaf, '}'});
    Arbitrary<byte[]> large = Arbitraries.integers().between(4096, 70_000).map(n -> {
      byte[] b = new byte[n];
      for (int i = 0; i < n; i++) {
        b[i] = (byte) (i * 31 + (i >>> 8));
      }
      return b;
    });
    return Arbitraries.frequencyOf(
        Tuple.of(4, binary), Tuple.of(3, json), Tuple.of(2, tricky), Tuple.of(1, notUtf8), Tuple.of(1, large));
  }

  /**
   * Keys in the format the built-in scheme {@code schemeId} expects: {@code whsec_} strings for
   * {@code stripe}; {@code whsec_} keys and {@code whsk_}/{@code whpk_} Ed25519 pairs for
   * {@code standard-webhooks}; arbitrary 1–64 byte secrets for {@code github}, {@code slack},
   * {@code generic} and any other id.
   */
  public static Arbitrary<WebhookKey> keys(String schemeId) {
    Objects.requireNonNull(schemeId, "schemeId");
    switch (schemeId) {
      case "stripe":
        return Arbitraries.strings().withChars(ALNUM).ofMinLength(24).ofMaxLength(48)
            .map(s -> WebhookKey.symmetric(Secret.fromUtf8("whsec_" + s)));
      case "standard-webhooks":
        Arbitrary<WebhookKey> symmetric = Arbitraries.bytes().array(byte[].class).ofMinSize(24).ofMaxSize(64)
            .map(b -> WebhookKey.symmetric(Secret.fromUtf8("whsec_" + Base64.getEncoder().encodeToString(b))));
        Arbitrary<WebhookKey> ed25519 = Arbitraries.bytes().array(byte[].class).ofSize(32).map(seed -> {
          Secret signing = Secret.fromUtf8("whsk_" + Base64.getEncoder().encodeToString(seed));
          return new WebhookKey(signing, StandardWebhooksScheme.publicKeyOf(signing));
        });
        return Arbitraries.frequencyOf(Tuple.of(3, symmetric), Tuple.of(1, ed25519));
      default:
        return Arbitraries.bytes().array(byte[].class).ofMinSize(1).ofMaxSize(64).map(b -> WebhookKey.symmetric(Secret.of(b)));
    }
  }

  /** Delivery ids: {@code msg_} and 1–40 URL-safe characters (no {@code .}). */
  public static Arbitrary<String> deliveryIds() {
    return Arbitraries.strings().withChars(ALNUM + "_-").ofMinLength(1).ofMaxLength(40).map(s -> "msg_" + s);
  }

  /**
   * Deliveries signed by {@code scheme}'s own signer with one of {@code keys}, at a time within the
   * scheme's tolerance of {@code now} (edges included), so each verifies at {@code now}.
   */
  public static Arbitrary<WebhookDelivery> deliveries(
      WebhookSignatureScheme scheme, Arbitrary<WebhookKey> keys, Instant now) {
    Objects.requireNonNull(scheme, "scheme");
    Objects.requireNonNull(keys, "keys");
    Objects.requireNonNull(now, "now");
    long base = now.getEpochSecond();
    long tolerance = scheme.tolerance().map(Duration::getSeconds).orElse(0L);
    // between() has the window's edges (-tolerance, 0, +tolerance) among its edge cases
    Arbitrary<Long> offsets = Arbitraries.longs().between(-tolerance, tolerance);
    return Combinators.combine(keys, bodies(), offsets, deliveryIds()).as((key, body, offset, id) -> {
      Instant at = Instant.ofEpochSecond(base + offset);
      WebhookHeaders h = scheme.signer(List.of(key.signing())).sign(body, at, Optional.of(id));
      return new WebhookDelivery(scheme, key, body, h, at, Optional.of(id));
    });
  }

  /** Hostile header values: the attack list and random strings over a hostile alphabet. */
  public static Arbitrary<String> headerValues() {
    return Arbitraries.frequencyOf(
        Tuple.of(1, Arbitraries.of(HEADER_ATTACKS)),
        Tuple.of(2, Arbitraries.strings().withChars(HEADER_ALPHABET).ofMaxLength(80)));
  }

  /** One way of damaging a header list. */
  enum Mutation {
    DROP, DUPLICATE, DUPLICATE_OTHER_CASE, REPLACE, APPEND, PREPEND, INSERT, TRUNCATE, EMPTY, UPPERCASE,
    SWAP, HUGE, UNICODE_DIGITS, FLIP_BIT, RENAME_LOOKALIKE
  }

  /**
   * {@code valid} damaged in one way: a header dropped, repeated (also under another case),
   * replaced, extended, truncated, emptied, upper-cased, swapped with the next, blown up to 20 000
   * characters, its digits turned into look-alikes, one bit of one character flipped, or renamed with
   * a non-ASCII look-alike. Some mutations leave the delivery valid (upper-casing a value that has no
   * letters); properties should expect a decision, never an exception.
   */
  public static Arbitrary<WebhookHeaders> fuzzedHeaders(WebhookHeaders valid) {
    Objects.requireNonNull(valid, "valid");
    List<Map.Entry<String, String>> entries = valid.entries();
    if (entries.isEmpty()) {
      return headerValues().map(v -> WebhookHeaders.builder().add("X-Fuzz", v).build());
    }
    return Combinators.combine(
            Arbitraries.integers().between(0, entries.size() - 1),
            Arbitraries.of(Mutation.values()),
            headerValues(),
            Arbitraries.integers().between(0, 1 << 16))
        .as((index, mutation, junk, position) -> mutate(entries, index, mutation, junk, position));
  }

  private static WebhookHeaders mutate(
      List<Map.Entry<String, String>> entries, int index, Mutation mutation, String junk, int position) {
    List<String[]> out = new ArrayList<>();
    for (Map.Entry<String, String> e : entries) {
      out.add(new String[] {e.getKey(), e.getValue()});
    }
    String[] target = out.get(index);
    String value = target[1];
    int at = value.isEmpty() ? 0 : position % (value.length() + 1);
    switch (mutation) {
      case DROP:
        out.remove(index);
        break;
      case DUPLICATE:
        out.add(new String[] {target[0], junk});
        break;
      case DUPLICATE_OTHER_CASE:
        out.add(index + 1, new String[] {target[0].toUpperCase(Locale.ROOT), value});
        break;
      case REPLACE:
        target[1] = junk;
        break;
      case APPEND:
        target[1] = value + junk;
        break;
      case PREPEND:
        target[1] = junk + value;
        break;
      case INSERT:
        target[1] = value.substring(0, at) + junk + value.substring(at);
        break;
      case TRUNCATE:
        target[1] = value.substring(0, Math.min(at, Math.max(0, value.length() - 1)));
        break;
      case EMPTY:
        target[1] = "";
        break;
      case UPPERCASE:
        target[1] = value.toUpperCase(Locale.ROOT);
        break;
      case SWAP:
        if (out.size() > 1) {
          String[] other = out.get((index + 1) % out.size());
          String v = other[1];
          other[1] = target[1];
          target[1] = v;
        } else {
          target[1] = junk;
        }
        break;
      case HUGE:
        target[1] = value.repeat(Math.max(1, 20_000 / Math.max(1, value.length())));
        break;
      case UNICODE_DIGITS:
        StringBuilder sb = new StringBuilder();
        for (char c : value.toCharArray()) {
          sb.append(c >= '0' && c <= '9' ? (char) ('\u0660' + (c - '0')) : c);
        }
        target[1] = sb.toString();
        break;
      case FLIP_BIT:
        if (value.isEmpty()) {
          target[1] = junk;
        } else {
          int i = position % value.length();
          char flipped = (char) (value.charAt(i) ^ (1 << (position % 7)));
          target[1] = value.substring(0, i) + flipped + value.substring(i + 1);
        }
        break;
      case RENAME_LOOKALIKE:
      default:
        target[0] = lookalike(target[0]);
        break;
    }
    WebhookHeaders.Builder b = WebhookHeaders.builder();
    for (String[] e : out) {
      b.add(e[0], e[1]);
    }
    return b.build();
  }

  /**
   * {@code name} with its first {@code k}, {@code i} or {@code s} replaced by a non-ASCII character
   * that Unicode case-folds to it (KELVIN SIGN, DOTLESS I, LONG S), or with a zero-width space
   * appended when it has none.
   */
  static String lookalike(String name) {
    for (int i = 0; i < name.length(); i++) {
      char c = Character.toLowerCase(name.charAt(i));
      char alike = c == 'k' ? '\u212a' : c == 'i' ? '\u0131' : c == 's' ? '\u017f' : 0;
      if (alike != 0) {
        return name.substring(0, i) + alike + name.substring(i + 1);
      }
    }
    return name + "\u200b";
  }
}
