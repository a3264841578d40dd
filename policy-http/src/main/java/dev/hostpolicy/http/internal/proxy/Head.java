package dev.hostpolicy.http.internal.proxy;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** A parsed message head: the start line and the header fields in order. Immutable. */
final class Head {
  private final String startLine;
  private final List<HeaderField> fields;

  Head(String startLine, List<HeaderField> fields) {
    this.startLine = startLine;
    this.fields = List.copyOf(fields);
  }

  String startLine() {
    return startLine;
  }

  List<HeaderField> fields() {
    return fields;
  }

  /** Every value of the field named {@code name} (case-insensitive), in order. */
  List<String> values(String name) {
    List<String> out = new ArrayList<>(1);
    for (HeaderField f : fields) {
      if (f.name().equalsIgnoreCase(name)) {
        out.add(f.value());
      }
    }
    return out;
  }

  /** The comma-separated tokens of every {@code name} field, lower case, empty ones dropped. */
  List<String> tokens(String name) {
    List<String> out = new ArrayList<>();
    for (String v : values(name)) {
      for (String t : v.split(",", -1)) {
        String s = t.strip().toLowerCase(Locale.ROOT);
        if (!s.isEmpty()) {
          out.add(s);
        }
      }
    }
    return out;
  }
}
