package dev.hostpolicy.http.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hostpolicy.core.net.EgressPolicy;
import dev.hostpolicy.testkit.fake.FakeTimeSource;
import dev.hostpolicy.testkit.fake.InMemoryAuditSink;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Limits and failures: connection cap (503 + Retry-After), idle and header timeouts (judged by an
 * injected clock), connect failure (502) and timeout (504), graceful stop, an audit sink that fails.
 */
class LimitsIT {

  @Test
  void connectionsBeyondTheCapGet503WithRetryAfter() throws Exception {
    InMemoryAuditSink audit = InMemoryAuditSink.create();
    try (TcpOrigin echo = TcpOrigin.start(TcpOrigin::echo);
        EgressProxy p = EgressProxy.builder().policy(EgressPolicy.builder().allow("127.0.0.1:" + echo.port()))
            .auditSink(audit).maxConnections(2).build()) {
      p.start();
      RawClient a = RawClient.tunnel(p.address(), echo.hostPort());
      RawClient b = RawClient.tunnel(p.address(), echo.hostPort());
      try (RawClient c = RawClient.connect(p.address())) {
        c.send("CONNECT " + echo.hostPort() + " HTTP/1.1\r\nHost: x\r\n\r\n");
        RawClient.Response r = c.read();
        assertThat(r.status()).isEqualTo(503);
        assertThat(r.header("Retry-After")).isEqualTo("1");
        assertThat(r.header("X-HostPolicy-Deny")).isEqualTo("proxy.capacity");
        assertThat(c.closedByPeer()).isTrue();
      }
      // the origin's accept thread may count the two tunnels' connections a moment after they were
      // established: wait (bounded) for them, then check the refused one never reached it
      long until = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      while (echo.connections() < 2 && System.nanoTime() < until) {
        Thread.onSpinWait();
        Thread.yield();
      }
      assertThat(echo.connections()).isEqualTo(2);
      a.close();
      assertThat(awaitOpen(p, 1)).isTrue();
      try (RawClient d = RawClient.tunnel(p.address(), echo.hostPort())) {
        d.send("z");
        assertThat(d.in().read()).as("a freed slot is used again").isEqualTo('z');
      }
      b.close();
      assertThat(audit.events("egress.denied")).anySatisfy(e -> assertThat(e.fields()).containsEntry("reason", "proxy.capacity"));
    }
  }

  /** Waits (bounded) until exactly {@code n} client connections are open. */
  static boolean awaitOpen(EgressProxy p, int n) {
    long until = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (p.openConnections() != n) {
      if (System.nanoTime() > until) {
        return false;
      }
      Thread.onSpinWait();
      Thread.yield();
    }
    return true;
  }

  @Test
  void idleTunnelsAndKeepAliveConnectionsCloseAfterTheIdleTimeout() throws Exception {
    FakeTimeSource clock = FakeTimeSource.create();
    try (TcpOrigin echo = TcpOrigin.start(TcpOrigin::echo);
        TcpOrigin http = TcpOrigin.start(TcpOrigin::http);
        EgressProxy p = EgressProxy.builder()
            .policy(EgressPolicy.builder().allow("127.0.0.1:" + echo.port(), "127.0.0.1:" + http.port()))
            .auditSink(InMemoryAuditSink.create()).timeSource(clock).idleTimeout(Duration.ofMinutes(1)).build()) {
      p.start();
      try (RawClient tunnel = RawClient.tunnel(p.address(), echo.hostPort());
          RawClient keepAlive = RawClient.connect(p.address())) {
        keepAlive.send("GET http://" + http.hostPort() + "/ HTTP/1.1\r\nHost: " + http.hostPort() + "\r\n\r\n");
        assertThat(keepAlive.read().status()).isEqualTo(200);

        clock.advance(Duration.ofSeconds(40));
        tunnel.send("a");
        assertThat(tunnel.in().read()).as("40 s idle is within the timeout").isEqualTo('a');

        clock.advance(Duration.ofSeconds(61));
        assertThat(tunnel.closedByPeer()).as("the idle tunnel is closed").isTrue();
        assertThat(keepAlive.closedByPeer()).as("the idle keep-alive connection is closed").isTrue();
      }
      assertThat(p.awaitIdle(Duration.ofSeconds(20))).isTrue();
    }
  }

  @Test
  void aHeadThatTricklesInIsCutOffAfterTheHeaderTimeout() throws Exception {
    FakeTimeSource clock = FakeTimeSource.create();
    try (TcpOrigin http = TcpOrigin.start(TcpOrigin::http);
        EgressProxy p = EgressProxy.builder().policy(EgressPolicy.builder().allow("127.0.0.1:" + http.port()))
            .auditSink(InMemoryAuditSink.create()).timeSource(clock).headerTimeout(Duration.ofSeconds(30)).build()) {
      p.start();
      String request = "GET http://" + http.hostPort() + "/ HTTP/1.1\r\nHost: " + http.hostPort() + "\r\n\r\n";
      try (RawClient slow = RawClient.connect(p.address()); RawClient patient = RawClient.connect(p.address())) {
        slow.send(request.substring(0, 10));
        patient.send(request.substring(0, 10));
        assertThat(awaitOpen(p, 2)).as("both accepted: their header deadlines run from now").isTrue();
        clock.advance(Duration.ofSeconds(20));
        patient.send(request.substring(10));
        assertThat(patient.read().status()).as("a head completed within 30 s is served").isEqualTo(200);
        slow.send(request.substring(10, 20)); // progress does not extend the header deadline
        clock.advance(Duration.ofSeconds(11));
        assertThat(slow.closedByPeer()).as("slowloris is cut off").isTrue();
      }
      assertThat(http.connections()).isEqualTo(1);
    }
  }

