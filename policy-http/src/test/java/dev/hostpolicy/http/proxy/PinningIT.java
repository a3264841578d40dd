package dev.hostpolicy.http.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hostpolicy.core.net.EgressPolicy;
import dev.hostpolicy.http.internal.proxy.Connector;
import dev.hostpolicy.testkit.fake.FakeTimeSource;
import dev.hostpolicy.testkit.fake.InMemoryAuditSink;
import dev.hostpolicy.testkit.fake.ScriptedResolver;
import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * Decisions and pinning with scripted DNS: the proxy resolves once per decision and dials only the
 * addresses that decision validated — a resolver that answers public, then private (DNS rebinding),
 * never leads to a connection to the private address; mixed answers are denied outright.
 */
class PinningIT {
  private static final InetAddress LOOPBACK_2 = address(127, 0, 0, 2);

  private static InetAddress address(int a, int b, int c, int d) {
    try {
      return InetAddress.getByAddress(new byte[] {(byte) a, (byte) b, (byte) c, (byte) d});
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Dials are recorded; the public test address is routed to a local origin, anything else to a trap. */
  private static final class RecordingConnector implements Connector {
    final List<InetSocketAddress> dialed = new CopyOnWriteArrayList<>();
    final InetSocketAddress origin;
    final InetSocketAddress trap;

    RecordingConnector(TcpOrigin origin, TcpOrigin trap) {
      this.origin = new InetSocketAddress(InetAddress.getLoopbackAddress(), origin.port());
      this.trap = new InetSocketAddress(InetAddress.getLoopbackAddress(), trap.port());
    }

    @Override
    public InetSocketAddress route(InetSocketAddress pinned) {
      dialed.add(pinned);
      return pinned.getAddress().getHostAddress().equals("93.184.216.34") ? origin : trap;
    }
  }

  @Test
  void publicThenPrivateNeverConnectsToThePrivateAddress() throws Exception {
    ScriptedResolver dns = ScriptedResolver.builder()
        .answer("api.example.com", "93.184.216.34")   // first lookup: public
        .answer("api.example.com", "10.0.0.7")        // every later lookup: private
        .build();
    InMemoryAuditSink audit = InMemoryAuditSink.create();
    try (TcpOrigin echo = TcpOrigin.start(TcpOrigin::echo); TcpOrigin trap = TcpOrigin.start(TcpOrigin::echo)) {
      RecordingConnector connector = new RecordingConnector(echo, trap);
      EgressProxy.Builder b = EgressProxy.builder().policy(EgressPolicy.builder().allow("api.example.com:8443").resolver(dns))
          .auditSink(audit);
      try (EgressProxy p = b.connector(connector, 250).build()) {
        p.start();
        try (RawClient c = RawClient.tunnel(p.address(), "api.example.com:8443")) {
          c.send("x");
          assertThat(c.in().read()).isEqualTo('x');
        }
        assertThat(dns.calls("api.example.com")).as("resolved once, for the decision").isEqualTo(1);
        assertThat(connector.dialed).containsExactly(new InetSocketAddress(address(93, 184, 216, 34), 8443));

        try (RawClient c = RawClient.connect(p.address())) {
          c.send("CONNECT api.example.com:8443 HTTP/1.1\r\nHost: api.example.com:8443\r\n\r\n");
          RawClient.Response r = c.read(true);
          assertThat(r.status()).isEqualTo(403);
          assertThat(r.header("X-HostPolicy-Deny")).isEqualTo("egress.private-address");
        }
        assertThat(dns.calls("api.example.com")).isEqualTo(2);
        assertThat(connector.dialed).as("the private answer was never dialed").hasSize(1);
        assertThat(trap.connections()).isZero();
        assertThat(audit.events("egress.allowed").get(0).fields().get("addresses")).isEqualTo(List.of("93.184.216.34"));
        assertThat(audit.events("egress.denied").get(0).fields()).containsEntry("reason", "egress.private-address")
            .containsEntry("target", "api.example.com:8443");
      }
    }
  }

  @Test
  void rebindingOnRealSocketsReachesOnlyThePinnedAddress() throws Exception {
    // 127.0.0.2 stands in for the public answer (an exact IP allow entry admits it); 127.0.0.1 on the
    // same port is the private address a second resolution would return.
    try (TcpOrigin good = TcpOrigin.start(LOOPBACK_2, TcpOrigin::echo); ServerSocket trap = trapOnLoopback(good.port())) {
      int port = good.port();
      ScriptedResolver dns = ScriptedResolver.builder().answer("rebind.example.com", "127.0.0.2")
          .answer("rebind.example.com", "127.0.0.1").build();
      try (EgressProxy p = EgressProxy.builder()
          .policy(EgressPolicy.builder().allow("rebind.example.com:" + port, "127.0.0.2:" + port).resolver(dns))
          .auditSink(InMemoryAuditSink.create()).build()) {
        p.start();
        try (RawClient c = RawClient.tunnel(p.address(), "rebind.example.com:" + port)) {
          c.send("y");
          assertThat(c.in().read()).isEqualTo('y');
        }
        try (RawClient c = RawClient.connect(p.address())) {
          c.send("CONNECT rebind.example.com:" + port + " HTTP/1.1\r\nHost: x\r\n\r\n");
          assertThat(c.read(true).header("X-HostPolicy-Deny")).isEqualTo("egress.private-address");
        }
        assertThat(good.connections()).isEqualTo(1);
        trap.setSoTimeout(1);
        assertThat(acceptsNothing(trap)).as("nothing connected to 127.0.0.1:%d", port).isTrue();
      }
    }
  }

  private static ServerSocket trapOnLoopback(int port) throws IOException {
    ServerSocket s = new ServerSocket();
    try {
      s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
      return s;
    } catch (BindException e) {
      s.close();
      throw new IllegalStateException("127.0.0.1:" + port + " is taken; rerun", e);
    }
  }

  private static boolean acceptsNothing(ServerSocket trap) throws IOException {
    try {
      trap.accept().close();
      return false;
    } catch (java.net.SocketTimeoutException e) {
      return true;
    }
  }

  @Test
  void mixedAnswersAreDeniedAndNothingIsDialed() throws Exception {
    ScriptedResolver dns = ScriptedResolver.builder()
        .answer("mixed.example.com", "93.184.216.34", "10.0.0.8")
        .answer("meta.example.com", "93.184.216.34", "169.254.169.254")
        .build();
    try (TcpOrigin echo = TcpOrigin.start(TcpOrigin::echo); TcpOrigin trap = TcpOrigin.start(TcpOrigin::echo)) {
      RecordingConnector connector = new RecordingConnector(echo, trap);
      try (EgressProxy p = EgressProxy.builder().policy(EgressPolicy.builder().allow("*.example.com:443").resolver(dns))
          .auditSink(InMemoryAuditSink.create()).connector(connector, 250).build()) {
        p.start();
        assertThat(denial(p, "CONNECT mixed.example.com:443 HTTP/1.1\r\nHost: mixed.example.com:443\r\n\r\n"))
            .isEqualTo("egress.private-address");
        assertThat(denial(p, "CONNECT meta.example.com:443 HTTP/1.1\r\nHost: meta.example.com:443\r\n\r\n"))
            .isEqualTo("egress.metadata-endpoint");
        assertThat(connector.dialed).isEmpty();
      }
    }
  }

  @Test
  void plainHttpIsDecidedPerRequestOnOneKeepAliveConnection() throws Exception {
    ScriptedResolver dns = ScriptedResolver.builder().answer("www.example.com", "93.184.216.34")
        .answer("www.example.com", "192.168.1.1").build();
    try (TcpOrigin http = TcpOrigin.start(TcpOrigin::http); TcpOrigin trap = TcpOrigin.start(TcpOrigin::http)) {
      RecordingConnector connector = new RecordingConnector(http, trap);
      try (EgressProxy p = EgressProxy.builder().policy(EgressPolicy.builder().allow("www.example.com").resolver(dns))
          .auditSink(InMemoryAuditSink.create()).connector(connector, 250).build()) {
        p.start();
        try (RawClient c = RawClient.connect(p.address())) {
          String get = "GET http://www.example.com/a HTTP/1.1\r\nHost: www.example.com\r\n\r\n";
          c.send(get);
          RawClient.Response first = c.read();
          assertThat(first.status()).isEqualTo(200);
          assertThat(first.header("Connection")).isEqualTo("keep-alive");
          c.send(get);
          RawClient.Response second = c.read();
          assertThat(second.status()).isEqualTo(403);
          assertThat(second.header("X-HostPolicy-Deny")).isEqualTo("egress.private-address");
          assertThat(c.closedByPeer()).isTrue();
        }
        assertThat(dns.calls("www.example.com")).isEqualTo(2);
        assertThat(connector.dialed).containsExactly(new InetSocketAddress(address(93, 184, 216, 34), 80));
        assertThat(http.heads.get(0)).startsWith("GET /a HTTP/1.1\r\nHost: www.example.com\r\n");
      }
    }
  }

  @Test
  void aSlowResolverTimesOutWithTheInjectedClock() throws Exception {
    FakeTimeSource clock = FakeTimeSource.create();
    ScriptedResolver dns = ScriptedResolver.builder()
        .delayed("slow.example.com", clock, Duration.ofSeconds(6), "93.184.216.34")
        .delayed("quick.example.com", clock, Duration.ofSeconds(4), "93.184.216.34")
        .throwing("broken.example.com", new IllegalStateException("resolver bug"))
        .build();
    try (TcpOrigin echo = TcpOrigin.start(TcpOrigin::echo); TcpOrigin trap = TcpOrigin.start(TcpOrigin::echo)) {
      RecordingConnector connector = new RecordingConnector(echo, trap);
      try (EgressProxy p = EgressProxy.builder().policy(EgressPolicy.builder().allow("*.example.com").resolver(dns))
          .auditSink(InMemoryAuditSink.create()).timeSource(clock).connector(connector, 250).build()) {
        p.start();
        assertThat(denial(p, "CONNECT slow.example.com:443 HTTP/1.1\r\nHost: x\r\n\r\n")).isEqualTo("egress.dns-timeout");
        assertThat(denial(p, "CONNECT broken.example.com:443 HTTP/1.1\r\nHost: x\r\n\r\n")).isEqualTo("egress.dns-failure");
        try (RawClient c = RawClient.tunnel(p.address(), "quick.example.com:443")) {
          c.send("q");
          assertThat(c.in().read()).as("4 s is within the 5 s resolution timeout").isEqualTo('q');
        }
      }
    }
  }

  @Test
  void targetsThatCannotBeReadUnambiguouslyAreDenied() throws Exception {
    InMemoryAuditSink audit = InMemoryAuditSink.create().forbidding("s3cr3t-pw");
    try (TcpOrigin http = TcpOrigin.start(TcpOrigin::http);
        EgressProxy p = EgressProxy.builder().policy(EgressPolicy.builder().allow("127.0.0.1:" + http.port()))
            .auditSink(audit).build()) {
      p.start();
      String o = http.hostPort();
      assertThat(denial(p, "GET http://user:s3cr3t-pw@" + o + "/ HTTP/1.1\r\nHost: " + o + "\r\n\r\n")).isEqualTo("egress.userinfo");
      assertThat(denial(p, "CONNECT 0x7f.1:" + http.port() + " HTTP/1.1\r\nHost: x\r\n\r\n")).isEqualTo("egress.ambiguous-ip-literal");
      assertThat(denial(p, "CONNECT 2130706433:" + http.port() + " HTTP/1.1\r\nHost: x\r\n\r\n"))
          .isEqualTo("egress.ambiguous-ip-literal");
      assertThat(denial(p, "GET http://127.0.0.1:0" + http.port() + "/ HTTP/1.1\r\nHost: 127.0.0.1:0" + http.port() + "\r\n\r\n"))
          .isEqualTo("egress.malformed-target");
      assertThat(http.connections()).isZero();
      audit.assertNoLeaks();
      assertThat(audit.events("egress.denied")).hasSize(4);
    }
  }

  @Test
  void theProxyCannotBeUsedToReachItself() throws Exception {
    int port;
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = probe.getLocalPort();
    }
    try (EgressProxy p = EgressProxy.builder().policy(EgressPolicy.builder().allow("127.0.0.1:" + port)).port(port)
        .auditSink(InMemoryAuditSink.create()).build()) {
      p.start();
      assertThat(denial(p, "CONNECT 127.0.0.1:" + port + " HTTP/1.1\r\nHost: x\r\n\r\n")).isEqualTo("egress.self-connection");
    }
  }

  static String denial(EgressProxy p, String request) throws IOException {
    try (RawClient c = RawClient.connect(p.address())) {
      c.send(request);
      RawClient.Response r = c.read();
      assertThat(r.status()).as(request).isEqualTo(403);
      assertThat(c.closedByPeer()).isTrue();
      return r.header("X-HostPolicy-Deny");
    }
  }
}
