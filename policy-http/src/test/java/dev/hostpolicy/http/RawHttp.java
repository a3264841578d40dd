package dev.hostpolicy.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A minimal HTTP/1.1 client over a real loopback socket with full control of the request head
 * (repeated, missing or hostile headers), reading the whole response of a {@code Connection: close}
 * exchange. The tests' oracle for what a server really sends.
 */
public final class RawHttp {
  private final String method;
  private final String target;
  private final List<String[]> headers = new ArrayList<>();
  private byte[] body;
  private boolean host = true;

  private RawHttp(String method, String target) {
    this.method = method;
    this.target = target;
  }

  public static RawHttp request(String method, String target) {
    return new RawHttp(method, target);
  }

  public RawHttp header(String name, String value) {
    if (name.equalsIgnoreCase("Host")) {
      host = false;
    }
    headers.add(new String[] {name, value});
    return this;
  }

  public RawHttp bearer(String token) {
    return header("Authorization", "Bearer " + token);
  }

  public RawHttp noHost() {
    host = false;
    return this;
  }

  public RawHttp body(byte[] bytes) {
    this.body = bytes.clone();
    return this;
  }

  public RawHttp body(String text) {
    return body(text.getBytes(StandardCharsets.UTF_8));
  }

  public RawHttp form(String text) {
    return header("Content-Type", "application/x-www-form-urlencoded").body(text);
  }

  public RawHttp json(String text) {
    return header("Content-Type", "application/json").body(text);
  }

  public Response send(int port) throws IOException {
    StringBuilder head = new StringBuilder();
    head.append(method).append(' ').append(target).append(" HTTP/1.1\r\n");
    if (host) {
      head.append("Host: 127.0.0.1:").append(port).append("\r\n");
    }
    for (String[] h : headers) {
      head.append(h[0]).append(": ").append(h[1]).append("\r\n");
    }
    if (body != null) {
      head.append("Content-Length: ").append(body.length).append("\r\n");
    }
    head.append("Connection: close\r\n\r\n");
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 10_000);
      s.setSoTimeout(60_000);
      OutputStream out = s.getOutputStream();
      out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      Thread writer = null;
      if (body != null) {
        // like curl, read the answer while the body is still going out: a server may refuse a large
        // body early and close the connection before taking all of it
        byte[] b = body;
        writer = new Thread(() -> {
          try {
            out.write(b);
            out.flush();
          } catch (IOException e) {
            // the server stopped reading; its answer is what the test looks at
          }
        }, "raw-http-body");
        writer.setDaemon(true);
        writer.start();
      }
      Response r = Response.parse(s.getInputStream(), method.equals("HEAD"));
      if (writer != null) {
        try {
          writer.join(10_000);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      return r;
    }
  }

  /** A parsed response. */
  public record Response(int status, List<String[]> headers, byte[] body) {
    static Response parse(InputStream in, boolean head) throws IOException {
      ByteArrayOutputStream all = new ByteArrayOutputStream();
      byte[] buf = new byte[8192];
      int n;
      try {
        while ((n = in.read(buf)) >= 0) {
          all.write(buf, 0, n);
        }
      } catch (java.net.SocketException e) {
        if (all.size() == 0) {
          throw e; // a reset after the response was read is fine; before it is not
        }
      }
      byte[] bytes = all.toByteArray();
      int end = indexOf(bytes, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
      if (end < 0) {
        throw new IOException("no complete response head: " + new String(bytes, StandardCharsets.ISO_8859_1));
      }
      String[] lines = new String(bytes, 0, end, StandardCharsets.ISO_8859_1).split("\r\n");
      int status = Integer.parseInt(lines[0].split(" ")[1]);
      List<String[]> headers = new ArrayList<>();
      for (int i = 1; i < lines.length; i++) {
        int colon = lines[i].indexOf(':');
        headers.add(new String[] {lines[i].substring(0, colon), lines[i].substring(colon + 1).strip()});
      }
      byte[] rest = Arrays.copyOfRange(bytes, end + 4, bytes.length);
      Response r = new Response(status, headers, rest);
      if (!head && r.header("Transfer-Encoding").map(v -> v.toLowerCase(Locale.ROOT).contains("chunked")).orElse(false)) {
        return new Response(status, headers, dechunk(rest));
      }
      return r;
    }

    public Optional<String> header(String name) {
      for (String[] h : headers) {
        if (h[0].equalsIgnoreCase(name)) {
          return Optional.of(h[1]);
        }
      }
      return Optional.empty();
    }

    public List<String> headers(String name) {
      List<String> out = new ArrayList<>();
      for (String[] h : headers) {
        if (h[0].equalsIgnoreCase(name)) {
          out.add(h[1]);
        }
      }
      return out;
    }

    /** Header lines "name: value" with names lower-cased, in order, minus the named ones. */
    public List<String> headerLinesExcept(String... names) {
      List<String> skip = Arrays.stream(names).map(x -> x.toLowerCase(Locale.ROOT)).toList();
      List<String> out = new ArrayList<>();
      for (String[] h : headers) {
        if (!skip.contains(h[0].toLowerCase(Locale.ROOT))) {
          out.add(h[0].toLowerCase(Locale.ROOT) + ": " + h[1]);
        }
      }
      return out;
    }

    public String text() {
      return new String(body, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
      return status + " " + headerLinesExcept() + " " + text();
    }

    private static byte[] dechunk(byte[] b) throws IOException {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      int i = 0;
      while (true) {
        int eol = indexOf(Arrays.copyOfRange(b, i, b.length), "\r\n".getBytes(StandardCharsets.ISO_8859_1));
        if (eol < 0) {
          throw new IOException("bad chunk");
        }
        String size = new String(b, i, eol, StandardCharsets.ISO_8859_1);
        int semi = size.indexOf(';');
        int len = Integer.parseInt((semi < 0 ? size : size.substring(0, semi)).strip(), 16);
        i += eol + 2;
        if (len == 0) {
          return out.toByteArray();
        }
        out.write(b, i, len);
        i += len + 2;
      }
    }

    private static int indexOf(byte[] hay, byte[] needle) {
      outer:
      for (int i = 0; i + needle.length <= hay.length; i++) {
        for (int j = 0; j < needle.length; j++) {
          if (hay[i + j] != needle[j]) {
            continue outer;
          }
        }
        return i;
      }
      return -1;
    }
  }
}
