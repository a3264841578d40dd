package dev.hostpolicy.core.token;

import dev.hostpolicy.api.Decision;
import dev.hostpolicy.api.Secret;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.zip.CRC32;

/**
 * The grammar a presented token must match before it is compared with the secret. Checking the format
 * first rejects a malformed, truncated or corrupted token without touching the secret, and the
 * checksum of the prefixed form lets secret scanners recognise a leaked token.
 *
 * <table>
 *   <caption>Formats</caption>
 *   <tr><th>factory</th><th>grammar</th><th>example</th></tr>
 *   <tr><td>{@link #plain()}</td><td>43 chars of {@code [A-Za-z0-9_-]}: base64url of 32 bytes, no
 *       padding, canonical last character</td><td>{@code q3Wd...0ZA}</td></tr>
 *   <tr><td>{@link #prefixed(String) prefixed("hp")}</td><td>{@code hp_} + 43-char body as above +
 *       6 base62 chars {@code [0-9A-Za-z]} of the CRC-32 of everything before them</td>
 *       <td>{@code hp_q3Wd...0ZA0aZ9bX}</td></tr>
 *   <tr><td>{@link #bearer()}</td><td>16–4096 chars of the RFC 6750 {@code b64token} alphabet
 *       {@code [A-Za-z0-9-._~+/]}, optionally followed by {@code =} padding — any operator-supplied
 *       token ({@code <NS>_API_TOKEN})</td><td>{@code s3cr3t-t0ken-value}</td></tr>
 * </table>
 *
 * <p>The prefix grammar is {@code [a-z][a-z0-9]{0,15}} (it contains no {@code _}, so the first
 * {@code _} ends it). The checksum is CRC-32 (IEEE, as {@link CRC32}) over the ASCII bytes of
 * {@code <prefix>_<body>}, written as exactly 6 base62 digits, most significant first, with the
 * alphabet {@code 0-9A-Za-z} — the scheme GitHub uses for its {@code ghp_} tokens. CRC-32 detects
 * every error confined to 32 consecutive bits, so every single-character substitution anywhere in
 * the token is rejected: in the prefix or body it changes the CRC input, in the checksum it changes
 * the fixed-width number. Truncation and extension change the length, which is fixed.
 *
 * <p>Denials: {@code token.malformed} (length, prefix, alphabet, padding) and
 * {@code token.checksum-mismatch}. The detail never contains the candidate. Checking a candidate
 * reveals nothing about the secret: only the candidate is read.
 *
 * <pre>{@code
 * TokenFormat format = TokenFormat.prefixed("hp");
 * Secret token = format.mint();
 * Decision d = format.check(presented);   // token.malformed / token.checksum-mismatch / allowed
 * String scannerRegex = format.scannerRegex(); // "hp_[A-Za-z0-9_-]{43}[0-9A-Za-z]{6}"
 * }</pre>
 */
public final class TokenFormat {

  /** Reason code of a token that does not match the grammar. */
  public static final String MALFORMED = "token.malformed";

  /** Reason code of a prefixed token whose checksum does not match. */
  public static final String CHECKSUM_MISMATCH = "token.checksum-mismatch";

  /** Characters of the checksum of a prefixed token. */
  public static final int CHECKSUM_CHARS = 6;

  /** Fewest characters of a {@link #bearer()} token. */
  public static final int MIN_BEARER_CHARS = 16;

  /** Most characters of a {@link #bearer()} token. */
  public static final int MAX_BEARER_CHARS = 4096;

  private static final Pattern PREFIX = Pattern.compile("[a-z][a-z0-9]{0,15}");
  private static final String BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

  private enum Kind {
    PLAIN,
    PREFIXED,
    BEARER
  }

  private static final TokenFormat PLAIN = new TokenFormat(Kind.PLAIN, "");
  private static final TokenFormat BEARER = new TokenFormat(Kind.BEARER, "");

  private final Kind kind;
  private final String prefix;
  private final byte[] head; // "<prefix>_" in ASCII

  private TokenFormat(Kind kind, String prefix) {
    this.kind = kind;
    this.prefix = prefix;
    this.head = (prefix + "_").getBytes(StandardCharsets.US_ASCII);
  }

  /** The plain format: {@value TokenMint#TOKEN_CHARS} base64url characters. */
  public static TokenFormat plain() {
    return PLAIN;
  }

  /**
   * The scanner-friendly format {@code <prefix>_<body><checksum>}.
   *
   * @throws IllegalArgumentException if {@code prefix} does not match {@code [a-z][a-z0-9]{0,15}}
   */
  public static TokenFormat prefixed(String prefix) {
    Objects.requireNonNull(prefix, "prefix");
    if (!isValidPrefix(prefix)) {
      throw new IllegalArgumentException("a token prefix is 1 to 16 characters of [a-z0-9], starting with a letter");
    }
    return new TokenFormat(Kind.PREFIXED, prefix);
  }

