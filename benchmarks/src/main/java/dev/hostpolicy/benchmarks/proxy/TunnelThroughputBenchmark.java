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
 * Bulk throughput of one established tunnel: each operation sends 8 MiB from the client to a sink
 * origin and waits for its one-byte acknowledgement. Ours goes through an {@code EgressProxy} CONNECT
 * tunnel; the anchors are a direct loopback connection (the ceiling; target ratio ≥ 0.8) and a
 * blocking two-threads-per-tunnel relay with no policy. MiB/s = ops/s × 8. All on one machine, so the
 * proxy's extra hop competes with client and origin for the same cores.
 *
 * <pre>{@code
 * benchmarks/run 'proxy\.TunnelThroughputBenchmark'
 * }</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class TunnelThroughputBenchmark {
  static final int CHUNK = 8 << 20;

  private Loopback.Origin sink;
  private EgressProxy proxy;
  private BlockingRelay relay;
  private SocketChannel viaProxy;
  private SocketChannel direct;
  private SocketChannel viaRelay;
  private final ByteBuffer block = ByteBuffer.allocateDirect(256 * 1024);
  private final ByteBuffer ack = ByteBuffer.allocate(1);

  /** Starts the sink, the proxy and the relay, and opens one long-lived connection through each. */
  @Setup
  public void setUp() throws IOException {
    sink = new Loopback.Origin(Loopback.sink(CHUNK));
    proxy = EgressProxy.builder().policy(EgressPolicy.builder().allow("127.0.0.1:" + sink.port()))
        .auditSink(AuditSink.discarding()).build();
    proxy.start();
    relay = new BlockingRelay(sink.address());
    viaProxy = Loopback.connect(proxy.address());
    Loopback.connectTunnel(viaProxy, "127.0.0.1:" + sink.port());
    direct = Loopback.connect(sink.address());
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
    sink.close();
  }

  private int send(SocketChannel c) throws IOException {
    for (int sent = 0; sent < CHUNK; sent += block.capacity()) {
      block.clear();
      Loopback.writeAll(c, block);
    }
    ack.clear();
    Loopback.readFully(c, ack);
    return ack.get(0);
  }

  /** Ours: 8 MiB through an egress proxy tunnel. */
  @Benchmark
  public int throughEgressProxyTunnel() throws IOException {
    return send(viaProxy);
  }

  /** Anchor: 8 MiB over a direct loopback connection. */
  @Benchmark
  public int anchorDirectLoopback() throws IOException {
    return send(direct);
  }

  /** Anchor: 8 MiB through a blocking relay with two threads per tunnel. */
  @Benchmark
  public int anchorBlockingRelay() throws IOException {
    return send(viaRelay);
  }
}
