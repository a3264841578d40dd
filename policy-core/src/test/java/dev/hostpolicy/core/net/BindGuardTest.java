package dev.hostpolicy.core.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.hostpolicy.api.PolicyConfigurationException;
import dev.hostpolicy.api.PolicyViolationException;
import java.net.InetAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BindGuardTest {
  private final BindGuard guard = BindGuard.forNamespace("INFLOOP");

  @ParameterizedTest
  @ValueSource(strings = {"127.0.0.1:8080", "127.0.0.1", "127.1.2.3:80", "[::1]:8080", "::1", "[::ffff:127.0.0.1]:80", "localhost:3000",
      "app.localhost:3000"})
  void loopbackPassesWithoutAToken(String address) {
    BindDecision d = guard.check(address, false, false);
    assertThat(d.decision().allowed()).isTrue();
    assertThat(d.loopbackOnly()).isTrue();
    assertThat(d.banner()).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"0.0.0.0:8080", "[::]:8080", "::", "192.168.1.5:80", "10.0.0.1", "[::127.0.0.1]:80", "[64:ff9b::7f00:1]:80",
      "8.8.8.8:80"})
  void aNetworkBindWithoutTokenOrOptInIsRefusedNamingTheFix(String address) {
    PolicyViolationException e = catchThrowableOfType(() -> guard.check(address, false, false), PolicyViolationException.class);
    assertThat(e.reason()).isEqualTo("bind.insecure");
    assertThat(e.getMessage()).contains("INFLOOP_API_TOKEN").contains("INFLOOP_ALLOW_INSECURE").contains("127.0.0.1");
  }

  @Test
  void aTokenGuardsANetworkBind() {
    BindDecision d = guard.check("0.0.0.0:8080", true, false);
    assertThat(d.decision().allowed()).isTrue();
    assertThat(d.decision().reason()).isEqualTo("allowed");
    assertThat(d.loopbackOnly()).isFalse();
    assertThat(d.banner()).isEmpty();
    assertThat(guard.check("0.0.0.0:8080", true, true).banner()).isEmpty();
  }

  @Test
  void theInsecureOptInAllowsWithALoudBanner() {
    BindDecision d = guard.check("0.0.0.0:8080", false, true);
    assertThat(d.decision().allowed()).isTrue();
    assertThat(d.decision().reason()).isEqualTo("bind.insecure-allowed");
    String banner = d.banner().orElseThrow();
    assertThat(banner.lines().count()).isGreaterThanOrEqualTo(5);
    assertThat(banner).contains("INSECURE").contains("0.0.0.0:8080").contains("INFLOOP_API_TOKEN").contains("INFLOOP_ALLOW_INSECURE");
    assertThat(d.address()).isEqualTo("0.0.0.0:8080");
  }

  @Test
  void withoutNamespaceTheSettingsAreNamedGenerically() {
    PolicyViolationException e = catchThrowableOfType(() -> BindGuard.create().check("[::]:1", false, false), PolicyViolationException.class);
    assertThat(e.getMessage()).contains("<NS>_API_TOKEN").contains("<NS>_ALLOW_INSECURE");
    assertThatThrownBy(() -> BindGuard.forNamespace("lower")).isInstanceOf(IllegalArgumentException.class);
  }

  @ParameterizedTest
  @ValueSource(strings = {"0177.0.0.1:80", "127.1", "2130706433:80", "127.0.0.1.:80", "127.0.0.1:65536", "127.0.0.1:080", "[::1",
      "[127.0.0.1]:80", "1:2:3", "", "exa mple:80", "nothing.invalid:80"})
  void malformedAmbiguousOrUnresolvableAddressesAreConfigurationErrors(String address) {
    assertThatThrownBy(() -> guard.check(address, true, true)).isInstanceOf(PolicyConfigurationException.class)
        .hasMessageStartingWith("bind address: ");
  }

  @Test
  void checksAddressesInHand() throws Exception {
    assertThat(guard.check(InetAddress.getLoopbackAddress(), 80, false, false).loopbackOnly()).isTrue();
    assertThatThrownBy(() -> guard.check(InetAddress.getByAddress(new byte[4]), 80, false, false))
        .isInstanceOf(PolicyViolationException.class);
  }
}
