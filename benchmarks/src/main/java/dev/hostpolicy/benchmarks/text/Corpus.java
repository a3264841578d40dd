package dev.hostpolicy.benchmarks.text;

import java.util.ArrayList;
import java.util.List;

/**
 * The two corpora: {@code mostly-safe} (names, sentences, paths, ids; one string in eight has a
 * character to escape) and {@code escape-heavy} (markup, quotes, injections, controls). 256
 * strings each, built deterministically. No NUL: HTML cannot express it, so our escaper refuses it
 * (the anchors substitute it), which would not be a throughput comparison.
 */
final class Corpus {
  private Corpus() {}

  private static final String[] SAFE = {
    "Ada Lovelace", "build finished in 42s", "release-1.2.3", "Grüße aus München", "dev-box-7",
    "The quick brown fox jumps over the lazy dog", "src/main/java/App.java", "user_42", "Deploying to staging",
    "東京の天気", "Status: OK", "feature/new-login-flow", "café crème", "1234567890", "emoji 😀 ok", "a"
  };
  private static final String[] OCCASIONAL = {
    "Tom & Jerry", "it's done", "x < y", "say \"hi\""
  };
  private static final String[] HEAVY = {
    "<script>alert('x')</script>", "\"><img src=x onerror=alert(1)>", "Tom & Jerry's \"<b>\" & more",
    "</script><!-- -->", "a\nb\r\nc\td", "'; DROP TABLE users; --", "<a href=\"javascript:alert(1)\">x</a>",
    "${x} `id` $(whoami) \\ \\\\", "&lt;already&gt; &amp;", "\u2028\u2029\u0001\u001b<>&\"'",
    "<<<<>>>>&&&&''''\"\"\"\"", "<div class='a' data-x=\"1 & 2\">"
  };

  static List<String> of(String name) {
    List<String> out = new ArrayList<>(256);
    for (int i = 0; i < 256; i++) {
      switch (name) {
        case "mostly-safe" -> out.add(i % 8 == 7 ? OCCASIONAL[(i / 8) % OCCASIONAL.length] : SAFE[i % SAFE.length]);
        case "escape-heavy" -> out.add(HEAVY[i % HEAVY.length] + " " + SAFE[i % SAFE.length].substring(0, 1));
        default -> throw new IllegalArgumentException(name);
      }
    }
    return List.copyOf(out);
  }
}
