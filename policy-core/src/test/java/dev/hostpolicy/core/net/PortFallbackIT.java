package dev.hostpolicy.core.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Port fallback against real sockets on 127.0.0.1: the JDK's real "address in use" is recognised. */
class PortFallbackIT {

  private static ServerSocket bindReal(InetSocketAddress where) throws IOException {
    ServerSocket s = new ServerSocket();
    try {
      s.bind(where);
      return s;
    } catch (IOException e) {
      s.close();
      throw e;
    }
  }

  @Test
  void skipsPortsHeldByRealSockets() throws Exception {
    List<ServerSocket> held = new ArrayList<>();
    try {
      // find three consecutive free ports and hold them
      ServerSocket probe = bindReal(LoopbackAddress.ipv4().withPort(0));
      int base = probe.getLocalPort();
      probe.close();
      if (base > 65000) {
        base = 40000;
      }
      for (int p = base; p < base + 2; p++) {
        try {
          held.add(bindReal(LoopbackAddress.ipv4().withPort(p)));
        } catch (BindException taken) {
          // already taken by someone else: fallback must skip it as well
        }
      }
      PortFallback.Bound<ServerSocket> bound = PortFallback.bind(LoopbackAddress.ipv4(), base, 50, PortFallbackIT::bindReal);
      held.add(bound.resource());
      assertThat(bound.address().getPort()).isGreaterThanOrEqualTo(base + 2);
      assertThat(bound.resource().getLocalPort()).isEqualTo(bound.address().getPort());
      assertThat(bound.resource().getInetAddress().isLoopbackAddress()).isTrue();
    } finally {
      for (ServerSocket s : held) {
        s.close();
      }
    }
  }

  @Test
  void aFullRangeFailsNamingItWhenEveryPortIsHeld() throws Exception {
    try (ServerSocket holder = bindReal(LoopbackAddress.ipv4().withPort(0))) {
      int port = holder.getLocalPort();
      BindException e = catchThrowableOfType(
          () -> PortFallback.bind(LoopbackAddress.ipv4(), port, 1, PortFallbackIT::bindReal), BindException.class);
      assertThat(e).hasMessage("no free port on 127.0.0.1 in " + port + ": all 1 in use");
    }
  }
}
