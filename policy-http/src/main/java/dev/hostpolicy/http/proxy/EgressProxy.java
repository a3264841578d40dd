package dev.hostpolicy.http.proxy;

import dev.hostpolicy.api.PolicyConfigurationException;
import dev.hostpolicy.api.SafeText;
import dev.hostpolicy.api.Secret;
import dev.hostpolicy.api.TimeSource;
import dev.hostpolicy.api.spi.AuditSink;
import dev.hostpolicy.core.net.EgressPolicy;
import dev.hostpolicy.core.net.LoopbackAddress;
import dev.hostpolicy.http.internal.proxy.Connector;
import dev.hostpolicy.http.internal.proxy.ProxyEngine;
import dev.hostpolicy.http.internal.proxy.ProxySettings;
import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A per-run egress filtering proxy: an HTTP proxy on {@code 127.0.0.1} that lets a child process reach
 * only what an {@link EgressPolicy} allows. Standard clients use it through {@code HTTP_PROXY} /
 * {@code HTTPS_PROXY} ({@link #exportTo(Map)}).
 *
 * <ul>
 *   <li>{@code CONNECT host:port} (HTTPS and anything else): the egress decision, then a connection to
 *       the decision's <b>pinned, validated addresses only</b> — the name is never resolved again —
 *       then {@code 200} and a byte tunnel.
 *   <li>Absolute-form {@code http://} requests (HTTP/1.1 keep-alive): each request decided on its own,
 *       forwarded in origin-form with hop-by-hop and {@code Proxy-*} fields removed.
 *   <li>Denied: {@code 403} with {@code X-HostPolicy-Deny: <reason code>} and a short text body; an
 *       upstream cannot forge that header (it is removed from every response). Upstream unreachable:
 *       {@code 502}; no answer within the connect timeout: {@code 504}. Malformed or ambiguous
 *       requests (both Content-Length and Transfer-Encoding, several Content-Length, obsolete line
 *       folding, a bare CR or LF, a header section over the limit, a Host that disagrees with the
 *       absolute-form target): {@code 400} and the connection is closed; nothing reaches the origin.
 *   <li>Optional per-run proxy token: {@code Proxy-Authorization: Basic} (any user, the token as
 *       password) or {@code Bearer}; otherwise {@code 407} with {@code Proxy-Authenticate}.
 *   <li>Every decision — allowed or denied — goes to the {@link AuditSink} as {@code egress.allowed} /
 *       {@code egress.denied} with target ({@code host:port}), reason, detail, method and run id;
 *       never a header, a path or a body. An allowed decision the sink cannot record is refused.
 *   <li>Limits: header section size, connections at once ({@code 503} + {@code Retry-After} beyond),
 *       connect timeout (10 s), resolution timeout (5 s), idle timeout for tunnels and keep-alive
 *       connections, header timeout. {@link #close()} stops accepting and closes every tunnel.
 * </ul>
 *
 * <p>{@link #start()} binds or throws — fail closed: a launcher that cannot start the proxy must not
 * start the child. The proxy adds its own listen address to the policy as a self address, so it
 * cannot be used to connect to itself.
 *
 * <pre>{@code
 * try (EgressProxy proxy = EgressProxy.builder()
 *     .policy(EgressPolicy.builder().allow("api.github.com", "*.npmjs.org"))
 *     .auditSink(auditSink)
 *     .runId("run-42")
 *     .proxyToken(Secret.fromUtf8(perRunToken))
 *     .build()) {
 *   InetSocketAddress where = proxy.start();     // 127.0.0.1:<ephemeral>; throws if it cannot bind
 *   ProcessBuilder child = new ProcessBuilder("npm", "install");
 *   proxy.exportTo(child.environment());         // HTTP_PROXY, HTTPS_PROXY, ... (with the token)
 *   child.start().waitFor();
 * }
 * }</pre>
 */
public final class EgressProxy implements AutoCloseable {
  /** The variables {@link #exportTo(Map)} points at the proxy. */
  public static final java.util.List<String> PROXY_VARIABLES =
      java.util.List.of("HTTP_PROXY", "http_proxy", "HTTPS_PROXY", "https_proxy", "ALL_PROXY", "all_proxy");

  /** The header on the proxy's own denials, carrying the reason code. */
  public static final String DENY_HEADER = "X-HostPolicy-Deny";

  /** Default longest request header section: 32 KiB. */
  public static final int DEFAULT_MAX_HEADER_BYTES = 32 * 1024;
  /** Default most client connections at once, CONNECT tunnels included. */
  public static final int DEFAULT_MAX_CONNECTIONS = 1024;
  /** Default connect timeout, for all validated addresses together. */
  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
  /** Default resolution timeout (applied to the policy). */
  public static final Duration DEFAULT_RESOLVE_TIMEOUT = Duration.ofSeconds(5);
  /** Default idle timeout for tunnels and keep-alive connections. */
  public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofMinutes(5);
  /** Default time from a request's first byte to the end of its head. */
  public static final Duration DEFAULT_HEADER_TIMEOUT = Duration.ofSeconds(30);
  /** Default size of each of a tunnel's (at most two) buffers. */
  public static final int DEFAULT_BUFFER_BYTES = 64 * 1024;

  private static final Pattern RUN_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:_-]{0,127}");

  private enum State {
    NEW,
    RUNNING,
    CLOSED
  }

  private final EgressPolicy.Builder policy;
  private final ProxySettings settings;
  private final int port;
  private final Duration resolveTimeout;
  private State state = State.NEW;
  private ProxyEngine engine;
  private InetSocketAddress address;

  private EgressProxy(Builder b, ProxySettings settings) {
    this.policy = b.policy;
    this.settings = settings;
    this.port = b.port;
    this.resolveTimeout = b.resolveTimeout;
  }

  /** A builder: deny-everything policy, no audit sink yet (required), ephemeral port, the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Binds {@code 127.0.0.1} (the configured port, or an ephemeral one), builds the egress policy with
   * this proxy's own address as a self address, and starts serving.
   *
   * @return the address it listens on
   * @throws BindException if it cannot listen (the port is taken, ...): do not start the child
   * @throws IOException for other failures to start
   * @throws IllegalStateException if started before, or closed
   */
  public synchronized InetSocketAddress start() throws IOException {
    if (state != State.NEW) {
      throw new IllegalStateException("an egress proxy starts once; this one is " + state.name().toLowerCase(java.util.Locale.ROOT));
    }
    ServerSocketChannel server = ServerSocketChannel.open();
    try {
      server.bind(LoopbackAddress.ipv4().withPort(port), 1024);
    } catch (IOException e) {
      server.close();
      BindException be = new BindException("the egress proxy cannot listen on 127.0.0.1:" + port + ": " + e.getMessage());
      be.initCause(e);
      throw be;
    }
    try {
      InetSocketAddress bound = (InetSocketAddress) server.getLocalAddress();
      EgressPolicy p = policy.selfAddress(bound).resolveTimeout(resolveTimeout).timeSource(settings.time()).build();
      ProxyEngine e = new ProxyEngine(settings, p, server);
      e.start();
      this.engine = e;
      this.address = bound;
      this.state = State.RUNNING;
      return bound;
    } catch (IOException | RuntimeException e) {
      server.close();
      state = State.CLOSED;
      throw e;
    }
  }

  /**
   * The address the proxy listens on.
   *
   * @throws IllegalStateException before {@link #start()}
   */
  public synchronized InetSocketAddress address() {
    if (address == null) {
      throw new IllegalStateException("the egress proxy has not been started");
    }
    return address;
  }

  /** {@code http://127.0.0.1:PORT}, without credentials (for display and logs). */
  public String proxyUrl() {
    return "http://127.0.0.1:" + address().getPort();
  }

  /**
   * Puts the proxy variables into a child's environment (e.g. {@code ProcessBuilder.environment()}):
   * {@code HTTP_PROXY}, {@code HTTPS_PROXY}, {@code ALL_PROXY} and their lower-case forms point at this
   * proxy — with {@code hostpolicy:TOKEN@} when a proxy token is set, so these values are secret: never
   * log them — and {@code NO_PROXY} / {@code no_proxy} are removed so no host bypasses it. Setting
   * {@code ALL_PROXY} too means a client that falls back to it (curl for other schemes) reaches this
   * proxy, never one the parent environment named.
   *
   * @throws IllegalStateException before {@link #start()}
   */
  public void exportTo(Map<String, String> environment) {
    Objects.requireNonNull(environment, "environment");
    String url = settings.token()
        .map(t -> "http://hostpolicy:" + t.withBytes(EgressProxy::percentEncode) + "@127.0.0.1:" + address().getPort())
        .orElseGet(this::proxyUrl);
    environment.remove("NO_PROXY");
    environment.remove("no_proxy");
    for (String k : PROXY_VARIABLES) {
      environment.put(k, url);
    }
  }

  private static String percentEncode(byte[] bytes) {
    StringBuilder sb = new StringBuilder(bytes.length * 3);
    for (byte b : bytes) {
      int c = b & 0xff;
      if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '.' || c == '_' || c == '~') {
        sb.append((char) c);
      } else {
        sb.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
            .append(Character.toUpperCase(Character.forDigit(c & 15, 16)));
      }
    }
    return sb.toString();
  }

  /** The run id in every audit event. */
  public String runId() {
    return settings.runId();
  }

  /** Client connections open now (tunnels included); 0 before start and after close. */
  public synchronized int openConnections() {
    return engine == null ? 0 : engine.openConnections();
  }

  /** CONNECT tunnels open now. */
  public synchronized int openTunnels() {
    return engine == null ? 0 : engine.openTunnels();
  }

  /**
   * Waits until no client connection is open — every tunnel and exchange finished and its sockets
   * closed — for at most {@code timeout}; for a host draining the proxy after its child exited.
   * Returns whether that happened in time ({@code true} at once before start).
   */
  public boolean awaitIdle(Duration timeout) throws InterruptedException {
    ProxyEngine e;
    synchronized (this) {
      e = engine;
    }
    return e == null || e.awaitIdle(Math.max(1, timeout.toMillis()));
  }

  /** Whether the proxy is serving (started, not closed, not failed). */
  public synchronized boolean isRunning() {
    return state == State.RUNNING && !engine.isClosed();
  }

  /**
   * Waits until the proxy has stopped — closed, or failed and closed itself (it never keeps running
   * half-broken).
   *
   * @throws IllegalStateException before {@link #start()}
   */
  public void awaitClosed() throws InterruptedException {
    ProxyEngine e;
    synchronized (this) {
      if (engine == null) {
        throw new IllegalStateException("the egress proxy has not been started");
      }
      e = engine;
    }
    e.awaitClosed();
  }

  /** Stops accepting, closes every connection and tunnel, and waits (at most a few seconds) for its threads. Idempotent. */
  @Override
  public void close() {
    ProxyEngine e;
    synchronized (this) {
      state = State.CLOSED;
      e = engine;
    }
    if (e != null) {
      e.close();
    }
  }

  /** Never shows the token. */
  @Override
  public String toString() {
    return "EgressProxy[" + (address == null ? "not started" : proxyUrl()) + ", " + settings + "]";
  }

  /**
   * Configures an {@link EgressProxy}. A value out of range throws {@link IllegalArgumentException}
   * at once; {@link #build()} throws {@link PolicyConfigurationException} when no audit sink was
   * given (use {@link AuditSink#discarding()} to opt out explicitly).
   *
   * <pre>{@code
   * EgressProxy proxy = EgressProxy.builder()
   *     .policy(hostPolicy.egressPolicyBuilder())
   *     .auditSink(auditSink)
   *     .runId(runId)
   *     .maxConnections(256)
   *     .idleTimeout(Duration.ofMinutes(2))
   *     .build();
   * }</pre>
   */
  public static final class Builder {
    private EgressPolicy.Builder policy = EgressPolicy.builder();
    private AuditSink audit;
    private String runId;
    private Secret token;
    private int port;
    private int maxHeaderBytes = DEFAULT_MAX_HEADER_BYTES;
    private int maxConnections = DEFAULT_MAX_CONNECTIONS;
    private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
    private Duration resolveTimeout = DEFAULT_RESOLVE_TIMEOUT;
    private Duration idleTimeout = DEFAULT_IDLE_TIMEOUT;
    private Duration headerTimeout = DEFAULT_HEADER_TIMEOUT;
    private TimeSource time = TimeSource.system();
    private int bufferBytes = DEFAULT_BUFFER_BYTES;
    private int ioThreads = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
    private Connector connector = Connector.DIRECT;
    private long tickMillis = 250;

    private Builder() {}

    /**
     * The egress rules, as a policy builder: at {@link #start()} the proxy adds its own listen
     * address as a self address, its resolution timeout and its clock, then builds it. The builder is
     * consumed; deny-everything when not set.
     */
    public Builder policy(EgressPolicy.Builder policy) {
      this.policy = Objects.requireNonNull(policy, "policy");
      return this;
    }

    /** Where every decision goes (required; {@link AuditSink#discarding()} to opt out explicitly). */
    public Builder auditSink(AuditSink sink) {
      this.audit = Objects.requireNonNull(sink, "sink");
      return this;
    }

    /**
     * The run id recorded with every decision: 1–128 characters of {@code [A-Za-z0-9._:_-]} (a
   * {@code RunId} such as {@code run_5mQ0bX-wq1Lz9AcE} fits), starting
     * with a letter or digit. A random one when not set.
     */
    public Builder runId(String runId) {
      Objects.requireNonNull(runId, "runId");
      if (!RUN_ID.matcher(runId).matches()) {
        throw new IllegalArgumentException("a run id is 1-128 characters of [A-Za-z0-9._:_-], starting with a letter or digit: \""
            + SafeText.clean(runId, 40) + "\"");
      }
      this.runId = runId;
      return this;
    }

    /** Requires {@code Proxy-Authorization} with this per-run token (Basic password or Bearer). */
    public Builder proxyToken(Secret token) {
      this.token = Objects.requireNonNull(token, "token");
      return this;
    }

    /** The port on 127.0.0.1; 0 (the default) for an ephemeral one. */
    public Builder port(int port) {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("port " + port + " is outside 0-65535");
      }
      this.port = port;
      return this;
    }

    /** Longest request header section (1 KiB to 1 MiB; 32 KiB by default). */
    public Builder maxHeaderBytes(int bytes) {
      if (bytes < 1024 || bytes > 1024 * 1024) {
        throw new IllegalArgumentException("maxHeaderBytes must be 1024-1048576, not " + bytes);
      }
      this.maxHeaderBytes = bytes;
      return this;
    }

    /** Most client connections at once, CONNECT tunnels included (1-65536; 1024 by default); beyond, 503. */
    public Builder maxConnections(int n) {
      if (n < 1 || n > 65536) {
        throw new IllegalArgumentException("maxConnections must be 1-65536, not " + n);
      }
      this.maxConnections = n;
      return this;
    }

    /** Longest time to connect to the validated addresses, all together (10 s by default); then 504. */
    public Builder connectTimeout(Duration d) {
      this.connectTimeout = positive(d, "connectTimeout");
      return this;
    }

    /** Longest time one name resolution may take (5 s by default); then 403 {@code egress.dns-timeout}. */
    public Builder resolveTimeout(Duration d) {
      this.resolveTimeout = positive(d, "resolveTimeout");
      return this;
    }

    /** Longest time a tunnel or a keep-alive connection may go without a byte (5 min by default). */
    public Builder idleTimeout(Duration d) {
      this.idleTimeout = positive(d, "idleTimeout");
      return this;
    }

    /** Longest time from a request's first byte to the end of its head (30 s by default). */
    public Builder headerTimeout(Duration d) {
      this.headerTimeout = positive(d, "headerTimeout");
      return this;
    }

    /** The clock timeouts are judged by (a fake one in tests). */
    public Builder timeSource(TimeSource time) {
      this.time = Objects.requireNonNull(time, "time");
      return this;
    }

    /** Size of each tunnel buffer (4 KiB to 1 MiB; 64 KiB by default). */
    public Builder bufferBytes(int bytes) {
      if (bytes < 4096 || bytes > 1024 * 1024) {
        throw new IllegalArgumentException("bufferBytes must be 4096-1048576, not " + bytes);
      }
      this.bufferBytes = bytes;
      return this;
    }

    /** Selector threads moving tunnel bytes (1-64; the number of cores up to 4 by default). */
    public Builder ioThreads(int n) {
      if (n < 1 || n > 64) {
        throw new IllegalArgumentException("ioThreads must be 1-64, not " + n);
      }
      this.ioThreads = n;
      return this;
    }

    /** Test seam: where to dial for a pinned address, and how often deadlines are checked. */
    Builder connector(Connector connector, long tickMillis) {
      this.connector = Objects.requireNonNull(connector, "connector");
      this.tickMillis = tickMillis;
      return this;
    }

    private static Duration positive(Duration d, String what) {
      Objects.requireNonNull(d, what);
      if (d.isNegative() || d.isZero() || d.toMillis() > Integer.MAX_VALUE) {
        throw new IllegalArgumentException(what + " must be positive and below 24 days, not " + d);
      }
      return d;
    }

    /**
     * The proxy, not yet listening.
     *
     * @throws PolicyConfigurationException if no audit sink was given
     */
    public EgressProxy build() {
      if (audit == null) {
        throw new PolicyConfigurationException("egress.proxy.audit-sink",
            "the egress proxy records every decision: give it an AuditSink (AuditSink.discarding() to opt out explicitly)");
      }
      String run = runId != null ? runId : "run-" + HexFormat.of().formatHex(randomBytes());
      ProxySettings s = new ProxySettings(audit, run, Optional.ofNullable(token), maxHeaderBytes, maxConnections,
          connectTimeout, idleTimeout, headerTimeout, time, bufferBytes, ioThreads, connector, tickMillis);
      return new EgressProxy(this, s);
    }

    private static byte[] randomBytes() {
      byte[] b = new byte[8];
      new SecureRandom().nextBytes(b);
      return b;
    }
  }
}
