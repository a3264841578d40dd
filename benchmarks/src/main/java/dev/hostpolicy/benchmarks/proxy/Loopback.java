package dev.hostpolicy.benchmarks.proxy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** Loopback origins and a blocking client for the proxy benchmarks. */
final class Loopback {
  private Loopback() {}

  static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

  /** An origin server: one thread per connection, serving with {@code handler}. */
  static final class Origin implements AutoCloseable {
    interface Handler {
      void serve(SocketChannel c) throws IOException;
    }

    private final ServerSocketChannel server;
    private final ExecutorService pool = Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "bench-origin");
      t.setDaemon(true);
      return t;
    });

    Origin(Handler handler) throws IOException {
      server = ServerSocketChannel.open();
      server.bind(new InetSocketAddress(LOOPBACK, 0), 4096);
      pool.execute(() -> {
        while (server.isOpen()) {
          try {
            SocketChannel c = server.accept();
            c.setOption(StandardSocketOptions.TCP_NODELAY, true);
            pool.execute(() -> {
              try (c) {
                handler.serve(c);
              } catch (IOException e) {
                // peer gone
              }
            });
          } catch (IOException e) {
            return;
          }
        }
      });
    }

    InetSocketAddress address() throws IOException {
      return (InetSocketAddress) server.getLocalAddress();
    }

    int port() throws IOException {
      return address().getPort();
    }

    @Override
    public void close() throws IOException {
      server.close();
      pool.shutdownNow();
    }
  }

  /** Reads everything; after every {@code ackEvery} bytes, answers one byte. */
  static Origin.Handler sink(long ackEvery) {
    return c -> {
      ByteBuffer b = ByteBuffer.allocateDirect(64 * 1024);
      ByteBuffer ack = ByteBuffer.allocate(1);
      long seen = 0;
      while (true) {
        b.clear();
        int n = c.read(b);
        if (n < 0) {
          return;
        }
        seen += n;
        while (seen >= ackEvery) {
          seen -= ackEvery;
          ack.clear();
          c.write(ack);
        }
      }
    };
  }

  /** Echoes; on end of stream, closes. */
  static void echo(SocketChannel c) throws IOException {
    ByteBuffer b = ByteBuffer.allocateDirect(16 * 1024);
    while (c.read(b) >= 0) {
      b.flip();
      while (b.hasRemaining()) {
        c.write(b);
      }
      b.clear();
    }
  }

  static SocketChannel connect(InetSocketAddress to) throws IOException {
    SocketChannel c = SocketChannel.open();
    c.setOption(StandardSocketOptions.TCP_NODELAY, true);
    c.connect(to);
    return c;
  }

  /** Sends {@code CONNECT target} and reads the proxy's 200 head. */
  static void connectTunnel(SocketChannel c, String target) throws IOException {
    writeAll(c, ByteBuffer.wrap(("CONNECT " + target + " HTTP/1.1\r\nHost: " + target + "\r\n\r\n")
        .getBytes(StandardCharsets.US_ASCII)));
    ByteBuffer head = ByteBuffer.allocate(512);
    while (true) {
      if (c.read(head) < 0) {
        throw new IOException("the proxy closed before answering CONNECT");
      }
      int n = head.position();
      if (n >= 4 && head.get(n - 4) == '\r' && head.get(n - 3) == '\n' && head.get(n - 2) == '\r' && head.get(n - 1) == '\n') {
        break;
      }
    }
    if (head.get(9) != '2') {
      throw new IOException("CONNECT refused: " + new String(head.array(), 0, head.position(), StandardCharsets.US_ASCII));
    }
  }

  static void writeAll(SocketChannel c, ByteBuffer b) throws IOException {
    while (b.hasRemaining()) {
      c.write(b);
    }
  }

  static void readFully(SocketChannel c, ByteBuffer b) throws IOException {
    while (b.hasRemaining()) {
      if (c.read(b) < 0) {
        throw new IOException("end of stream after " + b.position() + " bytes");
      }
    }
  }
}
