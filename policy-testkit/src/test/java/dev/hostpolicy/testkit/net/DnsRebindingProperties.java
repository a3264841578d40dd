package dev.hostpolicy.testkit.net;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hostpolicy.core.net.EgressDecision;
import dev.hostpolicy.core.net.EgressPolicy;
import dev.hostpolicy.core.net.IpAddress;
import dev.hostpolicy.testkit.NetArbitraries;
import dev.hostpolicy.testkit.ReferenceAddressModel;
import dev.hostpolicy.testkit.fake.FakeTimeSource;
import dev.hostpolicy.testkit.fake.ScriptedResolver;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * DNS rebinding with the scripted resolver: answers change between lookups and mix public and
 * private addresses. Each decision resolves exactly once, is allowed only when every answer is
 * public (per the reference model), and pins exactly the answer it judged.
 */
class DnsRebindingProperties {
  private static final String HOST = "rebind.example";

  private static boolean allPublic(List<IpAddress> answer) {
    return answer.stream().allMatch(a -> ReferenceAddressModel.expectedCategory(a.unmapped()).isPublic());
  }

  @Property(tries = 400)
  void eachDecisionResolvesOnceJudgesEveryAnswerAndPinsIt(@ForAll("answerSequences") List<List<IpAddress>> answers,
      @ForAll boolean inMemory) {
    ScriptedResolver.Builder script = ScriptedResolver.builder().inMemory(inMemory);
    for (List<IpAddress> answer : answers) {
      script.answer(HOST, answer);
    }
    ScriptedResolver dns = script.build();
    EgressPolicy policy = EgressPolicy.builder().allow(HOST).resolver(dns).build();
    for (int i = 0; i < answers.size(); i++) {
      List<IpAddress> answer = answers.get(i);
      EgressDecision d = policy.check(HOST + ":443");
      assertThat(dns.calls(HOST)).as("one lookup per decision").isEqualTo(i + 1);
      if (allPublic(answer)) {
        assertThat(d.allowed()).as("%s", answer).isTrue();
        List<IpAddress> pinned = d.addresses().stream().map(IpAddress::of).toList();
        assertThat(pinned).containsExactlyElementsOf(new LinkedHashSet<>(answer.stream().map(IpAddress::unmapped).toList()));
        assertThat(d.socketAddresses()).allSatisfy(s -> assertThat(s.getPort()).isEqualTo(443));
      } else {
        assertThat(d.reason()).as("%s", answer).isIn("egress.private-address", "egress.metadata-endpoint");
        assertThat(d.addresses()).isEmpty();
        assertThat(d.offendingAddress()).isPresent();
        assertThat(d.offendingAddress().get().isPublic()).isFalse();
      }
    }
  }

  @Example
  void concurrentDecisionsEachResolveOnce() throws Exception {
    ScriptedResolver dns = ScriptedResolver.builder().answer(HOST, "93.184.216.34").build();
    EgressPolicy policy = EgressPolicy.builder().allow(HOST).resolver(dns).build();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<EgressDecision>> futures = new ArrayList<>();
      for (int i = 0; i < 200; i++) {
        futures.add(pool.submit(() -> policy.check(HOST)));
      }
      for (Future<EgressDecision> f : futures) {
        assertThat(f.get(60, TimeUnit.SECONDS).allowed()).isTrue();
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(dns.calls(HOST)).isEqualTo(200);
  }

  @Example
  void aLookupThatNeverReturnsInTimeDenies() {
    CountDownLatch release = new CountDownLatch(1);
    ScriptedResolver dns = ScriptedResolver.builder().blocked(HOST, release, "93.184.216.34").build();
    try {
      EgressDecision d = EgressPolicy.builder().allow(HOST).resolver(dns).resolveTimeout(Duration.ofMillis(50)).build().check(HOST);
      assertThat(d.reason()).isEqualTo("egress.dns-timeout");
    } finally {
      release.countDown();
    }
  }

  @Example
  void aSlowAnswerByTheFakeClockDenies() {
    FakeTimeSource clock = FakeTimeSource.create();
    ScriptedResolver dns = ScriptedResolver.builder().inMemory(true)
        .delayed(HOST, clock, Duration.ofSeconds(5), "93.184.216.34")
        .delayed(HOST, clock, Duration.ofMillis(10), "93.184.216.34")
        .build();
    EgressPolicy policy = EgressPolicy.builder().allow(HOST).resolver(dns).timeSource(clock).resolveTimeout(Duration.ofSeconds(1)).build();
    assertThat(policy.check(HOST).reason()).isEqualTo("egress.dns-timeout");
    assertThat(policy.check(HOST).allowed()).isTrue();
  }

  @Example
  void misbehavingResolversDeny() {
    ScriptedResolver dns = ScriptedResolver.builder()
        .fail("gone.example").empty("empty.example").nullElement("null.example")
        .throwing("broken.example", new IllegalStateException("secret-looking detail")).build();
    EgressPolicy policy = EgressPolicy.builder().allow("*.example").resolver(dns).build();
    for (String host : List.of("gone.example", "empty.example", "null.example", "broken.example", "unscripted.example")) {
      EgressDecision d = policy.check(host);
      assertThat(d.reason()).as(host).isEqualTo("egress.dns-failure");
      assertThat(d.detail()).doesNotContain("secret-looking detail");
    }
  }

  @Provide
  Arbitrary<List<List<IpAddress>>> answerSequences() {
    Arbitrary<IpAddress> publicOnes = Arbitraries.of("93.184.216.34", "140.82.112.6", "2606:4700:4700::1111", "64:ff9b::808:808",
        "2002:808:808::1").map(IpAddress::parse);
    Arbitrary<IpAddress> any = Arbitraries.oneOf(publicOnes, NetArbitraries.ipv4Addresses(), NetArbitraries.ipv6Addresses(),
        NetArbitraries.embeddedIpv4().map(NetArbitraries.EmbeddedSample::ipv6));
    return any.list().ofMinSize(1).ofMaxSize(4).list().ofMinSize(1).ofMaxSize(4);
  }
}
