package dev.hostpolicy.http.headers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hostpolicy.http.headers.SecurityHeaders.Audience;
import dev.hostpolicy.http.headers.SecurityHeaders.Transport;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The header set on the wire: a loopback server writes each response's headers (and a page using
 * its nonce) as plain HTTP/1.1, and the JDK's HTTP client reads them back. Every header arrives as
 * sent, exactly once; the nonce in the CSP is the one in the page; it changes with each response.
 */
class SecurityHeadersIT {

  private static void serveOne(ServerSocket server) throws Exception {
    try (Socket s = server.accept()) {
      InputStream in = s.getInputStream();
      ByteArrayOutputStream request = new ByteArrayOutputStream();
      while (!request.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
        int b = in.read();
        if (b < 0) {
          return;
        }
        request.write(b);
      }
      SecurityHeaders.Response r = SecurityHeaders.strict().forResponse(Transport.HTTP, Audience.AUTHENTICATED);
      byte[] body = ("<script nonce=\"" + r.nonce().value() + "\">1</script>").getBytes(StandardCharsets.UTF_8);
      StringBuilder head = new StringBuilder("HTTP/1.1 200 OK\r\n");
      r.applyTo((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
      head.append("Content-Type: text/html; charset=utf-8\r\nContent-Length: ").append(body.length)
          .append("\r\nConnection: close\r\n\r\n");
      OutputStream out = s.getOutputStream();
      out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
      out.write(body);
      out.flush();
    }
  }

  @Test
  void headersAndNonceReachAnHttpClient() throws Exception {
    ExecutorService exec = Executors.newSingleThreadExecutor();
    try (ServerSocket server = new ServerSocket(0, 10, InetAddress.getByName("127.0.0.1"))) {
      String first = null;
      for (int i = 0; i < 2; i++) {
        Future<?> served = exec.submit(() -> {
          serveOne(server);
          return null;
        });
        HttpURLConnection c = (HttpURLConnection) URI.create("http://127.0.0.1:" + server.getLocalPort() + "/").toURL()
            .openConnection();
        c.setConnectTimeout(10_000);
        c.setReadTimeout(10_000);
        assertThat(c.getResponseCode()).isEqualTo(200);
        String page = new String(c.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        served.get(30, TimeUnit.SECONDS);
        assertThat(c.getHeaderField("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(c.getHeaderField("X-Frame-Options")).isEqualTo("DENY");
        assertThat(c.getHeaderField("Referrer-Policy")).isEqualTo("no-referrer");
        assertThat(c.getHeaderField("Cross-Origin-Opener-Policy")).isEqualTo("same-origin");
        assertThat(c.getHeaderField("Cross-Origin-Resource-Policy")).isEqualTo("same-origin");
        assertThat(c.getHeaderField("Cache-Control")).isEqualTo("no-store");
        assertThat(c.getHeaderField("Permissions-Policy")).isEqualTo(SecurityHeaders.DEFAULT_PERMISSIONS_POLICY);
        assertThat(c.getHeaderField("Strict-Transport-Security")).isNull();
        assertThat(c.getHeaderFields().get("Content-Security-Policy")).hasSize(1);
        String csp = c.getHeaderField("Content-Security-Policy");
        Matcher header = Pattern.compile("script-src 'self' 'nonce-([A-Za-z0-9_-]+)'").matcher(csp);
        Matcher body = Pattern.compile("nonce=\"([^\"]+)\"").matcher(page);
        assertThat(header.find()).as(csp).isTrue();
        assertThat(body.find()).as(page).isTrue();
        assertThat(header.group(1)).isEqualTo(body.group(1));
        if (first == null) {
          first = header.group(1);
        } else {
          assertThat(header.group(1)).isNotEqualTo(first);
        }
      }
    } finally {
      exec.shutdownNow();
    }
  }
}
