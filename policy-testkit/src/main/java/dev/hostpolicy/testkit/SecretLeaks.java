package dev.hostpolicy.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Scans output for a secret in the forms a careless encoder would produce: raw, percent-encoded
 * (either hex case), base64 and base64url of its UTF-8 bytes, hex, and JSON/Java {@code \\uHHHH}
 * escapes. Use it on everything a control prints, logs, throws or serialises.
 *
 * <pre>{@code
 * SecretLeaks.assertNoLeak(exception.getMessage(), token);
 * SecretLeaks.assertNoLeak(policy.describe(), token);
 * }</pre>
 */
public final class SecretLeaks {
  private SecretLeaks() {}

  /** The encodings of {@code secret} that {@link #assertNoLeak} searches for. */
  public static Set<String> forms(String secret) {
    byte[] utf8 = secret.getBytes(StandardCharsets.UTF_8);
    Set<String> out = new LinkedHashSet<>();
    out.add(secret);
    StringBuilder pct = new StringBuilder();
    StringBuilder hex = new StringBuilder();
    for (byte b : utf8) {
      String h = String.format("%02X", b & 0xff);
      pct.append('%').append(h);
      hex.append(h);
    }
    out.add(pct.toString());
    out.add(pct.toString().toLowerCase(Locale.ROOT));
    out.add(hex.toString());
    out.add(hex.toString().toLowerCase(Locale.ROOT));
    String b64 = Base64.getEncoder().withoutPadding().encodeToString(utf8);
    out.add(b64);
    out.add(Base64.getUrlEncoder().withoutPadding().encodeToString(utf8));
    StringBuilder escaped = new StringBuilder();
    boolean needsEscape = false;
    for (int i = 0; i < secret.length(); i++) {
      char c = secret.charAt(i);
      if (c < 0x20 || c > 0x7e) {
        escaped.append(String.format("\\u%04x", (int) c));
        needsEscape = true;
      } else {
        escaped.append(c);
      }
    }
    if (needsEscape) {
      out.add(escaped.toString());
      out.add(escaped.toString().toUpperCase(Locale.ROOT).replace("\\U", "\\u"));
    }
    return out;
  }

  /** Whether {@code output} holds {@code secret} in any of its {@link #forms}. */
  public static boolean leaks(CharSequence output, String secret) {
    String text = String.valueOf(output);
    for (String form : forms(secret)) {
      if (text.contains(form)) {
        return true;
      }
    }
    return false;
  }

  /** Fails naming the encoding (never the secret) if {@code output} holds {@code secret}. */
  public static void assertNoLeak(CharSequence output, String secret) {
    String text = String.valueOf(output);
    int i = 0;
    for (String form : forms(secret)) {
      assertThat(text.contains(form)).as("output contains the secret (encoding #%d of %s)", i++, "raw, %XX, %xx, HEX, hex, base64, base64url, \\uHHHH").isFalse();
    }
  }
}
