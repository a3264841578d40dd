package dev.hostpolicy.core.token;

import dev.hostpolicy.api.Secret;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;

/**
 * Mints tokens and random identifiers from one shared, non-blocking {@link SecureRandom}.
 *
 * <p>A token is {@value #TOKEN_BYTES} random bytes encoded as base64url without padding: exactly
 * {@value #TOKEN_CHARS} characters of {@code [A-Za-z0-9_-]} — the per-run or per-process pairing
 * token of devloop- and devtools-style hosts. {@link #mintPrefixed(String)} mints the
 * scanner-friendly form {@code <prefix>_<body><checksum>} of {@link TokenFormat#prefixed(String)}.
 * Tokens are returned as {@link Secret}s and live in memory; nothing here persists them (use
 * {@code SecureFiles.writeAtomically} when the host must).
 *
 * <p>The generator is {@code NativePRNGNonBlocking} (reads {@code /dev/urandom}) where the platform
 * has it, otherwise {@code DRBG}, otherwise the platform default; never
 * {@link SecureRandom#getInstanceStrong()}, which may block a request thread for entropy.
 *
 * <pre>{@code
 * Secret token = TokenMint.mint();                  // e.g. "q3W...Zg" (43 chars)
 * Secret scannable = TokenMint.mintPrefixed("hp");  // "hp_<43 chars><6-char checksum>"
 * childEnv.put("DEVLOOP_TOKEN", token.revealUtf8()); // hand it to a child; never log it
 * }</pre>
 */
public final class TokenMint {
  private TokenMint() {}

  /** Random bytes in a token. */
  public static final int TOKEN_BYTES = 32;

  /** Characters of a plain token: base64url of {@value #TOKEN_BYTES} bytes, no padding. */
  public static final int TOKEN_CHARS = 43;

  private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();
  private static final SecureRandom RANDOM = createRandom();

  private static SecureRandom createRandom() {
    for (String algorithm : new String[] {"NativePRNGNonBlocking", "DRBG"}) {
      try {
        return SecureRandom.getInstance(algorithm);
      } catch (NoSuchAlgorithmException e) {
        // try the next one
      }
    }
    return new SecureRandom();
  }

  /** The name of the {@link SecureRandom} algorithm in use, e.g. {@code NativePRNGNonBlocking}. */
  public static String algorithm() {
    return RANDOM.getAlgorithm();
  }

  /** A fresh plain token: {@value #TOKEN_CHARS} base64url characters ({@value #TOKEN_BYTES} random bytes). */
  public static Secret mint() {
    byte[] raw = new byte[TOKEN_BYTES];
    RANDOM.nextBytes(raw);
    byte[] text = BASE64URL.encode(raw);
    Arrays.fill(raw, (byte) 0);
    try {
      return Secret.of(text);
    } finally {
      Arrays.fill(text, (byte) 0);
    }
  }

  /**
   * A fresh scanner-friendly token {@code <prefix>_<body><checksum>}; see
   * {@link TokenFormat#prefixed(String)}.
   *
   * @throws IllegalArgumentException if {@code prefix} does not match {@code [a-z][a-z0-9]{0,15}}
   */
  public static Secret mintPrefixed(String prefix) {
    return TokenFormat.prefixed(prefix).mint();
  }

  /** Fills {@code bytes} from the shared generator. */
  static void nextBytes(byte[] bytes) {
    RANDOM.nextBytes(bytes);
  }

  /**
   * {@code bytes} random bytes as base64url without padding, for identifiers that are not secrets
   * (trigger, correlation and run ids, temporary file names).
   *
   * @throws IllegalArgumentException if {@code bytes} is not between 1 and 1024
   */
  public static String randomBase64Url(int bytes) {
    if (bytes < 1 || bytes > 1024) {
      throw new IllegalArgumentException("between 1 and 1024 random bytes");
    }
    byte[] raw = new byte[bytes];
    RANDOM.nextBytes(raw);
    return BASE64URL.encodeToString(raw);
  }

  /** Base64url without padding of {@code raw} into a new array (ASCII). */
  static byte[] encode(byte[] raw) {
    return BASE64URL.encode(Objects.requireNonNull(raw, "raw"));
  }
}
