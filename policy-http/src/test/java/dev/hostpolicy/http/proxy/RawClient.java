package dev.hostpolicy.http.proxy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** A raw socket client that sends exactly the bytes a test gives it and reads responses by hand. */
final class RawClient implements AutoCloseable {
  /** A response: status, header lines as received, body. */
  record Response(int status, List<String> headers, byte[] body) {
    String header(String name) {
      for (String h : headers) {
        int colon = h.indexOf(':');
        if (h.substring(0, colon).equalsIgnoreCase(name)) {
          return h.substring(colon + 1).trim();
        }
      }
      return null;
    }

    List<String> all(String name) {
      List<String> out = new ArrayList<>();
      for (String h : headers) {
        int colon = h.indexOf(':');
        if (h.substring(0, colon).equalsIgnoreCase(name)) {
          out.add(h.substring(colon + 1).trim());
        }
      }
      return out;
    }

    String text() {
      return new String(body, StandardCharsets.UTF_8);
    }
  }

  private final Socket socket;
  private final InputStream in;

  private RawClient(Socket socket) throws IOException {
    this.socket = socket;
    this.in = socket.getInputStream();
  }

  static RawClient connect(InetSocketAddress to) throws IOException {
    Socket s = new Socket();
    s.connect(to, 10_000);
    s.setSoTimeout(20_000);
    return new RawClient(s);
  }

  /** Connects to the proxy and opens a CONNECT tunnel to {@code target}; fails unless the proxy answers 200. */
  static RawClient tunnel(InetSocketAddress proxy, String target) throws IOException {
    RawClient c = connect(proxy);
    c.send("CONNECT " + target + " HTTP/1.1\r\nHost: " + target + "\r\n\r\n");
    Response r = c.read(true);
    if (r.status() != 200) {
      c.close();
      throw new IOException("CONNECT " + target + " answered " + r.status() + " " + r.header("X-HostPolicy-Deny"));
    }
    return c;
  }

  Socket socket() {
    return socket;
  }

  RawClient send(String text) throws IOException {
    return send(text.getBytes(StandardCharsets.ISO_8859_1));
  }

  RawClient send(byte[] bytes) throws IOException {
    socket.getOutputStream().write(bytes);
    socket.getOutputStream().flush();
    return this;
  }

  /** Reads one response: head, then a Content-Length or chunked body (or none for 1xx/204/304/HEAD). */
  Response read() throws IOException {
    return read(false);
  }

  Response read(boolean head) throws IOException {
    String h = TcpOrigin.readHead(in);
    if (h == null) {
      throw new IOException("connection closed before a response");
    }
    String[] lines = h.split("\r\n");
    int status = Integer.parseInt(lines[0].substring(9, 12));
    List<String> headers = new ArrayList<>();
    for (int i = 1; i < lines.length; i++) {
      if (!lines[i].isEmpty()) {
        headers.add(lines[i]);
      }
    }
    Response r = new Response(status, headers, new byte[0]);
    if (head || status < 200 || status == 204 || status == 304) {
      return r;
    }
    String cl = r.header("content-length");
    String te = r.header("transfer-encoding");
    byte[] body;
    if (cl != null) {
      body = in.readNBytes(Integer.parseInt(cl));
    } else if (te != null && te.toLowerCase(Locale.ROOT).endsWith("chunked")) {
      ByteArrayOutputStream b = new ByteArrayOutputStream();
      while (true) {
        String line = readLine();
        int n = Integer.parseInt(line.split(";")[0], 16);
        if (n == 0) {
          while (!readLine().isEmpty()) {
            // trailers
          }
          break;
        }
        b.write(in.readNBytes(n));
        readLine();
      }
      body = b.toByteArray();
    } else {
      body = in.readAllBytes();
    }
    return new Response(status, headers, body);
  }

  private String readLine() throws IOException {
    StringBuilder sb = new StringBuilder();
    int c;
    while ((c = in.read()) != '\n') {
      if (c < 0) {
        throw new IOException("eof");
      }
      if (c != '\r') {
        sb.append((char) c);
      }
    }
    return sb.toString();
  }

  /** Whether the peer closed: the next read sees end of stream (within the socket timeout). */
  boolean closedByPeer() throws IOException {
    try {
      return in.read() < 0;
    } catch (SocketTimeoutException e) {
      return false;
    } catch (IOException e) {
      return true; // reset counts as closed
    }
  }

  InputStream in() {
    return in;
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