  /** Any RFC 6750 {@code b64token} of 16 to 4096 characters (operator-supplied tokens). */
  public static TokenFormat bearer() {
    return BEARER;
  }

  /** Whether {@code prefix} matches the prefix grammar {@code [a-z][a-z0-9]{0,15}}. */
  public static boolean isValidPrefix(CharSequence prefix) {
    return prefix != null && PREFIX.matcher(prefix).matches();
  }

  /** The prefix of a prefixed format. */
  public Optional<String> prefix() {
    return kind == Kind.PREFIXED ? Optional.of(prefix) : Optional.empty();
  }

  /** The exact length of a token of this format; empty for {@link #bearer()}, whose length varies. */
  public Optional<Integer> length() {
    switch (kind) {
      case PLAIN:
        return Optional.of(TokenMint.TOKEN_CHARS);
      case PREFIXED:
        return Optional.of(head.length + TokenMint.TOKEN_CHARS + CHECKSUM_CHARS);
      default:
        return Optional.empty();
    }
  }

  /** A regular expression matching exactly the tokens of this format, for secret scanners. */
  public String scannerRegex() {
    switch (kind) {
      case PLAIN:
        return "[A-Za-z0-9_-]{42}[AEIMQUYcgkosw048]";
      case PREFIXED:
        return prefix + "_[A-Za-z0-9_-]{42}[AEIMQUYcgkosw048][0-9A-Za-z]{6}";
      default:
        return "[A-Za-z0-9._~+/-]{16,4096}=*";
    }
  }

  /**
   * Mints a fresh token of this format ({@link #bearer()} mints the plain format, which is a valid
   * bearer token).
   */
  public Secret mint() {
    if (kind != Kind.PREFIXED) {
      return TokenMint.mint();
    }
    byte[] raw = new byte[TokenMint.TOKEN_BYTES];
    TokenMint.nextBytes(raw);
    try {
      return tokenFor(raw);
    } finally {
      Arrays.fill(raw, (byte) 0);
    }
  }

  /**
   * The token of this format whose body encodes {@code randomBytes} — for tests and test vectors that
   * need a deterministic token; a host mints with {@link #mint()}.
   *
   * @throws IllegalArgumentException if {@code randomBytes} is not {@value TokenMint#TOKEN_BYTES} bytes
   */
  public Secret tokenFor(byte[] randomBytes) {
    Objects.requireNonNull(randomBytes, "randomBytes");
    if (randomBytes.length != TokenMint.TOKEN_BYTES) {
      throw new IllegalArgumentException("a token body is " + TokenMint.TOKEN_BYTES + " bytes");
    }
    byte[] body = TokenMint.encode(randomBytes);
    if (kind != Kind.PREFIXED) {
      try {
        return Secret.of(body);
      } finally {
        Arrays.fill(body, (byte) 0);
      }
    }
    byte[] token = new byte[head.length + body.length + CHECKSUM_CHARS];
    System.arraycopy(head, 0, token, 0, head.length);
    System.arraycopy(body, 0, token, head.length, body.length);
    Arrays.fill(body, (byte) 0);
    long crc = crc(token, head.length + TokenMint.TOKEN_CHARS);
    writeBase62(crc, token, token.length - CHECKSUM_CHARS);
    try {
      return Secret.of(token);
    } finally {
      Arrays.fill(token, (byte) 0);
    }
  }

  /** Whether {@code candidate} matches this format. */
  public boolean isValid(CharSequence candidate) {
    return check(candidate).allowed();
  }

  /**
   * Checks {@code candidate} against this format without comparing it with any secret.
   *
   * @return allowed, or denied with {@value #MALFORMED} or {@value #CHECKSUM_MISMATCH}; the detail
   *     never contains the candidate
   */
  public Decision check(CharSequence candidate) {
    if (candidate == null || candidate.length() == 0) {
      return Decision.deny(MALFORMED, "no token");
    }
    switch (kind) {
      case PLAIN:
        if (candidate.length() != TokenMint.TOKEN_CHARS) {
          return wrongLength(candidate.length());
        }
        return checkBody(candidate, 0);
      case PREFIXED:
        return checkPrefixed(candidate);
      default:
        return checkBearer(candidate);
    }
  }

