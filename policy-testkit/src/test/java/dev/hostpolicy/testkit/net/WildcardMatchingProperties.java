package dev.hostpolicy.testkit.net;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hostpolicy.api.spi.AddressResolver;
import dev.hostpolicy.core.net.EgressDecision;
import dev.hostpolicy.core.net.EgressPolicy;
import dev.hostpolicy.core.net.EgressTarget;
import dev.hostpolicy.core.net.HostPattern;
import dev.hostpolicy.core.net.IpAddress;
import dev.hostpolicy.testkit.NetArbitraries;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Pattern matching against a label-by-label reference model, and the hashed allow/deny index of
 * {@link EgressPolicy} against a naive linear scan of the same rules.
 */
class WildcardMatchingProperties {

  /** Reference: split into labels; a wildcard needs more labels than its domain and equal trailing labels. */
  static boolean referenceMatches(HostPattern p, String host) {
    List<String> h = Arrays.asList(host.split("\\.", -1));
    List<String> d = Arrays.asList(p.host().split("\\.", -1));
    switch (p.kind()) {
      case EXACT_HOST:
        return h.equals(d);
      case WILDCARD:
        return h.size() > d.size() && h.subList(h.size() - d.size(), h.size()).equals(d) && !h.get(0).isEmpty();
      default:
        return false;
    }
  }

  @Property(tries = 3000)
  void matchingFollowsTheLabelModel(@ForAll("patternHostPairs") List<String> pair) {
    HostPattern p = HostPattern.parse(pair.get(0));
    String host = pair.get(1);
    assertThat(p.matchesHost(host)).as("%s vs %s", p, host).isEqualTo(referenceMatches(p, host));
  }

  /** Every host resolves to one public address, from memory. */
  static final class OnePublicAddress implements AddressResolver {
    @Override
    public String id() {
      return "one-public";
    }

    @Override
    public List<InetAddress> resolve(String host) {
      return List.of(IpAddress.parse("93.184.216.34").toInetAddress(host));
    }

    @Override
    public boolean answersFromMemory() {
      return true;
    }
  }

  @Property(tries = 1500)
  void theHashedIndexDecidesLikeALinearScan(@ForAll("rules") List<List<String>> rules, @ForAll("targets") List<String> targets) {
    List<String> allow = rules.get(0);
    List<String> deny = rules.get(1);
    EgressPolicy policy = EgressPolicy.builder().allowForced(allow.toArray(String[]::new)).deny(deny.toArray(String[]::new))
        .resolver(new OnePublicAddress()).build();
    List<HostPattern> allowP = allow.stream().map(HostPattern::parse).toList();
    List<HostPattern> denyP = deny.stream().map(HostPattern::parse).toList();
    for (String target : targets) {
      EgressTarget t = EgressTarget.parse(target);
      EgressDecision d = policy.check(t);
      assertThat(d.reason()).as("%s allow=%s deny=%s", target, allow, deny).isEqualTo(linearScan(allowP, denyP, t));
    }
  }

  private static String linearScan(List<HostPattern> allow, List<HostPattern> deny, EgressTarget t) {
    for (HostPattern p : deny) {
      if (covers(p, t) && (p.port().isEmpty() || p.port().getAsInt() == t.port())) {
        return "egress.denied-pattern";
      }
    }
    boolean hostMatched = false;
    for (HostPattern p : allow) {
      if (covers(p, t)) {
        hostMatched = true;
        Set<Integer> ports = p.port().isPresent() ? Set.of(p.port().getAsInt()) : EgressPolicy.DEFAULT_PORTS;
        if (ports.contains(t.port())) {
          return t.ipLiteral().isPresent() ? "allowed" : afterResolution(deny, t.port());
        }
      }
    }
    return hostMatched ? "egress.port-not-allowed" : "egress.not-allowed";
  }

  /** Host names resolve to 93.184.216.34, which deny IP entries also cover. */
  private static String afterResolution(List<HostPattern> deny, int port) {
    IpAddress resolved = IpAddress.parse("93.184.216.34");
    for (HostPattern p : deny) {
      if (p.ip().isPresent() && p.ip().get().equals(resolved) && (p.port().isEmpty() || p.port().getAsInt() == port)) {
        return "egress.denied-pattern";
      }
    }
    return "allowed";
  }

  private static boolean covers(HostPattern p, EgressTarget t) {
    if (t.ipLiteral().isPresent()) {
      return p.ip().isPresent() && p.ip().get().equals(t.ipLiteral().get().unmapped());
    }
    return referenceMatches(p, t.host());
  }

  // ------------------------------------------------------------ generators

  private static final List<String> DOMAINS = List.of("example.com", "a.example.com", "b.a.example.com", "example.org", "co.example",
      "xn--bcher-kva.example", "x.y.z.example.net");

  @Provide
  Arbitrary<List<String>> patternHostPairs() {
    Arbitrary<String> domain = Arbitraries.oneOf(Arbitraries.of(DOMAINS), NetArbitraries.hostNames().filter(h -> h.contains(".")));
    Arbitrary<String> label = Arbitraries.strings().withCharRange('a', 'c').ofMinLength(1).ofMaxLength(3);
    return Combinators.combine(domain, Arbitraries.of(true, false), label.list().ofMaxSize(3), Arbitraries.integers().between(0, 3))
        .as((d, wildcard, prefix, drop) -> {
          String[] parts = d.split("\\.");
          String base = String.join(".", Arrays.copyOfRange(parts, Math.min(drop, parts.length - 1), parts.length));
          String host = prefix.isEmpty() ? base : String.join(".", prefix) + "." + base;
          if (host.length() > 253) {
            host = base;
          }
          return List.of((wildcard ? "*." : "") + d, host);
        });
  }

  @Provide
  Arbitrary<List<List<String>>> rules() {
    Arbitrary<String> port = Arbitraries.of("", "", ":443", ":80", ":8443");
    Arbitrary<String> entry = Combinators.combine(Arbitraries.of(DOMAINS), Arbitraries.of("", "*."), port).as((d, w, p) -> w + d + p);
    Arbitrary<String> ipEntry = Combinators.combine(Arbitraries.of("93.184.216.34", "10.0.0.1", "[2001:db8::1]", "127.0.0.1"), port)
        .as((ip, p) -> p.isEmpty() ? ip.replace("[", "").replace("]", "") : ip + p);
    Arbitrary<String> any = Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(5, entry), net.jqwik.api.Tuple.of(1, ipEntry));
    return Combinators.combine(any.list().ofMaxSize(8), any.list().ofMaxSize(3)).as(List::of);
  }

  @Provide
  Arbitrary<List<String>> targets() {
    Arbitrary<String> prefix = Arbitraries.of("", "www.", "a.", "deep.er.");
    Arbitrary<String> host = Combinators.combine(prefix, Arbitraries.of(DOMAINS)).as((p, d) -> p + d);
    Arbitrary<String> port = Arbitraries.of(443, 80, 8443, 22).map(p -> ":" + p);
    Arbitrary<String> hostTarget = Combinators.combine(host, port).as((h, p) -> h + p);
    Arbitrary<String> ipTarget = Combinators.combine(Arbitraries.of("93.184.216.34", "10.0.0.1", "[2001:db8::1]", "127.0.0.1",
        "[::ffff:10.0.0.1]"), port).as((ip, p) -> ip + p);
    return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(5, hostTarget), net.jqwik.api.Tuple.of(1, ipTarget)).list().ofMinSize(1).ofMaxSize(6)
        .map(ArrayList::new);
  }
}
