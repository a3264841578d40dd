package dev.hostpolicy.http;

import dev.hostpolicy.api.spi.AuditActor;
import dev.hostpolicy.core.token.CorrelationId;
import dev.hostpolicy.core.token.RequestTransport;
import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.Optional;

/**
 * The view of one request that guards judge: method, raw path and query exactly as received (never
 * decoded), headers, peer address, how the request travelled, the body on demand, the correlation
 * id, and — once a guard authenticated it — who sent it. Immutable apart from the body, which is read
 * lazily ({@link RequestBody}); a guard that learns something hands a modified copy to
 * {@link GuardChain#proceed(GuardRequest)}.
 *
 * <p>The correlation id is fixed when the view is built: the client's {@value #CORRELATION_HEADER}
 * header when it is one well-formed {@link CorrelationId} ({@code cid_} and 16 base64url
 * characters), otherwise a fresh random one. Anything else the client sent there is ignored, so a
 * forged id can never inject text into audit lines.
 *
 * <pre>{@code
 * GuardRequest request = GuardRequest.builder("GET", "/api/runs")
 *     .rawQuery("limit=10")
 *     .headers(RequestHeaders.builder().add("Host", "127.0.0.1:8080").build())
 *     .remoteAddress(new InetSocketAddress("127.0.0.1", 53211))
 *     .build();
 * Outcome outcome = guards.handle(request);
 * }</pre>
 */
public final class GuardRequest {

  /** The request and response header that carries the correlation id. */
  public static final String CORRELATION_HEADER = "x-correlation-id";

  private final String method;
  private final String rawPath;
  private final Optional<String> rawQuery;
  private final RequestHeaders headers;
  private final InetSocketAddress remoteAddress;
  private final RequestTransport transport;
  private final RequestBody body;
  private final CorrelationId correlationId;
  private final Optional<AuditActor> authenticated;

  private GuardRequest(Builder b, CorrelationId cid, Optional<AuditActor> authenticated) {
    this.method = b.method;
    this.rawPath = b.rawPath;
    this.rawQuery = b.rawQuery;
    this.headers = b.headers;
    this.remoteAddress = b.remoteAddress;
    this.transport = b.transport;
    this.body = b.body;
    this.correlationId = cid;
    this.authenticated = authenticated;
  }

  private GuardRequest(GuardRequest r, Optional<AuditActor> authenticated) {
    this.method = r.method;
    this.rawPath = r.rawPath;
    this.rawQuery = r.rawQuery;
    this.headers = r.headers;
    this.remoteAddress = r.remoteAddress;
    this.transport = r.transport;
    this.body = r.body;
    this.correlationId = r.correlationId;
    this.authenticated = authenticated;
  }

  /**
   * Starts a request view.
   *
   * @param method the method as received (case-sensitive)
   * @param rawPath the path as received, percent-encoding intact
   */
  public static Builder builder(String method, String rawPath) {
    return new Builder(method, rawPath);
  }

  /** The method as received (methods are case-sensitive). */
  public String method() {
    return method;
  }

  /** The path as received, never decoded. */
  public String rawPath() {
    return rawPath;
  }

  /** The query as received (without {@code ?}), if the target had one. */
  public Optional<String> rawQuery() {
    return rawQuery;
  }

  /** The request target: raw path and, when present, {@code ?} and the raw query. */
  public String target() {
    return rawQuery.map(q -> rawPath + "?" + q).orElse(rawPath);
  }

  /** The request headers. */
  public RequestHeaders headers() {
    return headers;
  }

  /** The peer's address. */
  public InetSocketAddress remoteAddress() {
    return remoteAddress;
  }

  /** How the request reached the server (TLS, trusted proxy, {@code X-Forwarded-Proto}). */
  public RequestTransport transport() {
    return transport;
  }

  /** The body, read on demand. */
  public RequestBody body() {
    return body;
  }

  /** This request's correlation id. */
  public CorrelationId correlationId() {
    return correlationId;
  }

  /** Who authenticated the request, once a guard did: {@link AuditActor#API_TOKEN}, {@link AuditActor#BROWSER_SESSION}, or {@link AuditActor#OPEN} for a public path. */
  public Optional<AuditActor> authenticated() {
    return authenticated;
  }

  /** A copy marked as authenticated by {@code actor}. */
  public GuardRequest authenticatedAs(AuditActor actor) {
    return new GuardRequest(this, Optional.of(Objects.requireNonNull(actor, "actor")));
  }

  /** Method, path, peer and correlation id; never the query (it may carry a refused token) or header values. */
  @Override
  public String toString() {
    return "GuardRequest[" + method + " " + rawPath + ", from " + remoteAddress + ", " + correlationId + "]";
  }

  /**
   * Builds a {@link GuardRequest}; adapters fill it from their server's request.
   *
   * <pre>{@code
   * GuardRequest r = GuardRequest.builder("POST", "/login")
   *     .headers(headers)
   *     .body(RequestBody.ofBytes("token=...".getBytes(StandardCharsets.UTF_8)))
   *     .build();
   * }</pre>
   */
  public static final class Builder {
    private final String method;
    private final String rawPath;
    private Optional<String> rawQuery = Optional.empty();
    private RequestHeaders headers = RequestHeaders.empty();
    private InetSocketAddress remoteAddress = new InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0);
    private RequestTransport transport = RequestTransport.direct(false);
    private RequestBody body = RequestBody.empty();

    private Builder(String method, String rawPath) {
      this.method = Objects.requireNonNull(method, "method");
      this.rawPath = Objects.requireNonNull(rawPath, "rawPath");
    }

    /** The raw query, without {@code ?}; an empty string is a target that ended in {@code ?}. */
    public Builder rawQuery(String rawQuery) {
      this.rawQuery = Optional.of(Objects.requireNonNull(rawQuery, "rawQuery"));
      return this;
    }

    /** The raw query, if any. */
    public Builder rawQuery(Optional<String> rawQuery) {
      this.rawQuery = Objects.requireNonNull(rawQuery, "rawQuery");
      return this;
    }

    /** The headers as received. */
    public Builder headers(RequestHeaders headers) {
      this.headers = Objects.requireNonNull(headers, "headers");
      return this;
    }

    /** The peer's address; loopback port 0 by default. */
    public Builder remoteAddress(InetSocketAddress remoteAddress) {
      this.remoteAddress = Objects.requireNonNull(remoteAddress, "remoteAddress");
      return this;
    }

    /** How the request travelled; plain HTTP with no proxy by default. */
    public Builder transport(RequestTransport transport) {
      this.transport = Objects.requireNonNull(transport, "transport");
      return this;
    }

    /** The body; none by default. */
    public Builder body(RequestBody body) {
      this.body = Objects.requireNonNull(body, "body");
      return this;
    }

    /** The view, with its correlation id taken from a well-formed header or freshly generated. */
    public GuardRequest build() {
      Optional<String> sent = headers.single(CORRELATION_HEADER);
      CorrelationId cid = sent.isPresent() && CorrelationId.isValid(sent.get())
          ? new CorrelationId(sent.get())
          : CorrelationId.generate();
      return new GuardRequest(this, cid, Optional.empty());
    }
  }
}
