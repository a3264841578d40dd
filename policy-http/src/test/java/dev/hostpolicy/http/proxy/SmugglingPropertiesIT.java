package dev.hostpolicy.http.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hostpolicy.core.net.EgressPolicy;
import dev.hostpolicy.testkit.HttpArbitraries;
import dev.hostpolicy.testkit.PolicyArbitraries;
import dev.hostpolicy.testkit.fake.InMemoryAuditSink;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * The test kit's smuggling generator against a live proxy on loopback: every variant gets a 400 with
 * its reason and a closed connection, and the origin — allowed, listening — never sees a connection.
 */
class SmugglingPropertiesIT {
  private static TcpOrigin origin;
  private static EgressProxy proxy;

  @BeforeContainer
  static void start() throws Exception {
    origin = TcpOrigin.start(TcpOrigin::http);
    proxy = EgressProxy.builder().policy(EgressPolicy.builder().allow("127.0.0.1:" + origin.port()))
        .auditSink(InMemoryAuditSink.create()).build();
    proxy.start();
  }

  @AfterContainer
  static void stop() throws Exception {
    proxy.close();
    origin.close();
  }

  @Provide
  Arbitrary<HttpArbitraries.Malformed> smuggling() {
    return PolicyArbitraries.smugglingRequests(origin.hostPort());
  }

  @Property(tries = 250)
  void everyVariantIs400AndNothingReachesTheOrigin(@ForAll("smuggling") HttpArbitraries.Malformed m) throws Exception {
    try (RawClient c = RawClient.connect(proxy.address())) {
      c.send(m.head());
      RawClient.Response r = c.read();
      assertThat(r.status()).as(m.why()).isEqualTo(400);
      assertThat(r.header("X-HostPolicy-Deny")).as(m.why()).isEqualTo(m.reason());
      assertThat(c.closedByPeer()).as(m.why()).isTrue();
    }
    assertThat(origin.connections()).as(m.why()).isZero();
  }
}
