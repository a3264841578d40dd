package dev.hostpolicy.testkit.validate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hostpolicy.api.Decision;
import dev.hostpolicy.core.validate.OnDemandTlsGuard;
import java.util.Locale;
import java.util.Set;
import dev.hostpolicy.testkit.ValidatorArbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

class OnDemandTlsGuardProperties {
  static final String BASE = "dev.example.com";
  static final Set<Integer> EXCLUDED = Set.of(22, 443, 5432);

  private final OnDemandTlsGuard guard = OnDemandTlsGuard.builder(BASE)
      .excludePorts(22, 443, 5432)
      .listeningProbe(port -> port % 2 == 0)
      .build();

  @Provide
  Arbitrary<String> domains() {
    return ValidatorArbitraries.tlsDomains(BASE);
  }

  /** The rule, restated: allowed iff the domain is exactly {@code <canonical port>.<base>} and the port qualifies. */
  @Property(tries = 5000)
  void allowedOnlyForAPortOfTheBaseDomain(@ForAll("domains") String domain) {
    Decision d = guard.check(domain);
    String lower = domain.chars().allMatch(c -> c < 128) ? domain.toLowerCase(Locale.ROOT) : domain;
    boolean oracle = false;
    if (lower.endsWith("." + BASE)) {
      String label = lower.substring(0, lower.length() - BASE.length() - 1);
      if (label.matches("[1-9][0-9]{0,4}")) {
        int port = Integer.parseInt(label);
        oracle = port <= 65535 && !EXCLUDED.contains(port) && port % 2 == 0;
      }
    }
    assertThat(d.allowed()).as("%s -> %s", domain, d).isEqualTo(oracle);
  }

  @Property(tries = 3000)
  void everyPortDecidesByRangeExclusionAndProbe(@ForAll @IntRange(min = -100, max = 70000) int port) {
    Decision d = guard.check(port + "." + BASE);
    String expected = port < 1 ? (port == 0 ? "tls.invalid-port" : "tls.domain-mismatch")
        : port > 65535 ? "tls.invalid-port"
        : EXCLUDED.contains(port) ? "tls.excluded-port"
        : port % 2 == 0 ? "allowed" : "tls.not-listening";
    assertThat(d.reason()).isEqualTo(expected);
  }
}