  @Test
  void aRefusedConnectionIs502() throws Exception {
    int closedPort;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = s.getLocalPort();
    }
    try (EgressProxy p = EgressProxy.builder().policy(EgressPolicy.builder().allow("127.0.0.1:" + closedPort))
        .auditSink(InMemoryAuditSink.create()).build()) {
      p.start();
      try (RawClient c = RawClient.connect(p.address())) {
        c.send("CONNECT 127.0.0.1:" + closedPort + " HTTP/1.1\r\nHost: x\r\n\r\n");
        RawClient.Response r = c.read();
        assertThat(r.status()).isEqualTo(502);
        assertThat(r.header("X-HostPolicy-Deny")).as("not a policy denial").isNull();
        assertThat(r.text()).contains("proxy.upstream-unreachable");
        assertThat(c.closedByPeer()).isTrue();
      }
    }
  }

  @Test
  void aConnectThatNeverCompletesIs504AfterTheConnectTimeout() throws Exception {
    // A listener with a full accept queue drops further SYNs (Linux), so a connect hangs until timeout.
    try (ServerSocket full = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      List<Socket> fillers = fillAcceptQueue(full);
      try (EgressProxy p = EgressProxy.builder().policy(EgressPolicy.builder().allow("127.0.0.1:" + full.getLocalPort()))
          .auditSink(InMemoryAuditSink.create()).connectTimeout(Duration.ofMillis(300)).build()) {
        p.start();
        try (RawClient c = RawClient.connect(p.address())) {
          c.send("CONNECT 127.0.0.1:" + full.getLocalPort() + " HTTP/1.1\r\nHost: x\r\n\r\n");
          RawClient.Response r = c.read();
          assertThat(r.status()).isEqualTo(504);
          assertThat(r.text()).contains("proxy.upstream-timeout");
        }
      } finally {
        for (Socket s : fillers) {
          s.close();
        }
      }
    }
  }

  private static List<Socket> fillAcceptQueue(ServerSocket server) throws IOException {
    List<Socket> fillers = new ArrayList<>();
    for (int i = 0; i < 16; i++) {
      Socket s = new Socket();
      try {
        s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), server.getLocalPort()), 200);
        fillers.add(s);
      } catch (SocketTimeoutException e) {
        s.close();
        return fillers; // the queue is full: the next SYN was dropped
      }
    }
    throw new IllegalStateException("the accept queue never filled; this test needs Linux listen-backlog semantics");
  }

  @Test
  void closeStopsAcceptingAndClosesEveryTunnelAndConnection() throws Exception {
    TcpOrigin echo = TcpOrigin.start(TcpOrigin::echo);
    EgressProxy p = EgressProxy.builder().policy(EgressPolicy.builder().allow("127.0.0.1:" + echo.port()))
        .auditSink(InMemoryAuditSink.create()).build();
    InetSocketAddress where = p.start();
    try (RawClient t1 = RawClient.tunnel(where, echo.hostPort());
        RawClient t2 = RawClient.tunnel(where, echo.hostPort());
        RawClient waiting = RawClient.connect(where);
        RawClient halfHead = RawClient.connect(where)) {
      halfHead.send("GET http://");
      assertThat(awaitOpen(p, 4)).isTrue();
      p.close();
      assertThat(t1.closedByPeer()).isTrue();
      assertThat(t2.closedByPeer()).isTrue();
      assertThat(waiting.closedByPeer()).isTrue();
      assertThat(halfHead.closedByPeer()).isTrue();
      assertThat(p.isRunning()).isFalse();
      assertThat(p.openConnections()).isZero();
      assertThatThrownBy(() -> RawClient.connect(where).close()).isInstanceOf(IOException.class);
      assertThatThrownBy(p::start).isInstanceOf(IllegalStateException.class);
    } finally {
      echo.close();
    }
  }

  @Test
  void anAllowedDecisionThatCannotBeAuditedIsRefused() throws Exception {
    InMemoryAuditSink audit = InMemoryAuditSink.create();
    audit.failWith(new IllegalStateException("disk full"));
    try (TcpOrigin echo = TcpOrigin.start(TcpOrigin::echo);
        EgressProxy p = EgressProxy.builder().policy(EgressPolicy.builder().allow("127.0.0.1:" + echo.port()))
            .auditSink(audit).build()) {
      p.start();
      assertThat(PinningIT.denial(p, "CONNECT " + echo.hostPort() + " HTTP/1.1\r\nHost: x\r\n\r\n")).isEqualTo("proxy.audit-failed");
      assertThat(echo.connections()).isZero();
    }
  }
}
