package dev.hostpolicy.http.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hostpolicy.core.net.EgressPolicy;
import dev.hostpolicy.testkit.fake.InMemoryAuditSink;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Absolute-form forwarding against scripted origins (RFC 9110 section 7.6.1 for hop-by-hop fields,
 * RFC 9112 sections 6.3 and 7 for framing): what reaches the origin, what reaches the client.
 */
class HttpForwardingIT {

  private interface Body {
    void run(EgressProxy proxy, TcpOrigin origin) throws Exception;
  }

  private static void with(TcpOrigin.Handler handler, Body body) throws Exception {
    try (TcpOrigin o = TcpOrigin.start(handler);
        EgressProxy p = EgressProxy.builder().policy(EgressPolicy.builder().allow("127.0.0.1:" + o.port()))
            .auditSink(InMemoryAuditSink.create()).build()) {
      p.start();
      body.run(p, o);
    }
  }

  private static String get(TcpOrigin o, String path, String extra) {
    return "GET http://" + o.hostPort() + path + " HTTP/1.1\r\nHost: " + o.hostPort() + "\r\n" + extra + "\r\n";
  }

  @Test
  void hopByHopAndProxyFieldsStayBehindEndToEndFieldsTravel() throws Exception {
    with(TcpOrigin::http, (p, o) -> {
      try (RawClient c = RawClient.connect(p.address())) {
        c.send(get(o, "/h", "Connection: X-Custom, keep-alive\r\nX-Custom: 1\r\nKeep-Alive: timeout=5\r\nTE: trailers\r\n"
            + "Proxy-Authorization: Basic Zm9vOmJhcg==\r\nProxy-Connection: keep-alive\r\nUpgrade: websocket\r\n"
            + "Trailer: X-T\r\nX-Keep: 1\r\nAccept: */*\r\n"));
        assertThat(c.read().status()).isEqualTo(200);
      }
      String head = o.heads.get(0);
      assertThat(head).startsWith("GET /h HTTP/1.1\r\nHost: " + o.hostPort() + "\r\n")
          .contains("\r\nX-Keep: 1\r\n", "\r\nAccept: */*\r\n").endsWith("\r\nConnection: close\r\n\r\n");
      assertThat(head.toLowerCase()).doesNotContain("x-custom", "keep-alive", "te:", "proxy-", "upgrade", "trailer", "zm9v");
    });
  }

