package dev.hostpolicy.testkit.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.hostpolicy.api.PolicyViolationException;
import dev.hostpolicy.core.net.BindDecision;
import dev.hostpolicy.core.net.BindGuard;
import dev.hostpolicy.core.net.HostHeaderGuard;
import dev.hostpolicy.core.net.IpAddress;
import dev.hostpolicy.testkit.NetArbitraries;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * The bind guard's table (loopback passes; a network bind needs a token, or the insecure opt-in with
 * a banner; otherwise bind.insecure) over every kind of address, and the Host-header guard accepting
 * exactly the loopback names and configured ones on the bound port.
 */
class LocalServerGuardProperties {
  private static final BindGuard GUARD = BindGuard.forNamespace("ACME");

  /**
   * Each allowed insecure bind logs its banner as a WARNING, by design; thousands of tries would
   * flood the build log. Held in a field so the logger (and its level) is not collected.
   */
  private static final java.util.logging.Logger QUIET_BANNERS = quiet();

  private static java.util.logging.Logger quiet() {
    java.util.logging.Logger l = java.util.logging.Logger.getLogger(BindGuard.class.getName());
    l.setLevel(java.util.logging.Level.SEVERE);
    return l;
  }

  /** Loopback by the bytes, independent of the guard: 127.0.0.0/8, ::1, IPv4-mapped 127.0.0.0/8. */
  private static boolean kernelLoopback(IpAddress a) {
    byte[] b = a.toBytes();
    if (b.length == 4) {
      return b[0] == 127;
    }
    boolean zeros = true;
    for (int i = 0; i < 10; i++) {
      zeros &= b[i] == 0;
    }
    if (zeros && b[10] == (byte) 0xff && b[11] == (byte) 0xff) {
      return b[12] == 127;
    }
    return zeros && b[10] == 0 && b[11] == 0 && b[12] == 0 && b[13] == 0 && b[14] == 0 && b[15] == 1;
  }

  @Property(tries = 2000)
  void bindDecisionsFollowTheTable(@ForAll("addresses") IpAddress a, @ForAll @IntRange(min = 0, max = 65535) int port,
      @ForAll boolean token, @ForAll boolean insecure) {
    String text = a.toUriHost() + ":" + port;
    if (kernelLoopback(a)) {
      BindDecision d = GUARD.check(text, token, insecure);
      assertThat(d.loopbackOnly()).isTrue();
      assertThat(d.banner()).isEmpty();
      assertThat(d.decision().reason()).isEqualTo("allowed");
    } else if (token) {
      BindDecision d = GUARD.check(text, token, insecure);
      assertThat(d.loopbackOnly()).isFalse();
      assertThat(d.banner()).isEmpty();
      assertThat(d.decision().reason()).isEqualTo("allowed");
    } else if (insecure) {
      BindDecision d = GUARD.check(text, token, insecure);
      assertThat(d.decision().reason()).isEqualTo("bind.insecure-allowed");
      assertThat(d.banner()).hasValueSatisfying(b -> assertThat(b).contains("ACME_API_TOKEN").contains(text));
    } else {
      PolicyViolationException e = catchThrowableOfType(() -> GUARD.check(text, false, false), PolicyViolationException.class);
      assertThat(e.reason()).isEqualTo("bind.insecure");
      assertThat(e.getMessage()).contains("ACME_API_TOKEN", "ACME_ALLOW_INSECURE");
    }
  }

  private static final int PORT = 8080;
  private static final Set<String> ALLOWED = Set.of("localhost", "127.0.0.1", "[::1]", "[0:0:0:0:0:0:0:1]", "[::0:1]", "devbox.local");
  private static final HostHeaderGuard HOSTS = HostHeaderGuard.builder(PORT).allowName("devbox.local").build();

  @Property(tries = 2000)
  void hostHeadersPassExactlyForAllowedNamesOnTheBoundPort(@ForAll("hostHeaders") List<String> parts) {
    String host = parts.get(0);
    String port = parts.get(1);
    String junk = parts.get(2);
    String header = host + port + junk;
    boolean expected = ALLOWED.contains(host.toLowerCase(Locale.ROOT)) && port.equals(":" + PORT) && junk.isEmpty();
    assertThat(HOSTS.checkHost(header).allowed()).as("Host: %s", header).isEqualTo(expected);
    String origin = "http://" + header;
    assertThat(HOSTS.checkOrigin("POST", Optional.of(origin)).allowed()).as("Origin: %s", origin).isEqualTo(expected);
    assertThat(HOSTS.checkOrigin("GET", Optional.of(origin)).allowed()).isTrue();
  }

  @Provide
  Arbitrary<IpAddress> addresses() {
    return Arbitraries.oneOf(NetArbitraries.ipv4Addresses(), NetArbitraries.ipv6Addresses(),
        Arbitraries.of("127.0.0.1", "127.255.255.255", "::1", "::ffff:127.0.0.1", "::127.0.0.1", "0.0.0.0", "::", "64:ff9b::7f00:1")
            .map(IpAddress::parse));
  }

  @Provide
  Arbitrary<List<String>> hostHeaders() {
    Arbitrary<String> host = Arbitraries.of("localhost", "LocalHost", "LOCALHOST", "127.0.0.1", "[::1]", "[0:0:0:0:0:0:0:1]", "[::0:1]",
        "devbox.local", "DevBox.LOCAL", "evil.example", "localhost.", "127.0.0.2", "[::2]", "0177.0.0.1", "127.1", "2130706433",
        "localhost.evil.example", "evil.localhost", "xn--localhost-", "[::ffff:127.0.0.1]", "127.0.0.1.", "");
    Arbitrary<String> port = Arbitraries.of(":8080", ":8081", "", ":08080", ":80", ":", ":8080:8080", ":+8080");
    Arbitrary<String> junk = Arbitraries.of("", "", "", " ", "\r\nX-Evil: 1", ",evil.example", "/", "@evil.example", "\t");
    return Combinators.combine(host, port, junk).as(List::of);
  }
}
