package dev.hostpolicy.core.webhook;

import dev.hostpolicy.api.ConstantTime;
import dev.hostpolicy.api.PolicyConfigurationException;
import dev.hostpolicy.api.SafeText;
import dev.hostpolicy.api.Secret;
import dev.hostpolicy.api.TimeSource;
import dev.hostpolicy.api.WebhookHeaders;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The strict header grammar the built-in schemes share: one occurrence, exact digits, exact lengths. */
final class Grammar {
  private Grammar() {}

  /** Longest header value a scheme looks at; longer is malformed before any parsing. */
  static final int MAX_VALUE_CHARS = 8192;

  /** Longest timestamp accepted: 12 decimal digits (up to the year 33658). */
  static final int MAX_TIMESTAMP_DIGITS = 12;

  /** Shortest and longest tolerance a scheme accepts. */
  static final Duration MIN_TOLERANCE = Duration.ofSeconds(1);

  static final Duration MAX_TOLERANCE = Duration.ofDays(1);

  private static final HexFormat HEX = HexFormat.of();

  /**
   * A header name as shown in messages and as looked up (ASCII lower case, computed once, so a
   * lookup on the request path allocates nothing).
   */
  record Header(String display, String lookup) {
    static Header of(String display) {
      return new Header(display, display.toLowerCase(Locale.ROOT));
    }

    @Override
    public String toString() {
      return display;
    }
  }

  /**
   * The single value of {@code name}, with the optional whitespace (SP, HTAB) HTTP allows around a
   * field value removed; empty when the header is absent.
   *
   * @throws Refusal malformed when the header is repeated or its value is too long
   */
  static Optional<String> single(WebhookHeaders headers, Header name) throws Refusal {
    List<String> values = headers.all(name.lookup());
    if (values.isEmpty()) {
      return Optional.empty();
    }
    if (values.size() > 1) {
      throw Refusal.malformed(name + " appears " + values.size() + " times; exactly one is allowed");
    }
    String v = values.get(0);
    if (v.length() > MAX_VALUE_CHARS) {
      throw Refusal.malformed(name + " is longer than " + MAX_VALUE_CHARS + " characters");
    }
    return Optional.of(trimOws(v));
  }

  /** Like {@link #single} but a missing header is malformed too (a header a signature depends on). */
  static String required(WebhookHeaders headers, Header name, String because) throws Refusal {
    Optional<String> v = single(headers, name);
    if (v.isEmpty()) {
      throw Refusal.malformed(name + " is missing " + because);
    }
    return v.get();
  }

  static String trimOws(String v) {
    int start = 0;
    int end = v.length();
    while (start < end && isOws(v.charAt(start))) {
      start++;
    }
    while (end > start && isOws(v.charAt(end - 1))) {
      end--;
    }
    return v.substring(start, end);
  }

  private static boolean isOws(char c) {
    return c == ' ' || c == '\t';
  }

  /**
   * Exactly {@code bytes} bytes as lowercase hexadecimal ({@code [0-9a-f]}, two digits per byte).
   *
   * @throws Refusal malformed otherwise
   */
  static byte[] lowerHex(String text, int bytes, String what) throws Refusal {
    return lowerHex(text, 0, bytes, what);
  }

  /** Like {@link #lowerHex(String, int, String)} for the rest of {@code text} from {@code from}, in one pass. */
  static byte[] lowerHex(String text, int from, int bytes, String what) throws Refusal {
    if (text.length() - from != bytes * 2) {
      throw Refusal.malformed(what + " is not " + bytes * 2 + " lowercase hexadecimal digits");
    }
    byte[] out = new byte[bytes];
    int bad = 0;
    for (int i = 0; i < bytes; i++) {
      int hi = nibble(text.charAt(from + 2 * i));
      int lo = nibble(text.charAt(from + 2 * i + 1));
      bad |= hi | lo;
      out[i] = (byte) ((hi << 4) | lo);
    }
    if (bad < 0) {
      throw Refusal.malformed(what + " is not " + bytes * 2 + " lowercase hexadecimal digits");
    }
    return out;
  }

  private static final byte[] LOWER_HEX_VALUE = new byte[128];

