package dev.hostpolicy.docs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hostpolicy.core.net.LoopbackAddress;
import dev.hostpolicy.core.net.PortFallback;
import java.io.IOException;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

/** The port-fallback example of docs/bind-guard.md, against a real loopback socket. */
class NetExamplesIT {

  @Test
  void portFallback() throws IOException {
    try (ServerSocket busy = new ServerSocket(0, 50, LoopbackAddress.ipv4().inetAddress())) {
      int desired = busy.getLocalPort();
      // snippet: port-fallback
      PortFallback.Bound<ServerSocket> bound = PortFallback.bind(LoopbackAddress.ipv4(), desired, 10, where -> {
        ServerSocket s = new ServerSocket();
        try {
          s.bind(where);            // only "address already in use" moves on to the next port
          return s;
        } catch (IOException e) {
          s.close();
          throw e;
        }
      });
      // all ten in use: BindException "no free port on 127.0.0.1 in 5173-5182: all 10 in use"
      // end-snippet
      try (ServerSocket server = bound.resource()) {
        assertThat(bound.address().getPort()).isNotEqualTo(desired);
        assertThat(server.getInetAddress().isLoopbackAddress()).isTrue();
      }
    }
  }
}
