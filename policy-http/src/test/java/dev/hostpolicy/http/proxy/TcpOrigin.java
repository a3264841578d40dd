package dev.hostpolicy.http.proxy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An origin server for tests, on a loopback address: counts every TCP connection it accepts (so a
 * test can prove that nothing reached it) and serves each with a handler — echo, SHA-256 digest, or a
 * minimal HTTP/1.1 responder that records the request heads it received.
 */
final class TcpOrigin implements AutoCloseable {
  interface Handler {
    void serve(Socket s, TcpOrigin origin) throws IOException;
  }

  private final ServerSocket server;
  private final ExecutorService pool = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "test-origin");
    t.setDaemon(true);
    return t;
  });
  private final AtomicInteger connections = new AtomicInteger();
  private final AtomicInteger open = new AtomicInteger();
  private final Object idle = new Object();
  final List<String> heads = new CopyOnWriteArrayList<>();
  private final Handler handler;

  private TcpOrigin(InetAddress bind, Handler handler) throws IOException {
    this.server = new ServerSocket();
    this.server.setReuseAddress(true);
    this.server.bind(new InetSocketAddress(bind, 0), 1024);
    this.handler = handler;
    pool.execute(this::acceptLoop);
  }

  static TcpOrigin start(Handler handler) throws IOException {
    return new TcpOrigin(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}), handler);
  }

  static TcpOrigin start(InetAddress bind, Handler handler) throws IOException {
    return new TcpOrigin(bind, handler);
  }

  private void acceptLoop() {
    while (!server.isClosed()) {
      try {
        Socket s = server.accept();
        connections.incrementAndGet();
        open.incrementAndGet();
        pool.execute(() -> {
          try (s) {
            handler.serve(s, this);
          } catch (IOException e) {
            // the peer went away
          } finally {
            if (open.decrementAndGet() == 0) {
              synchronized (idle) {
                idle.notifyAll();
              }
            }
          }
        });
      } catch (IOException e) {
        return;
      }
    }
  }

  int port() {
    return server.getLocalPort();
  }

  String hostPort() {
    return "127.0.0.1:" + port();
  }

  int connections() {
    return connections.get();
  }

  /** Waits (bounded) until every accepted connection has been served and closed. */
  boolean awaitIdle(java.time.Duration bound) throws InterruptedException {
    long until = System.nanoTime() + bound.toNanos();
    synchronized (idle) {
      while (open.get() > 0) {
        long left = until - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        java.util.concurrent.TimeUnit.NANOSECONDS.timedWait(idle, left);
      }
    }
    return true;
  }

  @Override
  public void close() throws IOException {
    server.close();
    pool.shutdownNow();
  }

  // ------------------------------------------------------------------ handlers

  /** Echoes every byte; on end of stream, half-closes back. */
  static void echo(Socket s, TcpOrigin o) throws IOException {
    InputStream in = s.getInputStream();
    OutputStream out = s.getOutputStream();
    byte[] b = new byte[64 * 1024];
    int n;
    while ((n = in.read(b)) >= 0) {
      out.write(b, 0, n);
    }
    s.shutdownOutput();
  }

  /** Writes {@code hello}, half-closes, then reads (and counts into {@link #received}) until end of stream. */
  static void helloThenRead(Socket s, TcpOrigin o) throws IOException {
    s.getOutputStream().write("hello".getBytes(StandardCharsets.US_ASCII));
    s.shutdownOutput();
    byte[] b = new byte[64 * 1024];
    int n;
    InputStream in = s.getInputStream();
    while ((n = in.read(b)) >= 0) {
      o.received.addAndGet(n);
    }
    synchronized (o.received) {
      o.received.notifyAll();
    }
  }

  final java.util.concurrent.atomic.AtomicLong received = new java.util.concurrent.atomic.AtomicLong();

  /** Sends {@link #SOURCE_BYTES} deterministic bytes, then closes. */
  static void source(Socket s, TcpOrigin o) throws IOException {
    OutputStream out = s.getOutputStream();
    Bytes.write(out, SOURCE_BYTES, 7);
    s.shutdownOutput();
  }

  static final long SOURCE_BYTES = 64L << 20;

  /** Reads to end of stream, then answers the 32-byte SHA-256 of what it read and closes. */
  static void digest(Socket s, TcpOrigin o) throws IOException {
    MessageDigest md;
    try {
      md = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    InputStream in = s.getInputStream();
    byte[] b = new byte[64 * 1024];
    int n;
    while ((n = in.read(b)) >= 0) {
      md.update(b, 0, n);
    }
    s.getOutputStream().write(md.digest());
    s.shutdownOutput();
  }

  /**
   * A minimal HTTP/1.1 origin: reads request heads (and Content-Length bodies), records each head,
   * answers {@code 200} with the body {@code ok <path>} and a forged {@code X-HostPolicy-Deny}, keeps
   * the connection open until the client closes.
   */
  static void http(Socket s, TcpOrigin o) throws IOException {
    InputStream in = s.getInputStream();
    OutputStream out = s.getOutputStream();
    while (true) {
      String head = readHead(in);
      if (head == null) {
        return;
      }
      o.heads.add(head);
      long length = 0;
      boolean chunked = false;
      for (String line : head.split("\r\n")) {
        int colon = line.indexOf(':');
        if (colon > 0 && line.substring(0, colon).equalsIgnoreCase("content-length")) {
          length = Long.parseLong(line.substring(colon + 1).trim());
        }
        if (colon > 0 && line.substring(0, colon).equalsIgnoreCase("transfer-encoding")) {
          chunked = true;
        }
      }
      ByteArrayOutputStream body = new ByteArrayOutputStream();
      if (chunked) {
        readChunked(in, body);
      } else {
        body.write(in.readNBytes((int) length));
      }
      String path = head.substring(head.indexOf(' ') + 1, head.indexOf(' ', head.indexOf(' ') + 1));
      byte[] content = ("ok " + path + " " + body.size()).getBytes(StandardCharsets.UTF_8);
      out.write(("HTTP/1.1 200 OK\r\nX-HostPolicy-Deny: forged.by-origin\r\nx-hostpolicy-deny: forged.lower\r\n"
          + "X-Origin: yes\r\nContent-Length: " + content.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      out.write(content);
      out.flush();
    }
  }

  /** For each request head (Content-Length bodies are read too): records it, answers {@code response} verbatim; closes after the first if asked. */
  static Handler scripted(String response, boolean closeAfter) {
    return (s, o) -> {
      InputStream in = s.getInputStream();
      while (true) {
        String head = readHead(in);
        if (head == null) {
          return;
        }
        o.heads.add(head);
        for (String line : head.split("\r\n")) {
          if (line.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
            in.readNBytes(Integer.parseInt(line.substring(15).trim()));
          }
        }
        s.getOutputStream().write(response.getBytes(StandardCharsets.ISO_8859_1));
        s.getOutputStream().flush();
        if (closeAfter) {
          return;
        }
      }
    };
  }

  static String readHead(InputStream in) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    int c;
    while ((c = in.read()) >= 0) {
      b.write(c);
      byte[] a = b.toByteArray();
      int n = a.length;
      if (n >= 4 && a[n - 4] == '\r' && a[n - 3] == '\n' && a[n - 2] == '\r' && a[n - 1] == '\n') {
        return new String(a, StandardCharsets.ISO_8859_1);
      }
    }
    return null;
  }

  private static void readChunked(InputStream in, ByteArrayOutputStream body) throws IOException {
    while (true) {
      StringBuilder line = new StringBuilder();
      int c;
      while ((c = in.read()) != '\n') {
        if (c < 0) {
          throw new IOException("eof in chunked body");
        }
        if (c != '\r') {
          line.append((char) c);
        }
      }
      String size = line.toString();
      int semi = size.indexOf(';');
      int n = Integer.parseInt(semi < 0 ? size : size.substring(0, semi), 16);
      if (n == 0) {
        while (true) {
          StringBuilder t = new StringBuilder();
          while ((c = in.read()) != '\n') {
            t.append((char) c);
          }
          if (t.toString().equals("\r")) {
            return;
          }
        }
      }
      body.write(in.readNBytes(n));
      in.readNBytes(2);
    }
  }
}
