package dev.hostpolicy.core.validate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** {@link ListeningProbe#loopbackTcp} and the guard against a real loopback listener. */
class ListeningProbeIT {

  @Test
  void listeningThenClosed() throws Exception {
    ListeningProbe probe = ListeningProbe.loopbackTcp(Duration.ofSeconds(2));
    int port;
    try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
      port = server.getLocalPort();
      assertThat(probe.isListening(port)).isTrue();
      OnDemandTlsGuard guard = OnDemandTlsGuard.builder("dev.example.com").listeningProbe(probe).build();
      assertThat(guard.check(port + ".dev.example.com").allowed()).isTrue();
    }
    assertThat(probe.isListening(port)).isFalse();
    OnDemandTlsGuard guard = OnDemandTlsGuard.builder("dev.example.com").listeningProbe(probe).build();
    assertThat(guard.check(port + ".dev.example.com").reason()).isEqualTo("tls.not-listening");
  }

  @Test
  void aListenerOnAnotherAddressIsNotLoopback() throws Exception {
    InetAddress other = InetAddress.getByName("127.0.0.2");
    try (ServerSocket server = new ServerSocket(0, 50, other)) {
      assertThat(ListeningProbe.loopbackTcp(Duration.ofSeconds(1)).isListening(server.getLocalPort())).isFalse();
    }
  }

  @Test
  void timeoutMustBePositive() {
    assertThatThrownBy(() -> ListeningProbe.loopbackTcp(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ListeningProbe.loopbackTcp(Duration.ofMillis(-1))).isInstanceOf(IllegalArgumentException.class);
  }
}