  static {
    java.util.Arrays.fill(LOWER_HEX_VALUE, (byte) -1);
    for (int i = 0; i < 16; i++) {
      LOWER_HEX_VALUE["0123456789abcdef".charAt(i)] = (byte) i;
    }
  }

  /** The value of a lowercase hex digit, or -1. */
  private static int nibble(char c) {
    return c < 128 ? LOWER_HEX_VALUE[c] : -1;
  }

  /** Exactly {@code bytes} bytes as hexadecimal, all lowercase or all uppercase. */
  static byte[] anyCaseHex(String text, int bytes, String what) throws Refusal {
    if (text.length() != bytes * 2 || !(isHex(text, 'a') || isHex(text, 'A'))) {
      throw Refusal.malformed(what + " is not " + bytes * 2 + " hexadecimal digits of one case");
    }
    return HEX.parseHex(text);
  }

  private static boolean isLowerHex(String text) {
    return isHex(text, 'a');
  }

  private static boolean isHex(String text, char a) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (!((c >= '0' && c <= '9') || (c >= a && c <= a + 5))) {
        return false;
      }
    }
    return true;
  }

  /**
   * Exactly {@code bytes} bytes as canonical standard Base64 (RFC 4648 section 4 alphabet, with
   * padding, no line breaks, no non-zero pad bits).
   *
   * @throws Refusal malformed otherwise
   */
  static byte[] base64(String text, int bytes, String what) throws Refusal {
    byte[] decoded = decodeBase64(text);
    if (decoded == null || decoded.length != bytes) {
      throw Refusal.malformed(what + " is not the standard Base64 of " + bytes + " bytes");
    }
    return decoded;
  }

  private static final String BASE64_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

  /** Canonical standard Base64, or {@code null}. */
  static byte[] decodeBase64(String text) {
    int n = text.length();
    if (n == 0 || n % 4 != 0) {
      return null;
    }
    byte[] decoded;
    try {
      decoded = Base64.getDecoder().decode(text);
    } catch (IllegalArgumentException e) {
      return null;
    }
    // The JDK decoder accepts non-zero pad bits; the canonical form has them zero.
    int pad = text.charAt(n - 1) != '=' ? 0 : text.charAt(n - 2) == '=' ? 2 : 1;
    if (pad > 0 && (BASE64_ALPHABET.indexOf(text.charAt(n - 1 - pad)) & (pad == 1 ? 0b11 : 0b1111)) != 0) {
      return null;
    }
    return decoded;
  }

  static String hex(byte[] bytes) {
    return HEX.formatHex(bytes);
  }

  /**
   * A Unix timestamp in whole seconds: 1 to {@value #MAX_TIMESTAMP_DIGITS} ASCII digits.
   *
   * @throws Refusal malformed otherwise
   */
  static long timestamp(String text, String what) throws Refusal {
    if (text.isEmpty() || text.length() > MAX_TIMESTAMP_DIGITS) {
      throw Refusal.malformed(what + " is not a Unix time of 1 to " + MAX_TIMESTAMP_DIGITS + " digits");
    }
    long n = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        throw Refusal.malformed(what + " is not a Unix time of 1 to " + MAX_TIMESTAMP_DIGITS + " digits");
      }
      n = n * 10 + (c - '0');
    }
    return n;
  }

  /** The whole seconds of {@code timestamp} as a signer writes them; rejects what no verifier accepts. */
  static String signingSeconds(Instant timestamp) {
    long seconds = timestamp.getEpochSecond();
    if (seconds < 0 || seconds > 999_999_999_999L) {
      throw new IllegalArgumentException("a signed timestamp must be between 1970 and the year 33658");
    }
    return Long.toString(seconds);
  }

  /**
   * Checks that {@code signedAt} (whole seconds) is within {@code tolerance} of now, both ways,
   * boundaries included: at exactly {@code signedAt + tolerance} a delivery is still fresh, a
   * nanosecond later it is not.
   *
   * @throws Refusal expired otherwise
   */
  static void checkFresh(long signedAt, Duration tolerance, TimeSource time) throws Refusal {
    Instant now = time.now();
    Instant at = Instant.ofEpochSecond(signedAt);
    if (now.isAfter(at.plus(tolerance))) {
      throw Refusal.expired("timestamp " + signedAt + " is " + Duration.between(at, now).getSeconds()
          + " s in the past; the tolerance is " + tolerance.getSeconds() + " s");
    }
    if (now.isBefore(at.minus(tolerance))) {
      throw Refusal.expired("timestamp " + signedAt + " is " + Duration.between(now, at).getSeconds()
          + " s in the future; the tolerance is " + tolerance.getSeconds() + " s");
    }
  }

  /** Which active key matched, and the MAC it produced. */
  record Match(int index, byte[] mac) {}

  /**
   * The first of {@code keys} whose MAC over {@code parts} equals one of {@code presented}
   * (constant-time, expected first), or {@code null}. Each key's MAC is computed once.
   */
  static Match firstMatch(List<HmacKey> keys, List<byte[]> presented, byte[]... parts) {
    for (int i = 0; i < keys.size(); i++) {
      byte[] expected = keys.get(i).mac(parts);
      boolean match = false;
      for (byte[] candidate : presented) {
        match |= ConstantTime.equals(expected, candidate);
      }
      if (match) {
        return new Match(i, expected);
      }
    }
    return null;
  }

  /** {@link #firstMatch(List, List, byte[]...)} for one presented signature. */
  static Match firstMatch(List<HmacKey> keys, byte[] presented, byte[]... parts) {
    for (int i = 0; i < keys.size(); i++) {
      byte[] expected = keys.get(i).mac(parts);
      if (ConstantTime.equals(expected, presented)) {
        return new Match(i, expected);
      }
    }
    return null;
  }

  /** HMAC keys for {@code algorithm}, one per secret, in order. */
  static List<HmacKey> hmacKeys(List<Secret> secrets, String algorithm, String schemeId) {
    List<HmacKey> keys = new ArrayList<>(secrets.size());
    for (Secret s : secrets) {
      keys.add(s.withBytes(bytes -> HmacKey.of(algorithm, bytes, schemeId)));
    }
    return List.copyOf(keys);
  }

  /** Exactly one secret, for schemes whose header carries a single signature. */
  static Secret onlySecret(List<Secret> secrets, String schemeId) {
    if (secrets.size() != 1) {
      throw new PolicyConfigurationException(schemeId,
          "the " + schemeId + " scheme carries one signature, so it signs with exactly one secret (got "
              + secrets.size() + ")");
    }
    return secrets.get(0);
  }

  /** Parses {@code tolerance-seconds}. */
  static Duration toleranceOption(String schemeId, String value) {
    String key = schemeId + ".tolerance-seconds";
    long seconds;
    try {
      if (!value.matches("[0-9]{1,6}")) {
        throw new NumberFormatException();
      }
      seconds = Long.parseLong(value);
    } catch (NumberFormatException e) {
      throw new PolicyConfigurationException(key, "expected whole seconds from 1 to " + MAX_TOLERANCE.getSeconds());
    }
    Duration d = Duration.ofSeconds(seconds);
    checkTolerance(key, d);
    return d;
  }

  static Duration checkTolerance(String key, Duration d) {
    if (d.compareTo(MIN_TOLERANCE) < 0 || d.compareTo(MAX_TOLERANCE) > 0 || d.getNano() != 0) {
      throw new PolicyConfigurationException(key, "the tolerance must be whole seconds from 1 to " + MAX_TOLERANCE.getSeconds());
    }
    return d;
  }

  /** Parses a boolean option strictly ({@code true} or {@code false}). */
  static boolean booleanOption(String key, String value) {
    if (value.equals("true")) {
      return true;
    }
    if (value.equals("false")) {
      return false;
    }
    throw new PolicyConfigurationException(key, "expected true or false");
  }

  /** Fails on the first option not in {@code known}. */
  static void onlyKnown(String schemeId, Map<String, String> options, List<String> known) {
    for (String k : options.keySet()) {
      if (!known.contains(k)) {
        throw new PolicyConfigurationException(schemeId + "." + SafeText.clean(k, 60),
            "unknown option for the " + schemeId + " scheme; known options: " + String.join(", ", known));
      }
    }
  }
}
