package dev.hostpolicy.benchmarks.proxy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Memory per idle tunnel. The proxy runs in its own, fresh JVM for every operation
 * ({@link ProxyProcess}, heap fixed and pre-touched: {@code -Xms256m -Xmx256m -XX:+AlwaysPreTouch},
 * so heap growth never shows in the resident set; warmed up with 20 tunnels). Each operation opens {@code tunnels} tunnels to an echo origin in this JVM, moves one
 * byte through each (so every buffer a design keeps is touched), and asks the child to measure; the
 * tunnels are then closed. Reported as auxiliary counters: {@code kibPerIdleTunnel} = (resident set
 * growth + live heap growth after two full GCs) / tunnels, and {@code threadsPerIdleTunnel}. The
 * primary score is the time to open the tunnels. Ours is the egress proxy (CONNECT, decision, then a
 * selector-served tunnel holding no buffer when idle); the anchor is the blocking relay with two
 * threads and two 64 KiB direct buffers per tunnel.
 *
 * <pre>{@code
 * benchmarks/run 'proxy\.IdleTunnelMemoryBenchmark'
 * }</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class IdleTunnelMemoryBenchmark {

  /** How many idle tunnels are held open at once. */
  @Param({"1000"})
  public int tunnels;

  /** The measured figures of one operation. */
  @State(Scope.Thread)
  @AuxCounters(AuxCounters.Type.EVENTS)
  public static class Figures {
    /** Resident set plus live heap growth per idle tunnel, in KiB. */
    public double kibPerIdleTunnel;
    /** Threads per idle tunnel. */
    public double threadsPerIdleTunnel;

    /** Clears the figures before each operation. */
    @Setup(Level.Invocation)
    public void clear() {
      kibPerIdleTunnel = 0;
      threadsPerIdleTunnel = 0;
    }
  }

  /** A child JVM running a proxy or the relay. */
  private static final class Child {
    final Process process;
    final BufferedReader out;
    final OutputStream in;
    final int port;

    Child(String kind, int target) throws IOException {
      String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
      process = new ProcessBuilder(java, "-Xms256m", "-Xmx256m", "-XX:+AlwaysPreTouch", "-XX:+UseSerialGC", "-cp",
          System.getProperty("java.class.path"), ProxyProcess.class.getName(), kind, Integer.toString(target))
          .redirectError(ProcessBuilder.Redirect.INHERIT).start();
      out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
      in = process.getOutputStream();
      port = Integer.parseInt(out.readLine().trim());
    }

    /** {@code [rssKib, heapBytes, directBytes, threads]} after waiting for idle (or not). */
    long[] measure(boolean idle) throws IOException {
      in.write((idle ? "idle\n" : "now\n").getBytes(StandardCharsets.US_ASCII));
      in.flush();
      String[] f = out.readLine().trim().split(" ");
      return new long[] {Long.parseLong(f[0]), Long.parseLong(f[1]), Long.parseLong(f[2]), Long.parseLong(f[3])};
    }

    void stop() throws InterruptedException {
      process.destroy();
      process.waitFor(10, TimeUnit.SECONDS);
    }
  }

  private Loopback.Origin echo;
  private Child proxy;
  private Child relay;

  /** Starts the echo origin. */
  @Setup(Level.Trial)
  public void startOrigin() throws IOException {
    echo = new Loopback.Origin(Loopback::echo);
  }

  /** Stops the origin. */
  @TearDown(Level.Trial)
  public void stopOrigin() throws IOException {
    echo.close();
  }

  /**
   * Fresh child processes for every operation: memory a process has used and freed stays in its
   * allocator and would hide the next round's growth. Each is warmed up with 20 tunnels first.
   */
  @Setup(Level.Invocation)
  public void startChildren() throws IOException {
    proxy = new Child("proxy", echo.port());
    relay = new Child("relay", echo.port());
    Figures ignored = new Figures();
    int n = tunnels;
    tunnels = 20;
    try {
      run(proxy, true, ignored);
      run(relay, false, ignored);
    } finally {
      tunnels = n;
    }
  }

  /** Stops the children. */
  @TearDown(Level.Invocation)
  public void stopChildren() throws InterruptedException {
    proxy.stop();
    relay.stop();
  }

  private void run(Child child, boolean connect, Figures figures) throws IOException {
    long[] before = child.measure(true);
    List<SocketChannel> open = new ArrayList<>(tunnels);
    ByteBuffer one = ByteBuffer.allocate(1);
    try {
      for (int i = 0; i < tunnels; i++) {
        SocketChannel c = Loopback.connect(new java.net.InetSocketAddress(Loopback.LOOPBACK, child.port));
        open.add(c);
        if (connect) {
          Loopback.connectTunnel(c, "127.0.0.1:" + echo.port());
        }
        one.clear();
        Loopback.writeAll(c, one);
        one.clear();
        Loopback.readFully(c, one);
      }
      long[] after = child.measure(false);
      double kib = (after[0] - before[0]) + (after[1] - before[1]) / 1024.0;
      figures.kibPerIdleTunnel = kib / tunnels;
      figures.threadsPerIdleTunnel = (after[3] - before[3]) / (double) tunnels;
    } finally {
      for (SocketChannel c : open) {
        c.close();
      }
    }
  }

  /** Ours: idle tunnels through the egress proxy. */
  @Benchmark
  public void idleTunnelsThroughEgressProxy(Figures figures) throws IOException {
    run(proxy, true, figures);
  }

  /** Anchor: idle tunnels through the blocking two-threads-per-tunnel relay. */
  @Benchmark
  public void anchorIdleTunnelsThroughBlockingRelay(Figures figures) throws IOException {
    run(relay, false, figures);
  }
}
