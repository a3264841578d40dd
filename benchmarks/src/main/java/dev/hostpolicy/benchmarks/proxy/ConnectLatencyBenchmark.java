package dev.hostpolicy.benchmarks.proxy;

import dev.hostpolicy.api.spi.AuditSink;
import dev.hostpolicy.core.net.EgressPolicy;
import dev.hostpolicy.http.proxy.EgressProxy;
import java.io.IOException;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
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
 * Request latency on a new connection: ours connects to the egress proxy, sends {@code CONNECT}
 * (parsed, decided against the allowlist, audited to a discarding sink, connected to the pinned
 * address), reads the {@code 200}, then sends 1 KiB and reads its echo; the anchor connects straight
 * to the echo origin and does the same 1 KiB echo. The client closes with an RST (linger 0) so the
 * run does not fill the port range with TIME_WAIT sockets.
 *
 * <pre>{@code
 * benchmarks/run 'proxy\.ConnectLatencyBenchmark'
 * }</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ConnectLatencyBenchmark {
  private Loopback.Origin echo;
  private EgressProxy proxy;
  private String target;
  private final ByteBuffer kib = ByteBuffer.allocateDirect(1024);
  private final ByteBuffer back = ByteBuffer.allocateDirect(1024);

  /** Starts the echo origin and the proxy. */
  @Setup
  public void setUp() throws IOException {
    echo = new Loopback.Origin(Loopback::echo);
    target = "127.0.0.1:" + echo.port();
    proxy = EgressProxy.builder().policy(EgressPolicy.builder().allow(target)).auditSink(AuditSink.discarding()).build();
    proxy.start();
  }

  /** Stops them. */
  @TearDown
  public void tearDown() throws IOException {
    proxy.close();
    echo.close();
  }

  private int echo(SocketChannel c) throws IOException {
    kib.clear();
    Loopback.writeAll(c, kib);
    back.clear();
    Loopback.readFully(c, back);
    c.setOption(StandardSocketOptions.SO_LINGER, 0);
    c.close();
    return back.get(0);
  }

  /** Ours: connect to the proxy, CONNECT, 1 KiB echo. */
  @Benchmark
  public int connectThroughProxyAndEcho1KiB() throws IOException {
    SocketChannel c = Loopback.connect(proxy.address());
    Loopback.connectTunnel(c, target);
    return echo(c);
  }

  /** Anchor: connect directly, 1 KiB echo. */
  @Benchmark
  public int anchorConnectDirectAndEcho1KiB() throws IOException {
    return echo(Loopback.connect(echo.address()));
  }
}
