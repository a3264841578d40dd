package dev.hostpolicy.http.headers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hostpolicy.api.PolicyConfigurationException;
import dev.hostpolicy.testkit.TextArbitraries;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Example;

/**
 * Whatever a host feeds the CSP builder, it either refuses (naming the directive) or yields a
 * header that still has exactly the directives it was given: no source can add a directive, a
 * policy or a header line.
 */
class ContentSecurityPolicyProperties {

  @Provide
  Arbitrary<String> sources() {
    return net.jqwik.api.Arbitraries.oneOf(TextArbitraries.hostileText(),
        net.jqwik.api.Arbitraries.of("'self'", "https://cdn.example", "data:", "'nonce-abc'", "*.example.com", "'none'"));
  }

  @Property(tries = 3000)
  void aSourceNeverAddsADirectiveOrAHeader(@ForAll("sources") String a, @ForAll("sources") String b) {
    ContentSecurityPolicy p;
    try {
      p = ContentSecurityPolicy.strict().toBuilder().addSources("img-src", a).addSources("connect-src", b).build();
    } catch (PolicyConfigurationException e) {
      assertThat(e.key()).hasValueSatisfying(k -> assertThat(k).isIn("csp.img-src", "csp.connect-src"));
      return;
    }
    String header = p.headerValue(CspNonce.generate());
    assertThat(header.split(";")).hasSize(ContentSecurityPolicy.strict().directives().size());
    assertThat(header.chars().allMatch(c -> c >= 0x20 && c < 0x7f)).isTrue();
    assertThat(header).doesNotContain(",");
    assertThat(p.sources("img-src").orElseThrow()).contains(a);
  }

  @Example
  void tenThousandNoncesAreDistinctAndWellFormed() {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 10_000; i++) {
      CspNonce n = CspNonce.generate();
      assertThat(n.value()).matches("[A-Za-z0-9_-]{22}");
      assertThat(seen.add(n.value())).isTrue();
    }
    assertThat(List.copyOf(seen)).hasSize(10_000);
  }
}
