package dev.hostpolicy.core.validate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hostpolicy.api.PolicyConfigurationException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OnDemandTlsGuardTest {
  private final List<Integer> probed = new ArrayList<>();
  private final OnDemandTlsGuard guard = OnDemandTlsGuard.builder("dev.example.com")
      .excludePorts(22, 5432)
      .listeningProbe(port -> {
        probed.add(port);
        return Set.of(3000, 8080, 22, 65535, 1).contains(port);
      })
      .build();

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "3000.dev.example.com|allowed",
      "8080.DEV.Example.COM|allowed",
      "65535.dev.example.com|allowed",
      "1.dev.example.com|allowed",
      "''|tls.malformed-domain",
      "3000.dev.example.com.|tls.malformed-domain",
      "3000.dev.example.com:443|tls.malformed-domain",
      "*.dev.example.com|tls.malformed-domain",
      "3000.dev_example.com|tls.malformed-domain",
      "3000.dev.example.c\u043em|tls.malformed-domain",
      "3000 .dev.example.com|tls.malformed-domain",
      "dev.example.com|tls.domain-mismatch",
      ".dev.example.com|tls.domain-mismatch",
      "3000.devXexample.com|tls.domain-mismatch",
      "3000.dev-example.com|tls.domain-mismatch",
      "3000.xdev.example.com|tls.domain-mismatch",
      "3000.dev.example.com.evil.test|tls.domain-mismatch",
      "a.3000.dev.example.com|tls.domain-mismatch",
      "3000.a.dev.example.com|tls.domain-mismatch",
      "www.dev.example.com|tls.domain-mismatch",
      "-1.dev.example.com|tls.domain-mismatch",
      "0x50.dev.example.com|tls.domain-mismatch",
      "0.dev.example.com|tls.invalid-port",
      "08080.dev.example.com|tls.invalid-port",
      "65536.dev.example.com|tls.invalid-port",
      "99999999999.dev.example.com|tls.invalid-port",
      "22.dev.example.com|tls.excluded-port",
      "5432.dev.example.com|tls.excluded-port",
      "4000.dev.example.com|tls.not-listening"})
  void decides(String domain, String reason) {
    assertThat(guard.check(domain).reason()).as(domain).isEqualTo(reason);
  }

  @Test
  void theBaseDomainIsMatchedLiterallyNotAsARegex() {
    // a regex built from "dev.example.com" would let '.' match any character
    assertThat(guard.check("3000.devaexample.com").reason()).isEqualTo("tls.domain-mismatch");
    assertThat(guard.check("3000.dev.exampleXcom").reason()).isEqualTo("tls.domain-mismatch");
    assertThat(probed).isEmpty();
  }

  @Test
  void theProbeIsAskedOnlyAfterTheNameChecks() {
    guard.check("22.dev.example.com");
    guard.check("evil.test");
    assertThat(probed).isEmpty();
    guard.check("3000.dev.example.com");
    assertThat(probed).containsExactly(3000);
  }

  @Test
  void aFailingProbeDenies() {
    OnDemandTlsGuard g1 = OnDemandTlsGuard.builder("dev.example.com").listeningProbe(p -> {
      throw new IOException("boom");
    }).build();
    OnDemandTlsGuard g2 = OnDemandTlsGuard.builder("dev.example.com").listeningProbe(p -> {
      throw new IllegalStateException("bug");
    }).build();
    assertThat(g1.check("3000.dev.example.com").reason()).isEqualTo("tls.probe-failed");
    assertThat(g2.check("3000.dev.example.com").reason()).isEqualTo("tls.probe-failed");
  }

  @Test
  void portRange() {
    OnDemandTlsGuard g = OnDemandTlsGuard.builder("x.test").portRange(1024, 49151).listeningProbe(p -> true).build();
    assertThat(g.check("80.x.test").reason()).isEqualTo("tls.excluded-port");
    assertThat(g.check("49152.x.test").reason()).isEqualTo("tls.excluded-port");
    assertThat(g.check("1024.x.test").allowed()).isTrue();
  }

  @Test
  void misconfigurationIsAStartupError() {
    assertThatThrownBy(() -> OnDemandTlsGuard.builder("dev.example.com").build())
        .isInstanceOf(PolicyConfigurationException.class).hasMessageContaining("tls.listening-probe");
    for (String bad : new String[] {"", "dev..example.com", "dev.example.com.", "*.example.com", "d\u00e9v.example.com",
        "-dev.example.com", "dev_example.com", "dev.example.com/x"}) {
      assertThatThrownBy(() -> OnDemandTlsGuard.builder(bad)).as(bad).isInstanceOf(PolicyConfigurationException.class);
    }
    assertThatThrownBy(() -> OnDemandTlsGuard.builder("x.test").excludePorts(0)).isInstanceOf(PolicyConfigurationException.class);
    assertThatThrownBy(() -> OnDemandTlsGuard.builder("x.test").portRange(10, 5)).isInstanceOf(PolicyConfigurationException.class);
    assertThat(OnDemandTlsGuard.builder("DEV.Example.com").listeningProbe(p -> true).build().baseDomain())
        .isEqualTo("dev.example.com");
  }
}
