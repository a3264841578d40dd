package dev.hostpolicy.http.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hostpolicy.core.net.EgressPolicy;
import dev.hostpolicy.testkit.fake.InMemoryAuditSink;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Request smuggling and malformed requests from a raw socket: each gets a 400 naming the reason and
 * the connection is closed; the origin — which the policy allows, so anything that got through would
 * reach it — never sees a connection. Cases follow RFC 9112 (sections 2.2, 3.2, 5.1, 5.2, 6.1, 6.3)
 * and the classic CL.TE / TE.CL / TE.TE variants (Watchfire 2005; Kettle, "HTTP Desync Attacks", 2019).
 */
class SmugglingIT {
  private static TcpOrigin origin;
  private static EgressProxy proxy;
  private static InMemoryAuditSink audit;

  @BeforeAll
  static void start() throws Exception {
    origin = TcpOrigin.start(TcpOrigin::http);
    audit = InMemoryAuditSink.create();
    proxy = EgressProxy.builder()
        .policy(EgressPolicy.builder().allow("127.0.0.1:" + origin.port()))
        .auditSink(audit)
        .maxHeaderBytes(4096)
        .build();
    proxy.start();
  }

  @AfterAll
  static void stop() throws Exception {
    proxy.close();
    origin.close();
  }

  static Stream<Arguments> malformed() {
    String big = "X-Filler: " + "a".repeat(5000) + "\r\n";
    return Stream.of(
        Arguments.of("CL.TE", "POST http://{o}/ HTTP/1.1\r\nHost: {o}\r\nContent-Length: 6\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\nG", "proxy.ambiguous-length"),
        Arguments.of("TE.CL", "POST http://{o}/ HTTP/1.1\r\nHost: {o}\r\nTransfer-Encoding: chunked\r\nContent-Length: 3\r\n\r\n8\r\nSMUGGLED\r\n0\r\n\r\n", "proxy.ambiguous-length"),
        Arguments.of("duplicate Content-Length", "POST http://{o}/ HTTP/1.1\r\nHost: {o}\r\nContent-Length: 1\r\nContent-Length: 1\r\n\r\nx", "proxy.ambiguous-length"),
        Arguments.of("conflicting Content-Length", "POST http://{o}/ HTTP/1.1\r\nHost: {o}\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nxx", "proxy.ambiguous-length"),
        Arguments.of("Content-Length list", "POST http://{o}/ HTTP/1.1\r\nHost: {o}\r\nContent-Length: 1, 1\r\n\r\nx", "proxy.ambiguous-length"),
        Arguments.of("signed Content-Length", "POST http://{o}/ HTTP/1.1\r\nHost: {o}\r\nContent-Length: +1\r\n\r\nx", "proxy.ambiguous-length"),
        Arguments.of("hex Content-Length", "POST http://{o}/ HTTP/1.1\r\nHost: {o}\r\nContent-Length: 0x1\r\n\r\nx", "proxy.ambiguous-length"),
        Arguments.of("TE.TE xchunked", "POST http://{o}/ HTTP/1.1\r\nHost: {o}\r\nTransfer-Encoding: xchunked\r\n\r\n0\r\n\r\n", "proxy.ambiguous-length"),
        Arguments.of("TE.TE two fields", "POST http://{o}/ HTTP/1.1\r\nHost: {o}\r\nTransfer-Encoding: chunked\r\nTransfer-Encoding: identity\r\n\r\n0\r\n\r\n", "proxy.ambiguous-length"),
        Arguments.of("TE.TE list", "POST http://{o}/ HTTP/1.1\r\nHost: {o}\r\nTransfer-Encoding: chunked, identity\r\n\r\n0\r\n\r\n", "proxy.ambiguous-length"),
        Arguments.of("TE in HTTP/1.0", "POST http://{o}/ HTTP/1.0\r\nHost: {o}\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n", "proxy.ambiguous-length"),
        Arguments.of("TE with vertical tab", "POST http://{o}/ HTTP/1.1\r\nHost: {o}\r\nTransfer-Encoding: chunked\u000b\r\n\r\n0\r\n\r\n", "proxy.malformed-request"),
        Arguments.of("space before colon", "POST http://{o}/ HTTP/1.1\r\nHost: {o}\r\nTransfer-Encoding : chunked\r\n\r\n0\r\n\r\n", "proxy.malformed-request"),
        Arguments.of("Connection strips Content-Length", "POST http://{o}/ HTTP/1.1\r\nHost: {o}\r\nConnection: Content-Length\r\nContent-Length: 1\r\n\r\nx", "proxy.ambiguous-length"),
        Arguments.of("obs-fold", "GET http://{o}/ HTTP/1.1\r\nHost: {o}\r\nX-A: 1\r\n 2\r\n\r\n", "proxy.obs-fold"),
        Arguments.of("obs-fold of Transfer-Encoding", "POST http://{o}/ HTTP/1.1\r\nHost: {o}\r\nTransfer-Encoding:\r\n chunked\r\n\r\n0\r\n\r\n", "proxy.obs-fold"),
        Arguments.of("bare LF line ends", "GET http://{o}/ HTTP/1.1\nHost: O\n\n", "proxy.bare-cr-lf"),
        Arguments.of("bare LF in a field", "GET http://{o}/ HTTP/1.1\r\nHost: {o}\r\nX-A: a\nX-B: b\r\n\r\n", "proxy.bare-cr-lf"),
        Arguments.of("bare CR in a field", "GET http://{o}/ HTTP/1.1\r\nHost: {o}\r\nX-A: a\rX-B: b\r\n\r\n", "proxy.bare-cr-lf"),
        Arguments.of("NUL in a field", "GET http://{o}/ HTTP/1.1\r\nHost: {o}\r\nX-A: a\u0000b\r\n\r\n", "proxy.malformed-request"),
        Arguments.of("header section over the limit", "GET http://{o}/ HTTP/1.1\r\nHost: {o}\r\n" + big + "\r\n", "proxy.header-too-large"),
        Arguments.of("Host mismatch", "GET http://{o}/ HTTP/1.1\r\nHost: evil.example\r\n\r\n", "proxy.host-mismatch"),
        Arguments.of("Host with another port", "GET http://{o}/ HTTP/1.1\r\nHost: 127.0.0.1:1\r\n\r\n", "proxy.host-mismatch"),
        Arguments.of("two Host fields", "GET http://{o}/ HTTP/1.1\r\nHost: {o}\r\nHost: {o}\r\n\r\n", "proxy.malformed-request"),
        Arguments.of("no Host in HTTP/1.1", "GET http://{o}/ HTTP/1.1\r\nX-A: 1\r\n\r\n", "proxy.malformed-request"),
        Arguments.of("origin-form", "GET / HTTP/1.1\r\nHost: {o}\r\n\r\n", "proxy.unsupported-request"),
        Arguments.of("https absolute-form", "GET https://O/ HTTP/1.1\r\nHost: {o}\r\n\r\n", "proxy.unsupported-request"),
        Arguments.of("HTTP/2 preface", "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n", "proxy.unsupported-request"),
        Arguments.of("extra request-line part", "GET http://{o}/ HTTP/1.1 x\r\nHost: {o}\r\n\r\n", "proxy.malformed-request"),
        Arguments.of("two spaces", "GET  http://{o}/ HTTP/1.1\r\nHost: {o}\r\n\r\n", "proxy.malformed-request"),
        Arguments.of("fragment", "GET http://{o}/#x HTTP/1.1\r\nHost: {o}\r\n\r\n", "proxy.malformed-request"),
        Arguments.of("CONNECT with a body", "CONNECT {o} HTTP/1.1\r\nHost: {o}\r\nContent-Length: 4\r\n\r\nabcd", "proxy.unsupported-request"),
        Arguments.of("CONNECT without a port", "CONNECT 127.0.0.1 HTTP/1.1\r\nHost: {o}\r\n\r\n", "proxy.malformed-request"),
        Arguments.of("Expect other than 100-continue", "GET http://{o}/ HTTP/1.1\r\nHost: {o}\r\nExpect: 200-ok\r\n\r\n", "proxy.unsupported-request"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("malformed")
  void eachGetsA400AndTheConnectionCloses(String name, String request, String reason) throws Exception {
    int before = origin.connections();
    try (RawClient c = RawClient.connect(proxy.address())) {
      c.send(request.replace("{o}", origin.hostPort()));
      RawClient.Response r = c.read();
      assertThat(r.status()).as(name).isEqualTo(400);
      assertThat(r.header("X-HostPolicy-Deny")).as(name).isEqualTo(reason);
      assertThat(r.header("Connection")).isEqualTo("close");
      assertThat(c.closedByPeer()).as("%s: the proxy closed the connection", name).isTrue();
    }
    assertThat(origin.connections()).as("%s: nothing reached the origin", name).isEqualTo(before).isZero();
  }

  @Test
  void aValidRequestOnTheSameProxyDoesReachTheOrigin() throws Exception {
    // the control for every case above: the origin is reachable when the request is well-formed
    try (TcpOrigin o = TcpOrigin.start(TcpOrigin::http);
        EgressProxy p = EgressProxy.builder().policy(EgressPolicy.builder().allow("127.0.0.1:" + o.port()))
            .auditSink(InMemoryAuditSink.create()).build()) {
      p.start();
      try (RawClient c = RawClient.connect(p.address())) {
        c.send("GET http://" + o.hostPort() + "/ok HTTP/1.1\r\nHost: " + o.hostPort() + "\r\n\r\n");
        assertThat(c.read().status()).isEqualTo(200);
      }
      assertThat(o.connections()).isEqualTo(1);
    }
  }

  @Test
  void aMalformedChunkedBodyIsCutOffAndNoSmuggledRequestArrives() throws Exception {
    // the head is valid, so the request is forwarded; the bad chunk line stops it, and the bytes
    // after it never reach the origin as a request of their own
    try (TcpOrigin o = TcpOrigin.start(TcpOrigin::http);
        EgressProxy p = EgressProxy.builder().policy(EgressPolicy.builder().allow("127.0.0.1:" + o.port()))
            .auditSink(InMemoryAuditSink.create()).build()) {
      p.start();
      for (String chunk : new String[] {"5 \r\nhello\r\n0\r\n\r\n", "5\nhello\r\n0\r\n\r\n", "0x5\r\nhello\r\n0\r\n\r\n",
          "5\r\nhelloXX\r\n0\r\n\r\n", "-5\r\nhello\r\n0\r\n\r\n"}) {
        try (RawClient c = RawClient.connect(p.address())) {
          c.send("POST http://" + o.hostPort() + "/up HTTP/1.1\r\nHost: " + o.hostPort()
              + "\r\nTransfer-Encoding: chunked\r\n\r\n" + chunk + "GET http://" + o.hostPort() + "/smuggled HTTP/1.1\r\nHost: "
              + o.hostPort() + "\r\n\r\n");
          RawClient.Response r = c.read();
          assertThat(r.status()).as(chunk).isEqualTo(400);
          assertThat(c.closedByPeer()).isTrue();
        }
      }
      assertThat(o.heads).noneMatch(h -> h.contains("/smuggled"));
    }
  }
}
