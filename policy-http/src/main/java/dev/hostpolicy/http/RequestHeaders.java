package dev.hostpolicy.http;

import dev.hostpolicy.api.WebhookHeaders;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The headers of one request as the server received them: an immutable multi-map whose names compare
 * case-insensitively in ASCII only (a name spelled with a non-ASCII look-alike is another header), and
 * whose repeated headers keep every value in order. Guards that need exactly one value (Host,
 * Authorization) see all of them and refuse a repetition.
 *
 * <pre>{@code
 * RequestHeaders headers = RequestHeaders.builder()
 *     .add("Host", "127.0.0.1:8080")
 *     .add("authorization", "Bearer " + token)
 *     .build();
 * headers.all("AUTHORIZATION");   // one value
 * headers.first("host");           // Optional[127.0.0.1:8080]
 * }</pre>
 */
public final class RequestHeaders {
  private static final RequestHeaders EMPTY = new RequestHeaders(new LinkedHashMap<>());

  private final Map<String, List<String>> byName; // ASCII-lower-cased name -> values
  private final Map<String, String> spelling; // ASCII-lower-cased name -> first spelling seen

  private RequestHeaders(Map<String, List<String>> index) {
    Map<String, List<String>> copy = new LinkedHashMap<>();
    Map<String, String> names = new LinkedHashMap<>();
    index.forEach((k, v) -> {
      String lower = lower(k);
      names.putIfAbsent(lower, k);
      copy.computeIfAbsent(lower, x -> new ArrayList<>()).addAll(v);
    });
    copy.replaceAll((k, v) -> List.copyOf(v));
    this.byName = Collections.unmodifiableMap(copy);
    this.spelling = Collections.unmodifiableMap(names);
  }

  /** No headers. */
  public static RequestHeaders empty() {
    return EMPTY;
  }

  /**
   * The headers of a multi-valued map such as the JDK server's {@code Headers}. A {@code null} name is
   * skipped; {@code null} values are refused.
   */
  public static RequestHeaders of(Map<String, ? extends Collection<String>> headers) {
    Objects.requireNonNull(headers, "headers");
    Builder b = builder();
    headers.forEach((name, values) -> {
      if (name != null) {
        for (String v : Objects.requireNonNull(values, "header values")) {
          b.add(name, v);
        }
      }
    });
    return b.build();
  }

  /** Starts a builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** Every value of {@code name}, in the order received; empty when absent. */
  public List<String> all(String name) {
    return byName.getOrDefault(lower(Objects.requireNonNull(name, "name")), List.of());
  }

  /** The first value of {@code name}. */
  public Optional<String> first(String name) {
    List<String> values = all(name);
    return values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
  }

  /** The value of {@code name} when it was sent exactly once; empty when absent or repeated. */
  public Optional<String> single(String name) {
    List<String> values = all(name);
    return values.size() == 1 ? Optional.of(values.get(0)) : Optional.empty();
  }

  /** Whether {@code name} was sent at least once. */
  public boolean contains(String name) {
    return !all(name).isEmpty();
  }

  /** The header names as first spelled by the client, in order. */
  public List<String> names() {
    return List.copyOf(spelling.values());
  }

  /** The same headers for a webhook signature scheme. */
  public WebhookHeaders toWebhookHeaders() {
    WebhookHeaders.Builder b = WebhookHeaders.builder();
    byName.forEach((lower, values) -> {
      for (String v : values) {
        b.add(spelling.get(lower), v);
      }
    });
    return b.build();
  }

  /** Header names only; values may be credentials. */
  @Override
  public String toString() {
    return "RequestHeaders" + names();
  }

  static String lower(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c >= 'A' && c <= 'Z') {
        char[] out = s.toCharArray();
        for (int j = i; j < out.length; j++) {
          char d = out[j];
          if (d >= 'A' && d <= 'Z') {
            out[j] = (char) (d + 32);
          }
        }
        return new String(out);
      }
    }
    return s;
  }

  /**
   * Collects headers in the order received.
   *
   * <pre>{@code
   * RequestHeaders h = RequestHeaders.builder().add("Host", "localhost:8080").build();
   * }</pre>
   */
  public static final class Builder {
    private final Map<String, List<String>> index = new LinkedHashMap<>();
    private final Map<String, String> firstSpelling = new LinkedHashMap<>();

    private Builder() {}

    /** Adds one value of {@code name}. */
    public Builder add(String name, String value) {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(value, "value");
      String lower = lower(name);
      String spelled = firstSpelling.computeIfAbsent(lower, k -> name);
      index.computeIfAbsent(spelled, k -> new ArrayList<>()).add(value);
      return this;
    }

    /** The immutable headers. */
    public RequestHeaders build() {
      return index.isEmpty() ? EMPTY : new RequestHeaders(index);
    }
  }
}
