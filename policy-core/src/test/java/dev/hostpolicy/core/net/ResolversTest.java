package dev.hostpolicy.core.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hostpolicy.api.PolicyConfigurationException;
import java.net.UnknownHostException;
import org.junit.jupiter.api.Test;

class ResolversTest {

  @Test
  void systemResolverIsDiscoverableById() {
    assertThat(AddressResolvers.byId("system")).isInstanceOf(SystemAddressResolver.class);
    assertThatThrownBy(() -> AddressResolvers.byId("nope")).isInstanceOf(PolicyConfigurationException.class)
        .hasMessageContaining("system");
  }

  /** RFC 6761 sections 6.3 and 6.4: answered locally, never by a DNS server. */
  @Test
  void systemResolverAnswersRfc6761NamesItself() throws Exception {
    SystemAddressResolver r = new SystemAddressResolver();
    assertThat(r.resolve("localhost")).extracting(a -> IpAddress.of(a).toString()).containsExactly("127.0.0.1", "::1");
    assertThat(r.resolve("app.localhost")).allSatisfy(a -> assertThat(a.isLoopbackAddress()).isTrue());
    assertThatThrownBy(() -> r.resolve("x.invalid")).isInstanceOf(UnknownHostException.class);
    assertThatThrownBy(() -> r.resolve("127.0.0.1")).isInstanceOf(UnknownHostException.class);
  }

  @Test
  void staticResolverNormalisesHostsAndKeepsOrder() throws Exception {
    StaticAddressResolver r = StaticAddressResolver.builder()
        .add("B\u00fccher.example.", "192.0.2.1").add("xn--bcher-kva.example", "2001:db8::1").add("bücher.example", "192.0.2.1").build();
    assertThat(r.hosts()).containsExactly("xn--bcher-kva.example");
    assertThat(r.resolve("xn--bcher-kva.example")).extracting(a -> IpAddress.of(a).toString()).containsExactly("192.0.2.1", "2001:db8::1");
    assertThatThrownBy(() -> r.resolve("other.example")).isInstanceOf(UnknownHostException.class);
    assertThatThrownBy(() -> StaticAddressResolver.builder().add("a.example", "0177.0.0.1")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> StaticAddressResolver.builder().add("10.0.0.1", "10.0.0.1")).isInstanceOf(IllegalArgumentException.class);
    assertThat(r.answersFromMemory()).isTrue();
  }
}
