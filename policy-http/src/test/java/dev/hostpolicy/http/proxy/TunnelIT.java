package dev.hostpolicy.http.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hostpolicy.core.net.EgressPolicy;
import dev.hostpolicy.testkit.fake.InMemoryAuditSink;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** CONNECT tunnels under load: concurrency, half-close, bulk integrity, descriptor hygiene. */
class TunnelIT {

  private static EgressProxy proxy(InMemoryAuditSink audit, TcpOrigin... origins) {
    List<String> allow = new ArrayList<>();
    for (TcpOrigin o : origins) {
      allow.add("127.0.0.1:" + o.port());
    }
    return EgressProxy.builder().policy(EgressPolicy.builder().allowAll(allow)).auditSink(audit).build();
  }

  @Test
  void fiveHundredConcurrentTunnels() throws Exception {
    int n = 500;
    try (TcpOrigin echo = TcpOrigin.start(TcpOrigin::echo); EgressProxy p = proxy(InMemoryAuditSink.create(), echo)) {
      p.start();
      List<RawClient> clients = new ArrayList<>();
      try {
        for (int i = 0; i < n; i++) {
          clients.add(RawClient.tunnel(p.address(), echo.hostPort()));
        }
        assertThat(p.openTunnels()).isEqualTo(n);
        assertThat(p.openConnections()).isEqualTo(n);
        for (int i = 0; i < n; i++) {
          clients.get(i).send("ping-" + i + "\n");
        }
        for (int i = 0; i < n; i++) {
          String expected = "ping-" + i + "\n";
          byte[] got = clients.get(i).in().readNBytes(expected.length());
          assertThat(new String(got, StandardCharsets.US_ASCII)).isEqualTo(expected);
        }
      } finally {
        for (RawClient c : clients) {
          c.close();
        }
      }
      assertThat(p.awaitIdle(Duration.ofSeconds(30))).as("all tunnels closed").isTrue();
      assertThat(p.openTunnels()).isZero();
    }
  }

  @Test
  void a256MiBUploadArrivesWithTheSameSha256() throws Exception {
    long size = 256L << 20;
    try (TcpOrigin digest = TcpOrigin.start(TcpOrigin::digest); EgressProxy p = proxy(InMemoryAuditSink.create(), digest)) {
      p.start();
      try (RawClient c = RawClient.tunnel(p.address(), digest.hostPort())) {
        Bytes.write(c.socket().getOutputStream(), size, 42);
        c.socket().shutdownOutput(); // half-close: the origin answers only after end of stream
        byte[] answer = c.in().readNBytes(32);
        assertThat(answer).isEqualTo(Bytes.sha256(size, 42));
        assertThat(c.in().read()).as("the origin's end of stream arrives too").isEqualTo(-1);
      }
    }
  }

  @Test
  void a64MiBDownloadArrivesIntact() throws Exception {
    try (TcpOrigin source = TcpOrigin.start(TcpOrigin::source); EgressProxy p = proxy(InMemoryAuditSink.create(), source)) {
      p.start();
      try (RawClient c = RawClient.tunnel(p.address(), source.hostPort())) {
        MessageDigest md = Bytes.sha256();
        InputStream in = c.in();
        byte[] b = new byte[64 * 1024];
        long total = 0;
        int n;
        while ((n = in.read(b)) >= 0) {
          md.update(b, 0, n);
          total += n;
        }
        assertThat(total).isEqualTo(TcpOrigin.SOURCE_BYTES);
        assertThat(md.digest()).isEqualTo(Bytes.sha256(TcpOrigin.SOURCE_BYTES, 7));
      }
    }
  }

  @Test
  void halfCloseFromTheOriginLeavesTheOtherDirectionOpen() throws Exception {
    try (TcpOrigin origin = TcpOrigin.start(TcpOrigin::helloThenRead); EgressProxy p = proxy(InMemoryAuditSink.create(), origin)) {
      p.start();
      try (RawClient c = RawClient.tunnel(p.address(), origin.hostPort())) {
        assertThat(new String(c.in().readNBytes(5), StandardCharsets.US_ASCII)).isEqualTo("hello");
        assertThat(c.in().read()).as("the origin's half-close is passed on").isEqualTo(-1);
        OutputStream out = c.socket().getOutputStream();
        Bytes.write(out, 1 << 20, 3); // the client -> origin direction still flows
        c.socket().shutdownOutput();
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        synchronized (origin.received) {
          while (origin.received.get() < (1 << 20) && System.nanoTime() < until) {
            origin.received.wait(1000);
          }
        }
        assertThat(origin.received.get()).isEqualTo(1 << 20);
      }
      assertThat(p.awaitIdle(Duration.ofSeconds(30))).isTrue();
    }
  }

