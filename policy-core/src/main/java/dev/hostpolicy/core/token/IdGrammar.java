package dev.hostpolicy.core.token;

/** The shared grammar of identifiers: a fixed prefix and a fixed number of base64url characters. */
final class IdGrammar {
  private IdGrammar() {}

  static boolean matches(CharSequence text, String prefix, int randomChars) {
    if (text == null || text.length() != prefix.length() + randomChars) {
      return false;
    }
    for (int i = 0; i < prefix.length(); i++) {
      if (text.charAt(i) != prefix.charAt(i)) {
        return false;
      }
    }
    for (int i = prefix.length(); i < text.length(); i++) {
      if (TokenFormat.base64UrlValue(text.charAt(i)) < 0) {
        return false;
      }
    }
    return true;
  }

  static String require(String text, String prefix, int randomChars, String what) {
    if (!matches(text, prefix, randomChars)) {
      throw new IllegalArgumentException(
          "a " + what + " is " + (prefix.isEmpty() ? "" : prefix + " followed by ") + randomChars
              + " characters of [A-Za-z0-9_-]");
    }
    return text;
  }
}
