package dev.hostpolicy.core.audit;

import dev.hostpolicy.api.Secret;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The sink's last check on every value: does it contain one of the registered secrets? A substring
 * search without keeping the secret's text: a Rabin–Karp rolling hash of the secret's characters finds
 * candidate windows, and {@link Secret#matches(CharSequence)} confirms each one in constant time.
 */
final class SecretScreen {
  private static final long BASE = 0x100000001b3L;

  static final SecretScreen NONE = new SecretScreen(List.of());

  private record Entry(Secret secret, int length, long hash, long topPower) {}

  private final List<Entry> entries;

  private SecretScreen(List<Entry> entries) {
    this.entries = entries;
  }

  /** A screen for these secrets; a secret that is not valid UTF-8 text cannot occur in a string and is ignored. */
  static SecretScreen of(List<Secret> secrets) {
    List<Entry> out = new ArrayList<>();
    for (Secret s : secrets) {
      String text = s.withBytes(b -> {
        try {
          return StandardCharsets.UTF_8.newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(java.nio.ByteBuffer.wrap(b))
              .toString();
        } catch (CharacterCodingException e) {
          return null;
        }
      });
      if (text == null || text.isEmpty()) {
        continue;
      }
      long top = 1;
      for (int i = 1; i < text.length(); i++) {
        top *= BASE;
      }
      out.add(new Entry(s, text.length(), hash(text, 0, text.length()), top));
    }
    return new SecretScreen(List.copyOf(out));
  }

  boolean isEmpty() {
    return entries.isEmpty();
  }

  private static long hash(CharSequence s, int from, int to) {
    long h = 0;
    for (int i = from; i < to; i++) {
      h = h * BASE + s.charAt(i);
    }
    return h;
  }

  /** Whether {@code value} contains one of the secrets. */
  boolean holdsSecret(String value) {
    if (entries.isEmpty()) {
      return false;
    }
    for (Entry e : entries) {
      int n = value.length();
      int len = e.length;
      if (n < len) {
        continue;
      }
      long h = hash(value, 0, len);
      for (int i = 0; ; i++) {
        if (h == e.hash && e.secret.matches(CharBuffer.wrap(value, i, i + len))) {
          return true;
        }
        if (i + len >= n) {
          break;
        }
        h = (h - value.charAt(i) * e.topPower) * BASE + value.charAt(i + len);
      }
    }
    return false;
  }
}
