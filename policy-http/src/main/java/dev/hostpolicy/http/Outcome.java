package dev.hostpolicy.http;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What the guard chain decided for one request: {@link Respond answer it} with a response, or
 * {@link Forward pass it on} to the application, together with the response headers and request
 * attributes the guards want the application's response to carry. Adapters write a {@code Respond}
 * and forward a {@code Forward}; nothing else exists, so a request is never left undecided.
 *
 * <pre>{@code
 * Outcome outcome = guards.handle(request);
 * if (outcome instanceof Outcome.Respond respond) {
 *   write(respond.response());
 * } else if (outcome instanceof Outcome.Forward forward) {
 *   forward.responseHeaders().forEach(h -> exchange.getResponseHeaders().add(h.name(), h.value()));
 *   application.handle(exchange);
 * }
 * }</pre>
 */
public sealed interface Outcome permits Outcome.Respond, Outcome.Forward {

  /** Answer the request with {@code response}. */
  static Outcome respond(GuardResponse response) {
    return new Respond(response);
  }

  /** Pass {@code request} on to the application. */
  static Outcome forward(GuardRequest request) {
    return new Forward(request, List.of(), Map.of());
  }

  /** A copy that adds a response header (to the answer, or to the application's response). */
  Outcome withHeader(String name, String value);

  /**
   * The chain answers the request itself.
   *
   * @param response what to send
   */
  record Respond(GuardResponse response) implements Outcome {
    /** Checks the part. */
    public Respond {
      Objects.requireNonNull(response, "response");
    }

    @Override
    public Outcome withHeader(String name, String value) {
      return new Respond(response.withHeader(name, value));
    }
  }

  /**
   * The request goes on to the application.
   *
   * @param request the request as the guards left it (authenticated, with its correlation id)
   * @param responseHeaders headers the application's response must carry (security headers, the
   *     correlation id)
   * @param attributes values for the application ({@link HttpGuards#CORRELATION_ID_ATTRIBUTE}, ...),
   *     set as request attributes by the adapters
   */
  record Forward(GuardRequest request, List<GuardResponse.Header> responseHeaders, Map<String, String> attributes)
      implements Outcome {
    /** Copies the parts. */
    public Forward {
      Objects.requireNonNull(request, "request");
      responseHeaders = List.copyOf(responseHeaders);
      attributes = Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
    }

    @Override
    public Outcome withHeader(String name, String value) {
      List<GuardResponse.Header> h = new ArrayList<>(responseHeaders.size() + 1);
      h.addAll(responseHeaders);
      h.add(new GuardResponse.Header(name, value));
      return new Forward(request, h, attributes);
    }

    /** A copy with one more attribute for the application. */
    public Forward withAttribute(String name, String value) {
      Map<String, String> a = new LinkedHashMap<>(attributes);
      a.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
      return new Forward(request, responseHeaders, a);
    }
  }
}
