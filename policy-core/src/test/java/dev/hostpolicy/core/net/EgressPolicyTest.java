package dev.hostpolicy.core.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hostpolicy.api.PolicyConfigurationException;
import dev.hostpolicy.api.PolicyViolationException;
import dev.hostpolicy.api.TimeSource;
import dev.hostpolicy.api.spi.AddressResolver;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class EgressPolicyTest {

  /** A resolver from a function, counting calls. */
  private static final class FnResolver implements AddressResolver {
    final AtomicInteger calls = new AtomicInteger();
    private final Function<String, List<InetAddress>> fn;
    private final boolean inMemory;

    FnResolver(Function<String, List<InetAddress>> fn, boolean inMemory) {
      this.fn = fn;
      this.inMemory = inMemory;
    }

    @Override
    public String id() {
      return "test-fn";
    }

    @Override
    public List<InetAddress> resolve(String host) throws UnknownHostException {
      calls.incrementAndGet();
      List<InetAddress> r = fn.apply(host);
      if (r == null) {
        throw new UnknownHostException(host);
      }
      return r;
    }

    @Override
    public boolean answersFromMemory() {
      return inMemory;
    }
  }

  private static InetAddress ip(String text) {
    return IpAddress.parse(text).toInetAddress();
  }

  private static StaticAddressResolver dns(String... hostIpPairs) {
    StaticAddressResolver.Builder b = StaticAddressResolver.builder();
    for (int i = 0; i < hostIpPairs.length; i += 2) {
      b.add(hostIpPairs[i], hostIpPairs[i + 1]);
    }
    return b.build();
  }

  @Test
  void allowsAnAllowlistedHostAndPinsItsAddresses() {
    EgressPolicy p = EgressPolicy.builder().allow("api.github.com")
        .resolver(dns("api.github.com", "140.82.112.6", "api.github.com", "2606:50c0:8000::154")).build();
    EgressDecision d = p.check("https://api.github.com/repos");
    assertThat(d.allowed()).isTrue();
    assertThat(d.reason()).isEqualTo("allowed");
    assertThat(d.addresses()).extracting(a -> IpAddress.of(a).toString()).containsExactly("140.82.112.6", "2606:50c0:8000::154");
    assertThat(d.addresses()).allSatisfy(a -> assertThat(a.getHostName()).isEqualTo("api.github.com"));
    assertThat(d.socketAddresses()).allSatisfy(s -> assertThat(s.getPort()).isEqualTo(443));
    assertThat(d.detail()).contains("api.github.com");
    assertThat(d.requireAllowed()).isSameAs(d);
  }

  @Test
  void nothingIsAllowedByDefault() {
    EgressDecision d = EgressPolicy.builder().resolver(dns("a.example", "93.184.216.1")).build().check("a.example");
    assertThat(d.reason()).isEqualTo("egress.not-allowed");
    assertThat(d.addresses()).isEmpty();
    assertThatThrownBy(d::requireAllowed).isInstanceOf(PolicyViolationException.class).hasMessageStartingWith("egress.not-allowed");
  }

  @Test
  void denyWinsOverAllowWhateverTheOrder() {
    StaticAddressResolver r = dns("gist.githubusercontent.com", "185.199.108.133", "raw.githubusercontent.com", "185.199.108.133");
    EgressPolicy p = EgressPolicy.builder().deny("gist.githubusercontent.com").allowForced("*.githubusercontent.com").resolver(r).build();
    assertThat(p.check("gist.githubusercontent.com").reason()).isEqualTo("egress.denied-pattern");
    assertThat(p.check("raw.githubusercontent.com").allowed()).isTrue();
    EgressPolicy q = EgressPolicy.builder().allow("gist.githubusercontent.com").deny("*.githubusercontent.com").resolver(r).build();
    // githubusercontent.com is itself on the public suffix list: a plain allow of its wildcard is refused
    assertThatThrownBy(() -> EgressPolicy.builder().allow("*.githubusercontent.com")).hasMessageContaining("public suffix");
    assertThat(q.check("gist.githubusercontent.com").reason()).isEqualTo("egress.denied-pattern");
  }

  @Test
  void aDenyWithoutPortCoversEveryPortAndOneWithAPortOnlyThatPort() {
    StaticAddressResolver r = dns("a.example", "93.184.216.1");
    EgressPolicy p = EgressPolicy.builder().allow("a.example:22", "a.example").deny("a.example:22").resolver(r).build();
    assertThat(p.check("a.example:22").reason()).isEqualTo("egress.denied-pattern");
    assertThat(p.check("a.example:443").allowed()).isTrue();
    EgressPolicy all = EgressPolicy.builder().allow("a.example:8080").deny("a.example").resolver(r).build();
    assertThat(all.check("a.example:8080").reason()).isEqualTo("egress.denied-pattern");
  }

  @Test
  void portsDefaultTo80And443AndAreConfigurable() {
    StaticAddressResolver r = dns("a.example", "93.184.216.1");
    EgressPolicy p = EgressPolicy.builder().allow("a.example", "b.example:8443").resolver(r).build();
    assertThat(p.check("http://a.example/").allowed()).isTrue();
    assertThat(p.check("a.example:443").allowed()).isTrue();
    assertThat(p.check("a.example:22").reason()).isEqualTo("egress.port-not-allowed");
    assertThat(p.check("b.example:443").reason()).isEqualTo("egress.port-not-allowed");
    EgressPolicy only443 = EgressPolicy.builder().allow("a.example").defaultPorts(443).resolver(r).build();
    assertThat(only443.check("http://a.example/").reason()).isEqualTo("egress.port-not-allowed");
    assertThatThrownBy(() -> EgressPolicy.builder().defaultPorts(0)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void anyNonPublicAnswerDeniesTheWholeDecision() {
    EgressPolicy p = EgressPolicy.builder().allow("*.example")
        .resolver(dns("mixed.example", "93.184.216.8", "mixed.example", "10.0.0.8", "meta.example", "169.254.169.254",
            "lo.example", "::1", "mapped.example", "::ffff:127.0.0.1", "nat64.example", "64:ff9b::a00:1"))
        .build();
    EgressDecision mixed = p.check("mixed.example");
    assertThat(mixed.reason()).isEqualTo("egress.private-address");
    assertThat(mixed.addresses()).isEmpty();
    assertThat(mixed.offendingAddress()).map(c -> c.address().toString()).contains("10.0.0.8");
    assertThat(mixed.detail()).contains("10.0.0.8").contains("RFC 1918");
    assertThat(p.check("meta.example").reason()).isEqualTo("egress.metadata-endpoint");
    assertThat(p.check("lo.example").reason()).isEqualTo("egress.private-address");
    assertThat(p.check("mapped.example").reason()).isEqualTo("egress.private-address");
    assertThat(p.check("nat64.example").reason()).isEqualTo("egress.private-address");
  }

  @Test
  void anExactIpAllowEntryPermitsThatPrivateAddressOnly() {
    StaticAddressResolver r = dns("db.internal.example", "10.0.0.5", "other.internal.example", "10.0.0.6");
    EgressPolicy p = EgressPolicy.builder().allow("*.internal.example:5432", "10.0.0.5:5432").resolver(r).build();
    EgressDecision ok = p.check("db.internal.example:5432");
    assertThat(ok.allowed()).isTrue();
    assertThat(ok.addresses()).extracting(a -> IpAddress.of(a).toString()).containsExactly("10.0.0.5");
    assertThat(p.check("other.internal.example:5432").reason()).isEqualTo("egress.private-address");
    // the IP entry's port matters too
    EgressPolicy wrongPort = EgressPolicy.builder().allow("*.internal.example:5432", "10.0.0.5:6543").resolver(r).build();
    assertThat(wrongPort.check("db.internal.example:5432").reason()).isEqualTo("egress.private-address");
  }

  @Test
  void ipLiteralTargetsNeedAnExactIpEntry() {
    EgressPolicy p = EgressPolicy.builder().allow("203.0.113.7", "[2001:db8::7]:8443", "127.0.0.1:9000").build();
    assertThat(p.check("203.0.113.7").allowed()).isTrue();
    assertThat(p.check("http://203.0.113.7/").allowed()).isTrue();
    assertThat(p.check("203.0.113.8").reason()).isEqualTo("egress.not-allowed");
    assertThat(p.check("203.0.113.7:22").reason()).isEqualTo("egress.port-not-allowed");
    assertThat(p.check("[2001:db8::7]:8443").allowed()).isTrue();
    assertThat(p.check("https://[2001:db8:0::7]:8443/").allowed()).isTrue();
    assertThat(p.check("127.0.0.1:9000").allowed()).isTrue();
    assertThat(p.check("[::ffff:127.0.0.1]:9000").allowed()).isTrue(); // the same socket address
    assertThat(p.check("[::127.0.0.1]:9000").reason()).isEqualTo("egress.not-allowed");
    assertThat(p.check("127.0.0.1:9000").addresses()).extracting(a -> IpAddress.of(a).toString()).containsExactly("127.0.0.1");
    assertThat(p.check("0x7f.1:9000").reason()).isEqualTo("egress.ambiguous-ip-literal");
    assertThat(p.check("169.254.169.254").detail()).contains("metadata-endpoint");
  }

  @Test
  void itsOwnListenAddressIsRefusedEvenWhenAllowed() {
    InetSocketAddress self = new InetSocketAddress(ip("127.0.0.1"), 3128);
    EgressPolicy p = EgressPolicy.builder().allow("127.0.0.1", "127.0.0.1:3128", "proxy.example:3128", "127.0.0.1:8080")
        .resolver(dns("proxy.example", "127.0.0.1")).selfAddress(self).build();
    assertThat(p.check("127.0.0.1:3128").reason()).isEqualTo("egress.self-connection");
    assertThat(p.check("proxy.example:3128").reason()).isEqualTo("egress.self-connection");
    assertThat(p.check("127.0.0.1:8080").allowed()).isTrue();
    EgressPolicy wildcard = EgressPolicy.builder().allow("203.0.113.9:3128")
        .selfAddress(new InetSocketAddress(ip("0.0.0.0"), 3128)).build();
    assertThat(wildcard.check("203.0.113.9:3128").reason()).isEqualTo("egress.self-connection");
  }

  @Test
  void resolvesExactlyOncePerDecision() {
    AtomicInteger n = new AtomicInteger();
    FnResolver r = new FnResolver(h -> List.of(n.incrementAndGet() == 1 ? ip("93.184.216.7") : ip("127.0.0.1")), false);
    EgressPolicy p = EgressPolicy.builder().allow("rebind.example").resolver(r).build();
    EgressDecision first = p.check("rebind.example");
    assertThat(first.allowed()).isTrue();
    assertThat(r.calls.get()).isEqualTo(1);
    assertThat(first.addresses()).extracting(a -> IpAddress.of(a).toString()).containsExactly("93.184.216.7");
    // the rebinding answer reaches only a new decision, which denies it
    assertThat(p.check("rebind.example").reason()).isEqualTo("egress.private-address");
    assertThat(r.calls.get()).isEqualTo(2);
    // the first decision's pinned addresses did not change
    assertThat(first.addresses()).extracting(a -> IpAddress.of(a).toString()).containsExactly("93.184.216.7");
  }

  @Test
  void resolverFailuresDeny() {
    EgressPolicy unknown = EgressPolicy.builder().allow("a.example").resolver(dns("b.example", "93.184.216.1")).build();
    assertThat(unknown.check("a.example").reason()).isEqualTo("egress.dns-failure");
    FnResolver empty = new FnResolver(h -> List.of(), true);
    assertThat(EgressPolicy.builder().allow("a.example").resolver(empty).build().check("a.example").reason())
        .isEqualTo("egress.dns-failure");
    FnResolver withNull = new FnResolver(h -> java.util.Arrays.asList(ip("93.184.216.1"), null), false);
    assertThat(EgressPolicy.builder().allow("a.example").resolver(withNull).build().check("a.example").reason())
        .isEqualTo("egress.dns-failure");
    FnResolver throwing = new FnResolver(h -> {
      throw new IllegalStateException("boom");
    }, false);
    EgressDecision d = EgressPolicy.builder().allow("a.example").resolver(throwing).build().check("a.example");
    assertThat(d.reason()).isEqualTo("egress.dns-failure");
    assertThat(d.detail()).contains("IllegalStateException").doesNotContain("boom");
    FnResolver throwingInline = new FnResolver(h -> {
      throw new IllegalStateException("boom");
    }, true);
    assertThat(EgressPolicy.builder().allow("a.example").resolver(throwingInline).build().check("a.example").reason())
        .isEqualTo("egress.dns-failure");
  }

  @Test
  void aResolverThatDoesNotAnswerInTimeDenies() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    FnResolver stuck = new FnResolver(h -> {
      try {
        release.await(1, TimeUnit.MINUTES);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return List.of(ip("93.184.216.1"));
    }, false);
    try {
      EgressDecision d = EgressPolicy.builder().allow("slow.example").resolver(stuck).resolveTimeout(Duration.ofMillis(50))
          .build().check("slow.example");
      assertThat(d.reason()).isEqualTo("egress.dns-timeout");
      assertThat(d.addresses()).isEmpty();
    } finally {
      release.countDown();
    }
  }

  /** An answer that arrives late by the policy's clock is discarded, even from an in-memory resolver. */
  @Test
  void aLateAnswerByTheInjectedClockDenies() {
    AtomicLong nanos = new AtomicLong();
    TimeSource clock = new TimeSource() {
      @Override
      public Instant now() {
        return Instant.EPOCH.plusNanos(nanos.get());
      }

      @Override
      public long nanoTime() {
        return nanos.get();
      }
    };
    FnResolver slow = new FnResolver(h -> {
      nanos.addAndGet(Duration.ofSeconds(4).toNanos());
      return List.of(ip("93.184.216.1"));
    }, true);
    EgressPolicy p = EgressPolicy.builder().allow("a.example").resolver(slow).timeSource(clock).build();
    assertThat(p.check("a.example").reason()).isEqualTo("egress.dns-timeout");
    FnResolver fast = new FnResolver(h -> List.of(ip("93.184.216.1")), true);
    assertThat(EgressPolicy.builder().allow("a.example").resolver(fast).timeSource(clock).build().check("a.example").allowed())
        .isTrue();
  }

  @Test
  void deniedIpEntriesApplyToResolvedAddresses() {
    EgressPolicy p = EgressPolicy.builder().allow("cdn.example").deny("93.184.216.66")
        .resolver(dns("cdn.example", "93.184.216.1", "cdn.example", "93.184.216.66")).build();
    EgressDecision d = p.check("cdn.example");
    assertThat(d.reason()).isEqualTo("egress.denied-pattern");
    assertThat(d.detail()).contains("93.184.216.66");
  }

  @Test
  void configurationMistakesNameTheRule() {
    assertThatThrownBy(() -> EgressPolicy.builder().allow("*.com")).isInstanceOf(PolicyConfigurationException.class)
        .hasMessageStartingWith("egress.allow: ").hasMessageContaining("public suffix");
    assertThatThrownBy(() -> EgressPolicy.builder().allow("0177.0.0.1")).hasMessageStartingWith("egress.allow: ")
        .hasMessageContaining("ambiguous");
    assertThatThrownBy(() -> EgressPolicy.builder().deny("*")).hasMessageStartingWith("egress.deny: ");
    assertThat(EgressPolicy.builder().allowForced("*.github.io").build().allowPatterns()).hasSize(1);
    assertThat(EgressPolicy.builder().deny("*.com").build().denyPatterns()).hasSize(1);
    assertThatThrownBy(() -> EgressPolicy.builder().resolveTimeout(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void unparseableTargetsDenyWithTheirReason() {
    EgressPolicy p = EgressPolicy.builder().allow("a.example").build();
    assertThat(p.check("http://user@a.example/").reason()).isEqualTo("egress.userinfo");
    assertThat(p.check("a.example\r\n").reason()).isEqualTo("egress.malformed-target");
    assertThat(p.check("2130706433").reason()).isEqualTo("egress.ambiguous-ip-literal");
    assertThat(p.check("a.example", 0).reason()).isEqualTo("egress.malformed-target");
    assertThat(p.check("http://user@a.example/").target()).isEmpty();
  }

  @Test
  void networkSpecificNat64PrefixesAreJudgedByTheirIpv4() {
    Nat64Prefix nsp = Nat64Prefix.of(IpAddress.parse("2a01:4f8:64::"), 96);
    StaticAddressResolver r = dns("v4only.example", "2a01:4f8:64::808:808", "internal.example", "2a01:4f8:64::a00:1");
    EgressPolicy unaware = EgressPolicy.builder().allow("*.example").resolver(r).build();
    assertThat(unaware.check("internal.example").allowed()).isTrue(); // looks like any global IPv6 address
    EgressPolicy aware = EgressPolicy.builder().allow("*.example").resolver(r).classifier(AddressClassifier.withNat64Prefixes(nsp)).build();
    assertThat(aware.check("internal.example").reason()).isEqualTo("egress.private-address");
    assertThat(aware.check("v4only.example").allowed()).isTrue();
  }

  @Test
  void systemResolverAnswersLocalhostWithoutDns() {
    EgressDecision d = EgressPolicy.builder().allow("localhost").build().check("localhost:443");
    assertThat(d.reason()).isEqualTo("egress.private-address");
    assertThat(EgressPolicy.builder().allow("x.invalid").build().check("x.invalid").reason()).isEqualTo("egress.dns-failure");
  }
}
