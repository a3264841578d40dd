package dev.hostpolicy.api;

import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The headers of one webhook delivery, as an immutable list of name–value pairs with
 * case-insensitive lookup — what a signature scheme reads and what a signer produces.
 *
 * <p>Names compare case-insensitively in <b>ASCII only</b>: {@code X-Hub-Signature-256} and
 * {@code x-hub-signature-256} are one header, but a name spelled with a non-ASCII look-alike (the
 * Kelvin sign U+212A for {@code k}, a dotless i) is a different header, so it cannot smuggle a
 * value past a proxy that compares names byte for byte. A header sent several times keeps every
 * value, in order; schemes treat a repeated signature header as malformed rather than pick one.
 * Values are kept exactly as given (a scheme trims the optional whitespace HTTP allows around a
 * value).
 *
 * <pre>{@code
 * WebhookHeaders headers = WebhookHeaders.of(exchange.getRequestHeaders()); // JDK HttpServer
 * Optional<String> sig = headers.first("X-Hub-Signature-256");
 *
 * WebhookHeaders built = WebhookHeaders.builder()
 *     .add("webhook-id", "msg_1")
 *     .add("webhook-timestamp", "1700000000")
 *     .build();
 * }</pre>
 */
public final class WebhookHeaders {
  private static final WebhookHeaders EMPTY = new WebhookHeaders(List.of());

  private final List<Map.Entry<String, String>> entries;
  private final Map<String, List<String>> byName;

  private WebhookHeaders(List<Map.Entry<String, String>> entries) {
    this.entries = List.copyOf(entries);
    Map<String, List<String>> index = new LinkedHashMap<>();
    for (Map.Entry<String, String> e : this.entries) {
      index.computeIfAbsent(lower(e.getKey()), k -> new ArrayList<>()).add(e.getValue());
    }
    index.replaceAll((k, v) -> List.copyOf(v));
    this.byName = Collections.unmodifiableMap(index);
  }

  /** No headers. */
  public static WebhookHeaders empty() {
    return EMPTY;
  }

  /**
   * The headers of a multi-valued map, such as the JDK {@code HttpServer}'s {@code Headers} or a
   * servlet adapter's map. A {@code null} name (the status line of {@code HttpURLConnection}) is
   * skipped.
   *
   * @throws NullPointerException if a value list or a value is {@code null}
   */
  public static WebhookHeaders of(Map<String, ? extends Collection<String>> headers) {
    Objects.requireNonNull(headers, "headers");
    Builder b = builder();
    for (Map.Entry<String, ? extends Collection<String>> e : headers.entrySet()) {
      if (e.getKey() == null) {
        continue;
      }
      for (String value : Objects.requireNonNull(e.getValue(), "header values")) {
        b.add(e.getKey(), value);
      }
    }
    return b.build();
  }

  /** Starts a builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** Every value of {@code name} (case-insensitive in ASCII), in order; empty when absent. */
  public List<String> all(String name) {
    return byName.getOrDefault(lower(Objects.requireNonNull(name, "name")), List.of());
  }

  /** The first value of {@code name}, if the header is present. */
  public Optional<String> first(String name) {
    List<String> values = all(name);
    return values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
  }

  /** Whether {@code name} is present at least once. */
  public boolean contains(String name) {
    return !all(name).isEmpty();
  }

  /** Every header as sent: original name spelling and value, in order. */
  public List<Map.Entry<String, String>> entries() {
    return entries;
  }

  /** The number of name–value pairs. */
  public int size() {
    return entries.size();
  }

  /** Whether there are no headers. */
  public boolean isEmpty() {
    return entries.isEmpty();
  }

  /** These headers followed by {@code name: value}. */
  public WebhookHeaders with(String name, String value) {
    return toBuilder().add(name, value).build();
  }

  /** These headers followed by all of {@code more}. */
  public WebhookHeaders withAll(WebhookHeaders more) {
    Builder b = toBuilder();
    for (Map.Entry<String, String> e : more.entries) {
      b.add(e.getKey(), e.getValue());
    }
    return b.build();
  }

  /** These headers without any value of {@code name}. */
  public WebhookHeaders without(String name) {
    String key = lower(Objects.requireNonNull(name, "name"));
    Builder b = builder();
    for (Map.Entry<String, String> e : entries) {
      if (!lower(e.getKey()).equals(key)) {
        b.add(e.getKey(), e.getValue());
      }
    }
    return b.build();
  }

  /** These headers with every value of {@code name} replaced by the single {@code value}. */
  public WebhookHeaders replacing(String name, String value) {
    return without(name).with(name, value);
  }

  /** A builder holding these headers. */
  public Builder toBuilder() {
    Builder b = builder();
    b.entries.addAll(entries);
    return b;
  }

  /** The headers as lines {@code Name: value}, each followed by {@code \n} — what a signer prints. */
  public String toHeaderLines() {
    StringBuilder sb = new StringBuilder();
    for (Map.Entry<String, String> e : entries) {
      sb.append(e.getKey()).append(": ").append(e.getValue()).append('\n');
    }
    return sb.toString();
  }

  /** ASCII-only lower case: non-ASCII characters are left alone, so look-alikes stay distinct. */
  static String lower(String name) {
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c >= 'A' && c <= 'Z') {
        char[] chars = name.toCharArray();
        for (int j = i; j < chars.length; j++) {
          if (chars[j] >= 'A' && chars[j] <= 'Z') {
            chars[j] = (char) (chars[j] + ('a' - 'A'));
          }
        }
        return new String(chars);
      }
    }
    return name;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof WebhookHeaders && ((WebhookHeaders) o).entries.equals(entries);
  }

  @Override
  public int hashCode() {
    return entries.hashCode();
  }

  /** The header names and how many values each has — never the values. */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("WebhookHeaders[");
    boolean first = true;
    for (Map.Entry<String, List<String>> e : byName.entrySet()) {
      if (!first) {
        sb.append(", ");
      }
      first = false;
      sb.append(SafeText.clean(e.getKey(), 80));
      if (e.getValue().size() > 1) {
        sb.append(" x").append(e.getValue().size());
      }
    }
    return sb.append(']').toString();
  }

  /** Collects headers in order. Not thread-safe. */
  public static final class Builder {
    private final List<Map.Entry<String, String>> entries = new ArrayList<>();

    private Builder() {}

    /** Appends {@code name: value}; a name already present gets one more value. */
    public Builder add(String name, String value) {
      entries.add(new AbstractMap.SimpleImmutableEntry<>(
          Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value")));
      return this;
    }

    /** The immutable headers. */
    public WebhookHeaders build() {
      return entries.isEmpty() ? EMPTY : new WebhookHeaders(entries);
    }
  }
}