  @Test
  void halfCloseFromTheClientLeavesTheOtherDirectionOpen() throws Exception {
    try (TcpOrigin echo = TcpOrigin.start(TcpOrigin::echo); EgressProxy p = proxy(InMemoryAuditSink.create(), echo)) {
      p.start();
      try (RawClient c = RawClient.tunnel(p.address(), echo.hostPort())) {
        c.send("all of this, then end of stream");
        c.socket().shutdownOutput();
        assertThat(new String(c.in().readAllBytes(), StandardCharsets.US_ASCII)).isEqualTo("all of this, then end of stream");
      }
    }
  }

  @Test
  void noDescriptorLeakAfterTenThousandConnections() throws Exception {
    try (TcpOrigin echo = TcpOrigin.start(TcpOrigin::echo);
        TcpOrigin http = TcpOrigin.start(TcpOrigin::http);
        EgressProxy p = proxy(InMemoryAuditSink.create(), echo, http)) {
      p.start();
      ExecutorService clients = Executors.newFixedThreadPool(8);
      try {
        run(clients, p, echo, http, 400); // warm up: classes, pools, JIT
        assertThat(p.awaitIdle(Duration.ofSeconds(30))).isTrue();
        assertThat(echo.awaitIdle(Duration.ofSeconds(30))).isTrue();
        assertThat(http.awaitIdle(Duration.ofSeconds(30))).isTrue();
        long before = openDescriptors();

        run(clients, p, echo, http, 10_000);

        assertThat(p.awaitIdle(Duration.ofSeconds(60))).as("every proxy connection closed").isTrue();
        assertThat(echo.awaitIdle(Duration.ofSeconds(60))).isTrue();
        assertThat(http.awaitIdle(Duration.ofSeconds(60))).isTrue();
        long after = openDescriptors();
        assertThat(after).as("open descriptors before %d, after %d", before, after).isLessThanOrEqualTo(before + 2);
      } finally {
        clients.shutdownNow();
      }
    }
  }

  /** {@code n} connections of four kinds: tunnel + echo, plain GET (two on one connection), denied, malformed. */
  private static void run(ExecutorService clients, EgressProxy p, TcpOrigin echo, TcpOrigin http, int n) throws Exception {
    List<Future<?>> done = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      int kind = i % 10;
      done.add(clients.submit(() -> {
        if (kind < 4) {
          try (RawClient c = RawClient.tunnel(p.address(), echo.hostPort())) {
            c.send("x");
            assertThat(c.in().read()).isEqualTo('x');
          }
        } else if (kind < 7) {
          try (RawClient c = RawClient.connect(p.address())) {
            String get = "GET http://" + http.hostPort() + "/k HTTP/1.1\r\nHost: " + http.hostPort() + "\r\n\r\n";
            c.send(get + get);
            assertThat(c.read().status()).isEqualTo(200);
            assertThat(c.read().status()).isEqualTo(200);
          }
        } else if (kind < 9) {
          try (RawClient c = RawClient.connect(p.address())) {
            c.send("CONNECT 127.0.0.1:1 HTTP/1.1\r\nHost: 127.0.0.1:1\r\n\r\n");
            assertThat(c.read(true).status()).isEqualTo(403);
          }
        } else {
          try (RawClient c = RawClient.connect(p.address())) {
            c.send("GET http://x/ HTTP/1.1\nHost: x\n\n");
            assertThat(c.read().status()).isEqualTo(400);
          }
        }
        return null;
      }));
    }
    for (Future<?> f : done) {
      f.get(120, TimeUnit.SECONDS);
    }
  }

  private static long openDescriptors() throws IOException {
    try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
      return fds.count();
    }
  }
}
