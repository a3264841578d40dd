package dev.hostpolicy.benchmarks.proxy;

import dev.hostpolicy.api.spi.AuditSink;
import dev.hostpolicy.core.net.EgressPolicy;
import dev.hostpolicy.http.proxy.EgressProxy;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The process whose memory {@link IdleTunnelMemoryBenchmark} measures: an {@code EgressProxy} (or the
 * blocking relay anchor) forwarding to a target port, driven over stdin. It prints
 * {@code PORT} first; on {@code measure} it waits until no tunnel is open (or the given number is),
 * runs the garbage collector twice and prints {@code RSS_KIB HEAP_USED_BYTES DIRECT_BYTES THREADS}.
 *
 * <pre>{@code
 * java -Xms256m -Xmx256m -XX:+AlwaysPreTouch -cp benchmarks.jar \
 *     dev.hostpolicy.benchmarks.proxy.ProxyProcess proxy 41234
 * }</pre>
 */
public final class ProxyProcess {
  private ProxyProcess() {}

  /** {@code proxy|relay TARGET_PORT}. */
  public static void main(String[] args) throws Exception {
    PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true, StandardCharsets.UTF_8);
    int target = Integer.parseInt(args[1]);
    EgressProxy proxy = null;
    BlockingRelay relay = null;
    int port;
    if (args[0].equals("proxy")) {
      proxy = EgressProxy.builder().policy(EgressPolicy.builder().allow("127.0.0.1:" + target))
          .auditSink(AuditSink.discarding()).build();
      port = proxy.start().getPort();
    } else {
      relay = new BlockingRelay(new InetSocketAddress(InetAddress.getLoopbackAddress(), target));
      port = relay.address().getPort();
    }
    out.println(port);
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    for (String line = in.readLine(); line != null; line = in.readLine()) {
      if (line.equals("idle")) {
        if (proxy != null) {
          proxy.awaitIdle(Duration.ofSeconds(30));
        } else {
          long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
          while (relay.active() > 0 && System.nanoTime() < until) {
            Thread.onSpinWait();
          }
        }
      }
      System.gc();
      System.gc();
      long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
      long direct = 0;
      for (BufferPoolMXBean b : ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class)) {
        if (b.getName().equals("direct")) {
          direct = b.getMemoryUsed();
        }
      }
      out.println(rssKib() + " " + heap + " " + direct + " " + Thread.activeCount());
    }
    if (proxy != null) {
      proxy.close();
    }
    if (relay != null) {
      relay.close();
    }
  }

  private static long rssKib() throws IOException {
    for (String l : Files.readAllLines(Path.of("/proc/self/status"))) {
      if (l.startsWith("VmRSS:")) {
        return Long.parseLong(l.replaceAll("[^0-9]", ""));
      }
    }
    return -1;
  }
}
