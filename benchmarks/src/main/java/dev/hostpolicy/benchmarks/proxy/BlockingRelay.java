package dev.hostpolicy.benchmarks.proxy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;

/**
 * The anchor for the tunnel benchmarks: the relay a developer would write first — two threads per
 * tunnel blocking on {@link SocketChannel}s (a thread per pump, ending with it), one 64 KiB direct
 * buffer per direction, half-close passed on — to one fixed target, with no request parsing and no
 * policy at all.
 */
final class BlockingRelay implements AutoCloseable {
  private final ServerSocketChannel server;
  private final java.util.concurrent.atomic.AtomicInteger active = new java.util.concurrent.atomic.AtomicInteger();
  /** A new thread for every task: the relay keeps no idle threads, so its threads are its tunnels'. */
  private final java.util.concurrent.Executor pool = r -> {
    Thread t = new Thread(r, "bench-relay");
    t.setDaemon(true);
    t.start();
  };

  BlockingRelay(InetSocketAddress target) throws IOException {
    server = ServerSocketChannel.open();
    server.bind(new InetSocketAddress(Loopback.LOOPBACK, 0), 4096);
    pool.execute(() -> {
      while (server.isOpen()) {
        try {
          SocketChannel client = server.accept();
          pool.execute(() -> relay(client, target));
        } catch (IOException e) {
          return;
        }
      }
    });
  }

  private void relay(SocketChannel client, InetSocketAddress target) {
    active.incrementAndGet();
    try {
      SocketChannel up = Loopback.connect(target);
      client.setOption(StandardSocketOptions.TCP_NODELAY, true);
      active.incrementAndGet();
      pool.execute(() -> {
        pump(up, client);
        active.decrementAndGet();
      });
      pump(client, up);
    } catch (IOException e) {
      close(client);
    } finally {
      active.decrementAndGet();
    }
  }

  /** Pump threads running now. */
  int active() {
    return active.get();
  }

  private static void pump(SocketChannel from, SocketChannel to) {
    ByteBuffer b = ByteBuffer.allocateDirect(64 * 1024);
    try {
      while (from.read(b) >= 0) {
        b.flip();
        while (b.hasRemaining()) {
          to.write(b);
        }
        b.clear();
      }
      to.shutdownOutput();
    } catch (IOException e) {
      close(from);
      close(to);
    }
  }

  private static void close(SocketChannel c) {
    try {
      c.close();
    } catch (IOException e) {
      // best effort
    }
  }

  InetSocketAddress address() throws IOException {
    return (InetSocketAddress) server.getLocalAddress();
  }

  @Override
  public void close() throws IOException {
    server.close();
  }
}
