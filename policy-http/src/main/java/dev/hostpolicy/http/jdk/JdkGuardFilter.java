package dev.hostpolicy.http.jdk;

import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsExchange;
import dev.hostpolicy.http.GuardRequest;
import dev.hostpolicy.http.GuardResponse;
import dev.hostpolicy.http.HttpGuards;
import dev.hostpolicy.http.Outcome;
import dev.hostpolicy.http.RequestBody;
import dev.hostpolicy.http.RequestHeaders;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * The guard chain as a JDK {@code com.sun.net.httpserver} {@link Filter}: every exchange on a context
 * carrying it is judged by {@link HttpGuards}; answers are written here, and forwarded requests reach
 * the context's handler with the guards' response headers already set and the attributes
 * {@link HttpGuards#CORRELATION_ID_ATTRIBUTE}, {@link HttpGuards#AUTHENTICATED_ATTRIBUTE} and
 * {@link HttpGuards#CSP_NONCE_ATTRIBUTE} on the exchange. A body a guard read is replayed to the
 * handler.
 *
 * <p>Add it to <em>every</em> context, including {@code /}: the JDK server answers a path that
 * matches no context with its own 404, which no filter sees. {@link GuardedHttpServer} does this.
 *
 * <pre>{@code
 * HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 8080), 0);
 * HttpGuards guards = HttpGuards.builder(server.getAddress()).apiToken(token).audit(sink).build();
 * HttpContext api = server.createContext("/", handler);
 * api.getFilters().add(JdkGuardFilter.of(guards));
 * }</pre>
 */
public final class JdkGuardFilter extends Filter {
  private final HttpGuards guards;

  private JdkGuardFilter(HttpGuards guards) {
    this.guards = guards;
  }

  /** A filter applying {@code guards}. */
  public static JdkGuardFilter of(HttpGuards guards) {
    return new JdkGuardFilter(Objects.requireNonNull(guards, "guards"));
  }

  /** The chain this filter applies. */
  public HttpGuards guards() {
    return guards;
  }

  @Override
  public String description() {
    return "HostPolicy guard chain";
  }

  @Override
  public void doFilter(HttpExchange exchange, Chain chain) throws IOException {
    GuardRequest request = view(exchange);
    Outcome outcome = guards.handle(request);
    if (outcome instanceof Outcome.Respond respond) {
      write(exchange, respond.response());
      return;
    }
    Outcome.Forward forward = (Outcome.Forward) outcome;
    Headers out = exchange.getResponseHeaders();
    for (GuardResponse.Header h : forward.responseHeaders()) {
      out.add(h.name(), h.value());
    }
    forward.attributes().forEach(exchange::setAttribute);
    if (request.body().started()) {
      exchange.setStreams(request.body().replay(), null);
    }
    chain.doFilter(exchange);
  }

  private GuardRequest view(HttpExchange exchange) {
    URI uri = exchange.getRequestURI();
    String rawPath = uri.getRawPath() == null ? "" : uri.getRawPath();
    Headers in = exchange.getRequestHeaders();
    InetSocketAddress peer = exchange.getRemoteAddress();
    List<String> proto = in.getOrDefault("X-Forwarded-Proto", List.of());
    return GuardRequest.builder(exchange.getRequestMethod(), rawPath)
        .rawQuery(java.util.Optional.ofNullable(uri.getRawQuery()))
        .headers(RequestHeaders.of(in))
        .remoteAddress(peer)
        .transport(guards.transport(exchange instanceof HttpsExchange, peer, proto))
        .body(RequestBody.of(declaredLength(in.get("Content-Length")), exchange::getRequestBody))
        .build();
  }

  static OptionalLong declaredLength(List<String> values) {
    if (values == null || values.size() != 1) {
      return OptionalLong.empty();
    }
    try {
      long n = Long.parseLong(values.get(0).strip());
      return n >= 0 ? OptionalLong.of(n) : OptionalLong.empty();
    } catch (NumberFormatException e) {
      return OptionalLong.empty();
    }
  }

  /** Writes a guard's answer and closes the exchange. */
  static void write(HttpExchange exchange, GuardResponse response) throws IOException {
    try {
      Headers out = exchange.getResponseHeaders();
      for (GuardResponse.Header h : response.headers()) {
        out.add(h.name(), h.value());
      }
      byte[] body = response.body();
      boolean head = exchange.getRequestMethod().equals("HEAD");
      if (head || body.length == 0) {
        exchange.sendResponseHeaders(response.status(), -1);
      } else {
        exchange.sendResponseHeaders(response.status(), body.length);
        try (OutputStream os = exchange.getResponseBody()) {
          os.write(body);
        }
      }
    } finally {
      exchange.close();
    }
  }

  @Override
  public String toString() {
    return "JdkGuardFilter[" + guards + "]";
  }
}
