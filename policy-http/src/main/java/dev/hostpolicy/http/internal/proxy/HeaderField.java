package dev.hostpolicy.http.internal.proxy;

import java.util.Locale;

/** One header field as received: the name as sent and the value without surrounding whitespace. */
record HeaderField(String name, String value) {
  /** The lower-case name, for comparisons. */
  String key() {
    return name.toLowerCase(Locale.ROOT);
  }

  /** {@code name: value\r\n}. */
  String line() {
    return name + ": " + value + "\r\n";
  }
}
