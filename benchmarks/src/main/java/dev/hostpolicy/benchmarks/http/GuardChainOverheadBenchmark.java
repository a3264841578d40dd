package dev.hostpolicy.benchmarks.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import dev.hostpolicy.api.Secret;
import dev.hostpolicy.api.spi.AuditSink;
import dev.hostpolicy.core.net.LoopbackAddress;
import dev.hostpolicy.core.token.TokenMint;
import dev.hostpolicy.http.HttpGuards;
import dev.hostpolicy.http.jdk.GuardedHttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Requests per second through the guard chain on the JDK server versus the same server without
 * guards. Each operation is one {@code GET /api/runs} with a bearer token and its small JSON answer
 * over one persistent (keep-alive) loopback connection, written and read by an in-process client.
 * Ours runs the full default chain in front of the handler — Host check, token-in-URL scan,
 * constant-time bearer check, security headers with a fresh CSP nonce, correlation id — through a
 * {@code GuardedHttpServer}; the anchor is a plain {@code HttpServer} with the same handler and the
 * same number of request threads (target ratio ≥ 0.8). A second anchor sends the same security
 * headers from a plain handler, precomputed and unchecked, which separates the cost of the headers'
 * bytes from the cost of the checks. Client, server and JMH share the machine's
 * cores. Both servers run with {@code sun.net.httpserver.nodelay=true} (see docs/http.md).
 *
 * <pre>{@code
 * benchmarks/run 'http\.GuardChainOverheadBenchmark'
 * }</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class GuardChainOverheadBenchmark {
  static {
    // Without TCP_NODELAY the JDK server writes head and body in two segments, and Nagle plus the
    // client's delayed ACK holds each keep-alive answer ~40 ms: both servers would measure that timer.
    System.setProperty("sun.net.httpserver.nodelay", "true");
  }

  private static final int THREADS = 4;
  private static final byte[] ANSWER = "{\"runs\":[]}".getBytes(StandardCharsets.US_ASCII);

  private final Secret token = TokenMint.mint();
  private GuardedHttpServer guarded;
  private HttpServer plain;
  private ExecutorService plainThreads;
  private HttpServer plainWithHeaders;
  private ExecutorService plainWithHeadersThreads;

  /** Per benchmark thread: one keep-alive connection to each server. */
  @State(Scope.Thread)
  public static class Client {
    Connection toGuarded;
    Connection toPlain;
    Connection toPlainWithHeaders;

    /** Connects. */
    @Setup
    public void connect(GuardChainOverheadBenchmark b) throws IOException {
      toGuarded = new Connection(b.guarded.address(), b.request(b.guarded.address().getPort()));
      toPlain = new Connection(b.plain.getAddress(), b.request(b.plain.getAddress().getPort()));
      toPlainWithHeaders = new Connection(b.plainWithHeaders.getAddress(), b.request(b.plainWithHeaders.getAddress().getPort()));
    }

    /** Disconnects. */
    @TearDown
    public void close() throws IOException {
      toGuarded.close();
      toPlain.close();
      toPlainWithHeaders.close();
    }
  }

  static void handle(HttpExchange exchange) throws IOException {
    exchange.getRequestBody().readAllBytes();
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(200, ANSWER.length);
    try (OutputStream os = exchange.getResponseBody()) {
      os.write(ANSWER);
    }
  }

  byte[] request(int port) {
    return ("GET /api/runs HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nAuthorization: Bearer " + token.revealUtf8()
        + "\r\nAccept: application/json\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
  }

  /** Starts both servers. */
  @Setup
  public void start() throws IOException {
    HttpHandler handler = GuardChainOverheadBenchmark::handle;
    guarded = GuardedHttpServer.builder(LoopbackAddress.ipv4()).threads(THREADS)
        .guards(bound -> HttpGuards.builder(bound).apiToken(token).audit(AuditSink.discarding()).build())
        .start();
    guarded.context("/api/", handler);
    plain = HttpServer.create(LoopbackAddress.ipv4().withPort(0), 0);
    plain.createContext("/api/", handler);
    plainThreads = Executors.newFixedThreadPool(THREADS);
    plain.setExecutor(plainThreads);
    plain.start();
    // the same headers the chain sends, precomputed: what sending them costs without any checking
    java.util.Map<String, String> fixed = HttpGuards.DEFAULT_HEADERS.forResponse(
        dev.hostpolicy.http.headers.SecurityHeaders.Transport.HTTP, dev.hostpolicy.http.headers.SecurityHeaders.Audience.AUTHENTICATED).headers();
    plainWithHeaders = HttpServer.create(LoopbackAddress.ipv4().withPort(0), 0);
    plainWithHeaders.createContext("/api/", exchange -> {
      fixed.forEach(exchange.getResponseHeaders()::add);
      exchange.getResponseHeaders().add("x-correlation-id", "cid_AAAAAAAAAAAAAAAA");
      handle(exchange);
    });
    plainWithHeadersThreads = Executors.newFixedThreadPool(THREADS);
    plainWithHeaders.setExecutor(plainWithHeadersThreads);
    plainWithHeaders.start();
  }

  /** Stops both servers. */
  @TearDown
  public void stop() {
    guarded.close();
    plain.stop(0);
    plainThreads.shutdownNow();
    plainWithHeaders.stop(0);
    plainWithHeadersThreads.shutdownNow();
  }

  /** Ours: one request through the guard chain. */
  @Benchmark
  public int guarded(Client c) throws IOException {
    return c.toGuarded.exchange();
  }

  /** Anchor: the same request to the same handler on a plain JDK server. */
  @Benchmark
  public int anchorUnguarded(Client c) throws IOException {
    return c.toPlain.exchange();
  }

  /** Anchor: the same plain server, its handler adding the same security headers (precomputed, unchecked). */
  @Benchmark
  public int anchorUnguardedSameHeaders(Client c) throws IOException {
    return c.toPlainWithHeaders.exchange();
  }

  /**
   * A keep-alive HTTP/1.1 connection that sends one fixed request and reads one answer, scanning its
   * own buffer (a byte-at-a-time read would cost the client more per header byte than the server
   * spends on them).
   */
  static final class Connection {
    private static final byte[] CONTENT_LENGTH = "\r\ncontent-length:".getBytes(StandardCharsets.US_ASCII);

    private final Socket socket;
    private final OutputStream out;
    private final InputStream in;
    private final byte[] request;
    private final byte[] buf = new byte[65536];

    Connection(InetSocketAddress where, byte[] request) throws IOException {
      this.socket = new Socket(where.getAddress(), where.getPort());
      socket.setTcpNoDelay(true);
      this.out = socket.getOutputStream();
      this.in = socket.getInputStream();
      this.request = request;
    }

    /** Sends the request and reads the answer; returns the status. */
    int exchange() throws IOException {
      out.write(request);
      out.flush();
      int n = 0;
      int headEnd = -1;
      while (headEnd < 0) {
        int r = in.read(buf, n, buf.length - n);
        if (r < 0) {
          throw new IOException("the server closed the connection");
        }
        int from = Math.max(0, n - 3);
        n += r;
        for (int i = from; i + 3 < n; i++) {
          if (buf[i] == '\r' && buf[i + 1] == '\n' && buf[i + 2] == '\r' && buf[i + 3] == '\n') {
            headEnd = i + 4;
            break;
          }
        }
      }
      int status = (buf[9] - '0') * 100 + (buf[10] - '0') * 10 + (buf[11] - '0');
      if (status != 200) {
        throw new IOException("unexpected answer: " + new String(buf, 0, headEnd, StandardCharsets.ISO_8859_1));
      }
      int length = contentLength(headEnd);
      while (n < headEnd + length) {
        int r = in.read(buf, n, buf.length - n);
        if (r < 0) {
          throw new IOException("short body");
        }
        n += r;
      }
      return status;
    }

    private int contentLength(int headEnd) throws IOException {
      outer:
      for (int i = 0; i + CONTENT_LENGTH.length < headEnd; i++) {
        for (int j = 0; j < CONTENT_LENGTH.length; j++) {
          int c = buf[i + j];
          if (c >= 'A' && c <= 'Z') {
            c += 32;
          }
          if (c != CONTENT_LENGTH[j]) {
            continue outer;
          }
        }
        int k = i + CONTENT_LENGTH.length;
        while (buf[k] == ' ') {
          k++;
        }
        int v = 0;
        while (buf[k] >= '0' && buf[k] <= '9') {
          v = v * 10 + (buf[k++] - '0');
        }
        return v;
      }
      throw new IOException("no Content-Length");
    }

    void close() throws IOException {
      socket.close();
    }
  }
}