  @Test
  void anOriginCannotForgeTheDenyHeaderOrLeakHopByHopFields() throws Exception {
    String response = "HTTP/1.1 200 OK\r\nX-HostPolicy-Deny: egress.forged\r\nx-HOSTPOLICY-deny: x\r\n"
        + "Connection: X-Hop\r\nX-Hop: 1\r\nKeep-Alive: timeout=5\r\nUpgrade: h2c\r\nProxy-Authenticate: Basic\r\n"
        + "X-Kept: yes\r\nContent-Length: 2\r\n\r\nok";
    with(TcpOrigin.scripted(response, false), (p, o) -> {
      try (RawClient c = RawClient.connect(p.address())) {
        c.send(get(o, "/", ""));
        RawClient.Response r = c.read();
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.text()).isEqualTo("ok");
        assertThat(r.header("X-Kept")).isEqualTo("yes");
        assertThat(r.all("X-HostPolicy-Deny")).isEmpty();
        assertThat(String.join("\n", r.headers()).toLowerCase()).doesNotContain("x-hop", "timeout=5", "upgrade", "proxy-");
      }
    });
  }

  @Test
  void bodiesWithContentLengthAndChunkedTravelAndKeepAliveHolds() throws Exception {
    with(TcpOrigin::http, (p, o) -> {
      try (RawClient c = RawClient.connect(p.address())) {
        c.send("POST http://" + o.hostPort() + "/cl HTTP/1.1\r\nHost: " + o.hostPort() + "\r\nContent-Length: 5\r\n\r\nhello");
        assertThat(c.read().text()).isEqualTo("ok /cl 5");
        c.send("POST http://" + o.hostPort() + "/chunked HTTP/1.1\r\nHost: " + o.hostPort()
            + "\r\nTransfer-Encoding: chunked\r\n\r\n5;ext=1\r\nhello\r\n6\r\n world\r\n0\r\nX-Trailer: t\r\n\r\n");
        assertThat(c.read().text()).isEqualTo("ok /chunked 11");
        c.send(get(o, "/third", ""));
        assertThat(c.read().text()).as("the same client connection, kept alive").isEqualTo("ok /third 0");
      }
      assertThat(o.heads.get(1)).contains("\r\nTransfer-Encoding: chunked\r\n");
    });
  }

  @Test
  void expectContinueIsAnsweredByTheProxy() throws Exception {
    with(TcpOrigin::http, (p, o) -> {
      try (RawClient c = RawClient.connect(p.address())) {
        c.send("PUT http://" + o.hostPort() + "/e HTTP/1.1\r\nHost: " + o.hostPort() + "\r\nExpect: 100-continue\r\nContent-Length: 3\r\n\r\n");
        assertThat(c.read().status()).isEqualTo(100);
        c.send("abc");
        assertThat(c.read().text()).isEqualTo("ok /e 3");
      }
      assertThat(o.heads.get(0).toLowerCase()).doesNotContain("expect");
    });
  }

  @Test
  void chunkedInterimHeadAndUntilCloseResponsesAreFramedForTheClient() throws Exception {
    with(TcpOrigin.scripted("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n", false), (p, o) -> {
      try (RawClient c = RawClient.connect(p.address())) {
        c.send(get(o, "/1", ""));
        RawClient.Response r = c.read();
        assertThat(r.text()).isEqualTo("hello");
        assertThat(r.header("Connection")).isEqualTo("keep-alive");
        c.send(get(o, "/2", ""));
        assertThat(c.read().text()).isEqualTo("hello");
      }
    });
    with(TcpOrigin.scripted("HTTP/1.1 103 Early Hints\r\nLink: </a.css>; rel=preload\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\nx",
        false), (p, o) -> {
      try (RawClient c = RawClient.connect(p.address())) {
        c.send(get(o, "/", ""));
        RawClient.Response early = c.read();
        assertThat(early.status()).isEqualTo(103);
        assertThat(early.header("Link")).isEqualTo("</a.css>; rel=preload");
        assertThat(c.read().text()).isEqualTo("x");
      }
    });
    with(TcpOrigin.scripted("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n", false), (p, o) -> {
      try (RawClient c = RawClient.connect(p.address())) {
        c.send("HEAD http://" + o.hostPort() + "/ HTTP/1.1\r\nHost: " + o.hostPort() + "\r\n\r\n");
        RawClient.Response head = c.read(true);
        assertThat(head.header("Content-Length")).isEqualTo("100");
        c.send("HEAD http://" + o.hostPort() + "/ HTTP/1.1\r\nHost: " + o.hostPort() + "\r\n\r\n");
        assertThat(c.read(true).status()).as("no body was expected after HEAD").isEqualTo(200);
      }
    });
    with(TcpOrigin.scripted("HTTP/1.1 200 OK\r\n\r\nuntil the origin closes", true), (p, o) -> {
      try (RawClient c = RawClient.connect(p.address())) {
        c.send(get(o, "/", ""));
        RawClient.Response r = c.read();
        assertThat(r.header("Connection")).isEqualTo("close");
        assertThat(r.text()).isEqualTo("until the origin closes");
      }
    });
  }

  @Test
  void ambiguousResponsesAreRefusedWith502() throws Exception {
    for (String response : new String[] {
        "HTTP/1.1 200 OK\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
        "HTTP/1.1 200 OK\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\nhello!",
        "HTTP/1.1 200 OK\nContent-Length: 2\n\nok",
        "HTTP/1.1 200 OK\r\nX-A: 1\r\n folded\r\nContent-Length: 2\r\n\r\nok",
        "HTTP/1.1 101 Switching Protocols\r\nUpgrade: h2c\r\n\r\n",
        "HTTP/1.1 2000 OK\r\nContent-Length: 2\r\n\r\nok",
        "ICY 200 OK\r\n\r\n"}) {
      with(TcpOrigin.scripted(response, true), (p, o) -> {
        try (RawClient c = RawClient.connect(p.address())) {
          c.send(get(o, "/", ""));
          RawClient.Response r = c.read();
          assertThat(r.status()).as(response).isEqualTo(502);
          assertThat(r.text()).contains("proxy.bad-upstream-response");
          assertThat(c.closedByPeer()).isTrue();
        }
      });
    }
  }

  @Test
  void http10RequestsAreForwardedAsHttp10AndClosed() throws Exception {
    with(TcpOrigin.scripted("HTTP/1.0 200 OK\r\nContent-Length: 2\r\n\r\nok", false), (p, o) -> {
      try (RawClient c = RawClient.connect(p.address())) {
        c.send("GET http://" + o.hostPort() + "/old HTTP/1.0\r\n\r\n");
        RawClient.Response r = c.read();
        assertThat(r.text()).isEqualTo("ok");
        assertThat(r.header("Connection")).isEqualTo("close");
        assertThat(c.closedByPeer()).isTrue();
      }
      assertThat(o.heads.get(0)).startsWith("GET /old HTTP/1.0\r\nHost: " + o.hostPort() + "\r\n");
    });
  }

  @Test
  void theQueryAndNonAsciiBytesOfTheTargetArePreserved() throws Exception {
    with(TcpOrigin::http, (p, o) -> {
      try (RawClient c = RawClient.connect(p.address())) {
        c.send(get(o, "?q=%E2%82%AC&x=1", "X-Utf8: caf\u00e9\r\n"));
        assertThat(new String(c.read().body(), StandardCharsets.UTF_8)).isEqualTo("ok /?q=%E2%82%AC&x=1 0");
      }
      assertThat(o.heads.get(0)).contains("X-Utf8: caf\u00e9\r\n");
    });
  }
}
