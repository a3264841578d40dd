package dev.hostpolicy.core.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.hostpolicy.api.PolicyViolationException;
import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LoopbackAddressTest {

  @Test
  void holdsOnlyLoopback() {
    assertThat(LoopbackAddress.ipv4()).hasToString("127.0.0.1");
    assertThat(LoopbackAddress.ipv6()).hasToString("[::1]");
    assertThat(LoopbackAddress.of("127.0.0.2").ip()).isEqualTo(IpAddress.parse("127.0.0.2"));
    assertThat(LoopbackAddress.of("[::1]")).isEqualTo(LoopbackAddress.ipv6());
    assertThat(LoopbackAddress.of("::ffff:127.0.0.1")).isEqualTo(LoopbackAddress.ipv4());
    assertThat(LoopbackAddress.ipv4().withPort(8080).getPort()).isEqualTo(8080);
    assertThatThrownBy(() -> LoopbackAddress.ipv4().withPort(65536)).isInstanceOf(IllegalArgumentException.class);
  }

  @ParameterizedTest
  @ValueSource(strings = {"0.0.0.0", "::", "localhost", "10.0.0.1", "::127.0.0.1", "0177.0.0.1", "127.1", "128.0.0.1", "fe80::1%lo"})
  void refusesEverythingElse(String text) {
    PolicyViolationException e = catchThrowableOfType(() -> LoopbackAddress.of(text), PolicyViolationException.class);
    assertThat(e.reason()).isEqualTo("bind.not-loopback");
  }

  @Test
  void portFallbackAdvancesOnlyOnAddressInUse() throws IOException {
    Set<Integer> taken = Set.of(5000, 5001, 5002);
    List<Integer> tried = new ArrayList<>();
    PortFallback.Bound<String> bound = PortFallback.bind(LoopbackAddress.ipv4(), 5000, 10, where -> {
      tried.add(where.getPort());
      if (taken.contains(where.getPort())) {
        throw new BindException("Address already in use");
      }
      return "server@" + where.getPort();
    });
    assertThat(tried).containsExactly(5000, 5001, 5002, 5003);
    assertThat(bound.resource()).isEqualTo("server@5003");
    assertThat(bound.address()).isEqualTo(new InetSocketAddress(LoopbackAddress.ipv4().inetAddress(), 5003));
  }

  @Test
  void otherFailuresStopAtOnce() {
    List<Integer> tried = new ArrayList<>();
    assertThatThrownBy(() -> PortFallback.bind(LoopbackAddress.ipv4(), 80, 5, where -> {
      tried.add(where.getPort());
      throw new BindException("Permission denied");
    })).isInstanceOf(BindException.class).hasMessage("Permission denied");
    assertThat(tried).containsExactly(80);
    assertThatThrownBy(() -> PortFallback.bind(LoopbackAddress.ipv4(), 80, 5, where -> {
      throw new SocketException("Network is unreachable");
    })).isInstanceOf(SocketException.class);
  }

  @Test
  void exhaustionNamesTheRangeAndAddress() {
    BindException e = catchThrowableOfType(() -> PortFallback.bind(LoopbackAddress.ipv6(), 7000, 3, where -> {
      throw new BindException("Address already in use (Bind failed)");
    }), BindException.class);
    assertThat(e).hasMessage("no free port on [::1] in 7000-7002: all 3 in use");
    assertThat(e.getCause()).isInstanceOf(BindException.class);
  }

  @Test
  void rangesMustFitThePortSpace() {
    assertThatThrownBy(() -> PortFallback.bind(LoopbackAddress.ipv4(), 65535, 2, w -> "x")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> PortFallback.bind(LoopbackAddress.ipv4(), 1, 0, w -> "x")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> PortFallback.bind(LoopbackAddress.ipv4(), 0, 2, w -> "x")).isInstanceOf(IllegalArgumentException.class);
  }
}
