package dev.hostpolicy.process;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/** A tiny loopback HTTP/1.1 origin: answers every request with 200 "origin ok" and counts connections. */
final class TestOrigin implements AutoCloseable {
  private final ServerSocket server;
  private final AtomicInteger connections = new AtomicInteger();

  private TestOrigin(ServerSocket server) {
    this.server = server;
    Thread t = new Thread(this::serve, "test-origin-" + server.getLocalPort());
    t.setDaemon(true);
    t.start();
  }

  static TestOrigin start(String address) throws IOException {
    ServerSocket s = new ServerSocket();
    s.bind(new InetSocketAddress(InetAddress.getByName(address), 0));
    return new TestOrigin(s);
  }

  int port() {
    return server.getLocalPort();
  }

  String hostPort() {
    return server.getInetAddress().getHostAddress() + ":" + port();
  }

  int connections() {
    return connections.get();
  }

  private void serve() {
    while (!server.isClosed()) {
      try (Socket s = server.accept()) {
        connections.incrementAndGet();
        InputStream in = s.getInputStream();
        StringBuilder head = new StringBuilder();
        int c;
        while ((c = in.read()) >= 0) {
          head.append((char) c);
          if (head.length() >= 4 && head.substring(head.length() - 4).equals("\r\n\r\n")) {
            break;
          }
        }
        OutputStream out = s.getOutputStream();
        out.write("HTTP/1.1 200 OK\r\nContent-Length: 9\r\nConnection: close\r\n\r\norigin ok".getBytes(StandardCharsets.US_ASCII));
        out.flush();
      } catch (IOException e) {
        // closed, or a client went away
      }
    }
  }

  @Override
  public void close() throws IOException {
    server.close();
  }
}
