package dev.hostpolicy.http.jdk;

import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import dev.hostpolicy.core.net.LoopbackAddress;
import dev.hostpolicy.core.net.PortFallback;
import dev.hostpolicy.http.GuardResponse;
import dev.hostpolicy.http.HttpGuards;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A JDK {@link HttpServer} on a {@link LoopbackAddress} — the network is not expressible — bound to
 * the first free port of a range ({@link PortFallback}), whose every context carries the guard chain
 * ({@link JdkGuardFilter}). The chain is built by the host once the port is known (the Host-header
 * rule needs it); a chain that fails its startup checks closes the server and the exception reaches
 * the host. The root context {@code /} answers guarded {@code 404 {"error":"not-found"}} for anything
 * no other context serves. Requests run on a fixed pool of daemon threads.
 *
 * <pre>{@code
 * try (GuardedHttpServer server = GuardedHttpServer.builder(LoopbackAddress.ipv4())
 *     .port(5173, 10)                                  // 5173, 5174, ... 5182
 *     .guards(bound -> HttpGuards.builder(bound).apiToken(token).audit(sink).build())
 *     .start()) {
 *   server.context("/api/", exchange -> { ... });
 *   out.println("listening on " + server.uri());
 * }
 * }</pre>
 */
public final class GuardedHttpServer implements AutoCloseable {
  private final HttpServer server;
  private final HttpGuards guards;
  private final JdkGuardFilter filter;
  private final ExecutorService executor;
  private final InetSocketAddress address;

  private GuardedHttpServer(HttpServer server, HttpGuards guards, ExecutorService executor, InetSocketAddress address) {
    this.server = server;
    this.guards = guards;
    this.filter = JdkGuardFilter.of(guards);
    this.executor = executor;
    this.address = address;
  }

  /** Starts configuring a server on {@code address}. */
  public static Builder builder(LoopbackAddress address) {
    return new Builder(address);
  }

  /**
   * Adds a context whose handler sees only requests the chain forwarded.
   *
   * @throws IllegalArgumentException if the path is taken
   */
  public HttpContext context(String path, HttpHandler handler) {
    HttpContext c = server.createContext(path, handler);
    c.getFilters().add(filter);
    return c;
  }

  /** The underlying server (add contexts through {@link #context}, which attaches the filter). */
  public HttpServer server() {
    return server;
  }

  /** The guard chain. */
  public HttpGuards guards() {
    return guards;
  }

  /** The address and port the server listens on. */
  public InetSocketAddress address() {
    return address;
  }

  /** {@code http://127.0.0.1:PORT/} (or {@code http://[::1]:PORT/}). */
  public URI uri() {
    String host = address.getAddress().getHostAddress();
    if (host.indexOf(':') >= 0) {
      int zone = host.indexOf('%');
      host = "[" + (zone < 0 ? host : host.substring(0, zone)) + "]";
    }
    return URI.create("http://" + host + ":" + address.getPort() + "/");
  }

  /** Stops accepting, lets exchanges in progress finish for up to one second, and stops the threads. */
  @Override
  public void close() {
    server.stop(1);
    executor.shutdownNow();
  }

  @Override
  public String toString() {
    return "GuardedHttpServer[" + uri() + "]";
  }

  /**
   * Configures a {@link GuardedHttpServer}.
   *
   * <pre>{@code
   * GuardedHttpServer server = GuardedHttpServer.builder(LoopbackAddress.ipv4())
   *     .port(0, 1)                 // any free port
   *     .threads(8)
   *     .guards(bound -> HttpGuards.builder(bound).withoutToken().audit(AuditSink.discarding()).build())
   *     .start();
   * }</pre>
   */
  public static final class Builder {
    private final LoopbackAddress address;
    private int desired;
    private int attempts = 1;
    private int threads = Math.max(4, 2 * Runtime.getRuntime().availableProcessors());
    private int backlog;
    private Function<InetSocketAddress, HttpGuards> guards;

    private Builder(LoopbackAddress address) {
      this.address = Objects.requireNonNull(address, "address");
    }

    /** Tries {@code desired} and the next {@code attempts - 1} ports in order (default: any free port). */
    public Builder port(int desired, int attempts) {
      this.desired = desired;
      this.attempts = attempts;
      return this;
    }

    /** Request threads (default {@code max(4, 2 x cores)}). */
    public Builder threads(int threads) {
      if (threads < 1) {
        throw new IllegalArgumentException("at least one thread");
      }
      this.threads = threads;
      return this;
    }

    /** The listen backlog (0: the system default). */
    public Builder backlog(int backlog) {
      this.backlog = backlog;
      return this;
    }

    /** Builds the chain for the bound address (called once, after binding). */
    public Builder guards(Function<InetSocketAddress, HttpGuards> guards) {
      this.guards = Objects.requireNonNull(guards, "guards");
      return this;
    }

    /**
     * Binds, builds the chain and starts serving.
     *
     * @throws java.net.BindException naming the range when every port is taken
     * @throws IOException for another bind failure
     * @throws dev.hostpolicy.api.PolicyConfigurationException or
     *     {@link dev.hostpolicy.api.PolicyViolationException} from the chain's startup checks (the
     *     server is closed first)
     */
    public GuardedHttpServer start() throws IOException {
      if (guards == null) {
        throw new IllegalStateException("guards(...) is required");
      }
      int b = backlog;
      PortFallback.Bound<HttpServer> bound = PortFallback.bind(address, desired, attempts, where -> HttpServer.create(where, b));
      HttpServer server = bound.resource();
      InetSocketAddress actual = server.getAddress();
      HttpGuards chain;
      try {
        chain = Objects.requireNonNull(guards.apply(actual), "the guards factory returned null");
      } catch (RuntimeException e) {
        // HttpServer.stop() only closes the listening socket of a started server (JDK 17), so start
        // it — with no context, it answers nothing but the JDK's own 404 — and stop it at once.
        server.start();
        server.stop(0);
        throw e;
      }
      ExecutorService executor = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), daemonThreads());
      GuardedHttpServer s = new GuardedHttpServer(server, chain, executor, actual);
      s.context("/", exchange -> JdkGuardFilter.write(exchange, GuardResponse.error(404, "not-found")));
      server.setExecutor(executor);
      server.start();
      return s;
    }

    private static ThreadFactory daemonThreads() {
      AtomicInteger n = new AtomicInteger();
      return r -> {
        Thread t = new Thread(r, "hostpolicy-http-" + n.incrementAndGet());
        t.setDaemon(true);
        return t;
      };
    }
  }
}
