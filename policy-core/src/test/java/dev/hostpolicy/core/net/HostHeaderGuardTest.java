package dev.hostpolicy.core.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HostHeaderGuardTest {
  private final HostHeaderGuard guard = HostHeaderGuard.builder(8080).allowName("devbox.local").allowName("tunnel.example:443").build();

  @ParameterizedTest
  @ValueSource(strings = {"localhost:8080", "LOCALHOST:8080", "127.0.0.1:8080", "[::1]:8080", "[0:0:0:0:0:0:0:1]:8080",
      "devbox.local:8080", "DevBox.Local:8080", "tunnel.example:443"})
  void acceptsLoopbackNamesAndConfiguredOnesOnTheBoundPort(String host) {
    assertThat(guard.checkHost(host).allowed()).as(host).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"evil.example:8080", "localhost:8081", "localhost", "127.0.0.2:8080", "localhost.:8080", "[::2]:8080",
      "0177.0.0.1:8080", "127.1:8080", "2130706433:8080", "localhost:08080", "localhost:8080:8080", "user@localhost:8080",
      "localhost:8080 ", " localhost:8080", "localhost:8080, evil.example", "", "[::1", "::1:8080", "devbox.local:9999",
      "tunnel.example:8080", "localhost\r\nX: y:8080", "[::ffff:127.0.0.1]:8080", "localhost:"})
  void refusesEverythingElse(String host) {
    assertThat(guard.checkHost(host).reason()).as(host).isEqualTo("host-header.mismatch");
  }

  @Test
  void portlessHostOnlyOnTheSchemesDefaultPort() {
    assertThat(HostHeaderGuard.forPort(80).checkHost("localhost").allowed()).isTrue();
    assertThat(HostHeaderGuard.builder(443).scheme("https").build().checkHost("localhost").allowed()).isTrue();
    assertThat(HostHeaderGuard.forPort(443).checkHost("localhost").allowed()).isFalse();
  }

  @Test
  void originIsCheckedForStateChangingMethods() {
    assertThat(guard.checkOrigin("GET", Optional.of("http://evil.example")).allowed()).isTrue();
    assertThat(guard.checkOrigin("HEAD", Optional.of("http://evil.example")).allowed()).isTrue();
    assertThat(guard.checkOrigin("POST", Optional.of("http://localhost:8080")).allowed()).isTrue();
    assertThat(guard.checkOrigin("DELETE", Optional.of("http://[::1]:8080")).allowed()).isTrue();
    assertThat(guard.checkOrigin("PUT", Optional.of("http://devbox.local:8080")).allowed()).isTrue();
    assertThat(guard.checkOrigin("POST", Optional.empty()).allowed()).isTrue();
    for (String bad : new String[] {"http://evil.example", "null", "http://localhost:8081", "https://localhost:8080",
        "http://localhost:8080/", "http://localhost.evil.example:8080", "http://user@localhost:8080", "http://127.1:8080", ""}) {
      assertThat(guard.checkOrigin("POST", Optional.of(bad)).reason()).as(bad).isEqualTo("origin.mismatch");
    }
    // methods are case-sensitive: "get" is not the safe GET
    assertThat(guard.checkOrigin("get", Optional.of("http://evil.example")).reason()).isEqualTo("origin.mismatch");
  }

  @Test
  void configuredOriginsAndRequiredOrigin() {
    HostHeaderGuard g = HostHeaderGuard.builder(8080).allowOrigin("https://App.Acme.example").requireOrigin(true).build();
    assertThat(g.checkOrigin("POST", Optional.of("https://app.acme.example")).allowed()).isTrue();
    assertThat(g.checkOrigin("POST", Optional.empty()).reason()).isEqualTo("origin.mismatch");
    assertThatThrownBy(() -> HostHeaderGuard.builder(8080).allowOrigin("https://a.example/path")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> HostHeaderGuard.builder(8080).allowName("*.example.com")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> HostHeaderGuard.builder(0)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void detailsEscapeHostileHeaders() {
    assertThat(guard.checkHost("evil\r\nSet-Cookie: x").detail()).doesNotContain("\r", "\n");
  }
}
