package dev.hostpolicy.http;

import dev.hostpolicy.core.token.CorrelationId;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A response a guard answers with instead of passing the request on: status, headers in order, and a
 * body. Header names must be tokens and values printable ASCII (with tab), so no value can split a
 * header. The error bodies the built-in guards send are one JSON object with an {@code error} reason
 * code and, where documented, the {@code correlationId}.
 *
 * <pre>{@code
 * GuardResponse r = GuardResponse.builder(401)
 *     .header("WWW-Authenticate", "Bearer")
 *     .json("{\"error\":\"auth.missing\"}")
 *     .build();
 * GuardResponse e = GuardResponse.error(404, "not-found");
 * }</pre>
 */
public final class GuardResponse {
  private static final byte[] NONE = new byte[0];

  /**
   * One response header.
   *
   * @param name the header name
   * @param value the header value
   */
  public record Header(String name, String value) {
    /** Validates the name (an RFC 9110 token) and the value (printable ASCII or tab). */
    public Header {
      checkName(name);
      checkValue(value);
    }
  }

  private final int status;
  private final List<Header> headers;
  private final byte[] body;
  private final boolean html;

  private GuardResponse(int status, List<Header> headers, byte[] body, boolean html) {
    this.status = status;
    this.headers = List.copyOf(headers);
    this.body = body;
    this.html = html;
  }

  /** Starts a response with {@code status} (100-599). */
  public static Builder builder(int status) {
    return new Builder(status);
  }

  /** {@code {"error":"<reason>"}} as JSON with {@code status}. */
  public static GuardResponse error(int status, String reason) {
    return builder(status).json("{\"error\":" + Json.quote(reason) + "}").build();
  }

  /** {@code {"error":"<reason>","correlationId":"<cid>"}} as JSON with {@code status}. */
  public static GuardResponse error(int status, String reason, CorrelationId correlationId) {
    return builder(status).json("{\"error\":" + Json.quote(reason) + ",\"correlationId\":" + Json.quote(correlationId.value()) + "}")
        .build();
  }

  /** {@code 303 See Other} to {@code location} (a path on this server), without a body. */
  public static GuardResponse seeOther(String location) {
    return builder(303).header("Location", location).build();
  }

  /** The status code. */
  public int status() {
    return status;
  }

  /** The headers, in order. */
  public List<Header> headers() {
    return headers;
  }

  /** The first value of a header (names compared case-insensitively). */
  public Optional<String> header(String name) {
    for (Header h : headers) {
      if (h.name().equalsIgnoreCase(name)) {
        return Optional.of(h.value());
      }
    }
    return Optional.empty();
  }

  /** A copy of the body bytes. */
  public byte[] body() {
    return body.clone();
  }

  /** The body length in bytes. */
  public int bodyLength() {
    return body.length;
  }

  /** Whether the body is an HTML page (it gets a CSP nonce of its own). */
  public boolean isHtml() {
    return html;
  }

  byte[] bodyUnsafe() {
    return body;
  }

  /** A copy with one more header. */
  public GuardResponse withHeader(String name, String value) {
    List<Header> h = new ArrayList<>(headers.size() + 1);
    h.addAll(headers);
    h.add(new Header(name, value));
    return new GuardResponse(status, h, body, html);
  }

  /** A copy with more headers, added unless the response already has one of that name. */
  GuardResponse withDefaults(Map<String, String> defaults) {
    List<Header> h = new ArrayList<>(headers.size() + defaults.size());
    h.addAll(headers);
    defaults.forEach((k, v) -> {
      if (header(k).isEmpty()) {
        h.add(new Header(k, v));
      }
    });
    return new GuardResponse(status, h, body, html);
  }

  @Override
  public String toString() {
    return "GuardResponse[" + status + ", " + headers.size() + " headers, " + body.length + " bytes]";
  }

  static void checkName(String name) {
    Objects.requireNonNull(name, "name");
    if (name.isEmpty()) {
      throw new IllegalArgumentException("a header name is not empty");
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      boolean token = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
      if (!token) {
        throw new IllegalArgumentException("a header name is an RFC 9110 token");
      }
    }
  }

  static void checkValue(String value) {
    Objects.requireNonNull(value, "value");
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if ((c < 0x20 && c != '\t') || c >= 0x7f) {
        throw new IllegalArgumentException(String.format("header values are printable ASCII; found U+%04X", (int) c));
      }
    }
  }

  /**
   * Builds a {@link GuardResponse}.
   *
   * <pre>{@code
   * GuardResponse r = GuardResponse.builder(429).header("Retry-After", "3").json("{\"error\":\"ratelimit.exceeded\"}").build();
   * }</pre>
   */
  public static final class Builder {
    private final int status;
    private final List<Header> headers = new ArrayList<>();
    private byte[] body = NONE;
    private boolean html;

    private Builder(int status) {
      if (status < 100 || status > 599) {
        throw new IllegalArgumentException("an HTTP status is 100-599");
      }
      this.status = status;
    }

    /** Adds a header. */
    public Builder header(String name, String value) {
      headers.add(new Header(name, value));
      return this;
    }

    /** A JSON body ({@code Content-Type: application/json}). */
    public Builder json(String json) {
      return body("application/json", json.getBytes(StandardCharsets.UTF_8), false);
    }

    /** An HTML page ({@code Content-Type: text/html; charset=utf-8}). */
    public Builder html(String page) {
      return body("text/html; charset=utf-8", page.getBytes(StandardCharsets.UTF_8), true);
    }

    /** A plain-text body ({@code Content-Type: text/plain; charset=utf-8}). */
    public Builder text(String text) {
      return body("text/plain; charset=utf-8", text.getBytes(StandardCharsets.UTF_8), false);
    }

    private Builder body(String contentType, byte[] bytes, boolean isHtml) {
      headers.removeIf(h -> h.name().equalsIgnoreCase("Content-Type"));
      headers.add(new Header("Content-Type", contentType));
      this.body = bytes;
      this.html = isHtml;
      return this;
    }

    /** The response. */
    public GuardResponse build() {
      if ((status == 204 || status == 304 || status < 200) && body.length > 0) {
        throw new IllegalArgumentException("status " + status + " has no body");
      }
      return new GuardResponse(status, headers, body, html);
    }
  }
}
