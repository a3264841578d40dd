package dev.hostpolicy.core.env;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Helpers shared by the built-in probes. */
final class ProbeLabels {
  private ProbeLabels() {}

  /** The trimmed value as a one-label list; nothing when absent or blank. */
  static List<String> single(Optional<String> value) {
    if (value.isEmpty() || value.get().isBlank()) {
      return List.of();
    }
    return List.of(value.get().strip());
  }

  /** The comma-separated entries of every value, trimmed, blanks dropped. */
  static List<String> commaSeparated(List<Optional<String>> values) {
    List<String> out = new ArrayList<>();
    for (Optional<String> v : values) {
      if (v.isPresent()) {
        for (String entry : v.get().split(",", -1)) {
          if (!entry.isBlank()) {
            out.add(entry.strip());
          }
        }
      }
    }
    return out;
  }
}
