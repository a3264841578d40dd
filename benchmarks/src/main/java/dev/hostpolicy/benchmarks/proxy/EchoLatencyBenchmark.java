package dev.hostpolicy.benchmarks.proxy;

import dev.hostpolicy.api.spi.AuditSink;
import dev.hostpolicy.core.net.EgressPolicy;
import dev.hostpolicy.http.proxy.EgressProxy;
import java.io.IOException;
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
 * Round-trip latency of a 1 KiB echo over an established connection: through an egress proxy tunnel
 * (ours; one selector hop each way) against a direct loopback connection and a blocking relay.
 *
 * <pre>{@code
 * benchmarks/run 'proxy\.EchoLatencyBenchmark'
 * }</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class EchoLatencyBenchmark {
  private Loopback.Origin echo;
  private EgressProxy proxy;
  private BlockingRelay relay;
  private SocketChannel viaProxy;
  private SocketChannel direct;
  private SocketChannel viaRelay;
  private final ByteBuffer kib = ByteBuffer.allocateDirect(1024);
  private final ByteBuffer back = ByteBuffer.allocateDirect(1024);

  /** Starts the origin, proxy and relay; opens one connection through each. */
  @Setup
  public void setUp() throws IOException {
    echo = new Loopback.Origin(Loopback::echo);
    proxy = EgressProxy.builder().policy(EgressPolicy.builder().allow("127.0.0.1:" + echo.port()))
        .auditSink(AuditSink.discarding()).build();
    proxy.start();
    relay = new BlockingRelay(echo.address());
    viaProxy = Loopback.connect(proxy.address());
    Loopback.connectTunnel(viaProxy, "127.0.0.1:" + echo.port());
    direct = Loopback.connect(echo.address());
    viaRelay = Loopback.connect(relay.address());
  }

  /** Closes everything. */
  @TearDown
  public void tearDown() throws IOException {
    viaProxy.close();
    direct.close();
    viaRelay.close();
    proxy.close();
    relay.close();
    echo.close();
  }

  private int roundTrip(SocketChannel c) throws IOException {
    kib.clear();
    Loopback.writeAll(c, kib);
    back.clear();
    Loopback.readFully(c, back);
    return back.get(0);
  }

  /** Ours: 1 KiB echo through an open proxy tunnel. */
  @Benchmark
  public int echo1KiBThroughProxyTunnel() throws IOException {
    return roundTrip(viaProxy);
  }

  /** Anchor: 1 KiB echo over an open direct connection. */
  @Benchmark
  public int anchorEcho1KiBDirect() throws IOException {
    return roundTrip(direct);
  }

  /** Anchor: 1 KiB echo through an open blocking relay. */
  @Benchmark
  public int anchorEcho1KiBBlockingRelay() throws IOException {
    return roundTrip(viaRelay);
  }
}