  private Decision checkPrefixed(CharSequence candidate) {
    int total = head.length + TokenMint.TOKEN_CHARS + CHECKSUM_CHARS;
    for (int i = 0; i < head.length && i < candidate.length(); i++) {
      if (candidate.charAt(i) != head[i]) {
        return Decision.deny(MALFORMED, "expected a token starting with " + prefix + "_");
      }
    }
    if (candidate.length() != total) {
      return wrongLength(candidate.length());
    }
    Decision body = checkBody(candidate, head.length);
    if (body.denied()) {
      return body;
    }
    long presented = 0;
    for (int i = total - CHECKSUM_CHARS; i < total; i++) {
      int digit = BASE62.indexOf(candidate.charAt(i));
      if (digit < 0) {
        return Decision.deny(MALFORMED, "the checksum (last " + CHECKSUM_CHARS + " characters) must be base62 [0-9A-Za-z]");
      }
      presented = presented * 62 + digit;
    }
    byte[] ascii = new byte[total - CHECKSUM_CHARS];
    for (int i = 0; i < ascii.length; i++) {
      ascii[i] = (byte) candidate.charAt(i);
    }
    long expected = crc(ascii, ascii.length);
    if (presented != expected) {
      return Decision.deny(CHECKSUM_MISMATCH, "the checksum does not match: the token is corrupted or truncated");
    }
    return Decision.allow();
  }

  /** 43 base64url characters at {@code from}, the last one canonical for 32 bytes. */
  private static Decision checkBody(CharSequence candidate, int from) {
    for (int i = 0; i < TokenMint.TOKEN_CHARS; i++) {
      if (base64UrlValue(candidate.charAt(from + i)) < 0) {
        return Decision.deny(MALFORMED, "character " + (from + i + 1) + " is outside the base64url alphabet [A-Za-z0-9_-]");
      }
    }
    // 43 characters carry 258 bits; 32 bytes use 256, so the last character's low 2 bits are zero
    if ((base64UrlValue(candidate.charAt(from + TokenMint.TOKEN_CHARS - 1)) & 3) != 0) {
      return Decision.deny(MALFORMED, "not a canonical base64url encoding of 32 bytes");
    }
    return Decision.allow();
  }

  private static Decision checkBearer(CharSequence candidate) {
    int n = candidate.length();
    if (n < MIN_BEARER_CHARS || n > MAX_BEARER_CHARS) {
      return Decision.deny(MALFORMED, "expected " + MIN_BEARER_CHARS + " to " + MAX_BEARER_CHARS + " characters, got " + n);
    }
    return isB64TokenSyntax(candidate)
        ? Decision.allow()
        : Decision.deny(MALFORMED, "a token is characters of [A-Za-z0-9-._~+/] optionally followed by '=' padding");
  }

  private Decision wrongLength(int got) {
    return Decision.deny(MALFORMED, "expected " + length().orElseThrow() + " characters, got " + got);
  }

  /** Whether {@code s} matches RFC 6750 {@code b64token = 1*( ALPHA / DIGIT / "-" / "." / "_" / "~" / "+" / "/" ) *"="}. */
  static boolean isB64TokenSyntax(CharSequence s) {
    int n = s.length();
    int i = 0;
    while (i < n && isB64TokenChar(s.charAt(i))) {
      i++;
    }
    if (i == 0) {
      return false;
    }
    while (i < n && s.charAt(i) == '=') {
      i++;
    }
    return i == n;
  }

  static boolean isB64TokenChar(char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
        || c == '-' || c == '.' || c == '_' || c == '~' || c == '+' || c == '/';
  }

  static int base64UrlValue(char c) {
    if (c >= 'A' && c <= 'Z') {
      return c - 'A';
    }
    if (c >= 'a' && c <= 'z') {
      return c - 'a' + 26;
    }
    if (c >= '0' && c <= '9') {
      return c - '0' + 52;
    }
    if (c == '-') {
      return 62;
    }
    return c == '_' ? 63 : -1;
  }

  private static long crc(byte[] bytes, int length) {
    CRC32 crc = new CRC32();
    crc.update(bytes, 0, length);
    return crc.getValue();
  }

  /** Writes {@code value} (&lt; 62^6) as 6 base62 digits at {@code at}. */
  private static void writeBase62(long value, byte[] out, int at) {
    long v = value;
    for (int i = CHECKSUM_CHARS - 1; i >= 0; i--) {
      out[at + i] = (byte) BASE62.charAt((int) (v % 62));
      v /= 62;
    }
  }

  /** The checksum of {@code <prefix>_<body>}, for tests and tools: 6 base62 characters. */
  static String checksumOf(String prefixAndBody) {
    byte[] ascii = prefixAndBody.getBytes(StandardCharsets.US_ASCII);
    byte[] out = new byte[CHECKSUM_CHARS];
    writeBase62(crc(ascii, ascii.length), out, 0);
    return new String(out, StandardCharsets.US_ASCII);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TokenFormat && ((TokenFormat) o).kind == kind && ((TokenFormat) o).prefix.equals(prefix);
  }

  @Override
  public int hashCode() {
    return kind.hashCode() * 31 + prefix.hashCode();
  }

  /** {@code plain}, {@code prefixed(hp)} or {@code bearer}. */
  @Override
  public String toString() {
    return kind == Kind.PREFIXED ? "prefixed(" + prefix + ")" : kind.name().toLowerCase(java.util.Locale.ROOT);
  }
}
