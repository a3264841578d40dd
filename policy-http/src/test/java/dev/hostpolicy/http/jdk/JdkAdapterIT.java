package dev.hostpolicy.http.jdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.hostpolicy.api.PolicyConfigurationException;
import dev.hostpolicy.api.spi.AuditSink;
import dev.hostpolicy.core.net.LoopbackAddress;
import dev.hostpolicy.core.webhook.WebhookTrigger;
import dev.hostpolicy.http.GuardedServerContract;
import dev.hostpolicy.http.HttpGuards;
import dev.hostpolicy.http.RawHttp;
import dev.hostpolicy.http.TestHost;
import dev.hostpolicy.http.WebhookRoute;
import dev.hostpolicy.http.WebhookRoutes;
import dev.hostpolicy.core.token.TriggerId;
import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** The guard rows over the JDK server, plus what only its helper does: port fallback and startup failures. */
class JdkAdapterIT extends GuardedServerContract {

  static final HttpHandler APP = JdkAdapterIT::app;

  static void app(HttpExchange exchange) throws IOException {
    byte[] in = exchange.getRequestBody().readAllBytes();
    String path = exchange.getRequestURI().getPath();
    exchange.getResponseHeaders().add("X-App", "yes");
    byte[] out;
    int status = 200;
    if (path.equals("/dashboard")) {
      exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
      out = "<!doctype html><title>dashboard</title><p>dashboard".getBytes(StandardCharsets.UTF_8);
    } else if (path.equals("/api/echo") || path.equals("/healthz")) {
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      out = TestHost.appJson(exchange.getAttribute(HttpGuards.AUTHENTICATED_ATTRIBUTE), exchange.getAttribute(HttpGuards.CORRELATION_ID_ATTRIBUTE),
          exchange.getAttribute(HttpGuards.CSP_NONCE_ATTRIBUTE), in.length).getBytes(StandardCharsets.UTF_8);
    } else {
      status = 404;
      out = "{\"error\":\"app-not-found\"}".getBytes(StandardCharsets.UTF_8);
    }
    exchange.sendResponseHeaders(status, out.length);
    exchange.getResponseBody().write(out);
    exchange.close();
  }

  @Override
  protected Running start(Function<InetSocketAddress, HttpGuards> guards) throws Exception {
    GuardedHttpServer s = GuardedHttpServer.builder(LoopbackAddress.ipv4()).guards(guards).start();
    s.context("/api/", APP);
    s.context("/dashboard", APP);
    s.context("/healthz", APP);
    return new Running() {
      @Override
      public int port() {
        return s.address().getPort();
      }

      @Override
      public void close() {
        s.close();
      }
    };
  }

  @Test
  void portFallbackSkipsATakenPort() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 50, LoopbackAddress.ipv4().inetAddress())) {
      int p = taken.getLocalPort();
      if (p > 65530) {
        return; // no room for a range above it; the next run picks another port
      }
      try (GuardedHttpServer s = GuardedHttpServer.builder(LoopbackAddress.ipv4()).port(p, 3)
          .guards(b -> HttpGuards.builder(b).withoutToken().audit(AuditSink.discarding()).build()).start()) {
        assertThat(s.address().getPort()).isGreaterThan(p).isLessThanOrEqualTo(p + 2);
        assertThat(s.uri().toString()).isEqualTo("http://127.0.0.1:" + s.address().getPort() + "/");
        RawHttp.Response r = RawHttp.request("GET", "/anything").send(s.address().getPort());
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.header("Content-Security-Policy")).isPresent();
      }
      assertThatThrownBy(() -> GuardedHttpServer.builder(LoopbackAddress.ipv4()).port(p, 1)
          .guards(b -> HttpGuards.builder(b).withoutToken().audit(AuditSink.discarding()).build()).start())
          .isInstanceOf(BindException.class).hasMessageContaining(Integer.toString(p));
    }
  }

  @Test
  void aSigningTriggerWithoutASecretStopsTheServerFromStarting() throws Exception {
    int[] seen = new int[1];
    assertThatThrownBy(() -> GuardedHttpServer.builder(LoopbackAddress.ipv4())
        .guards(b -> {
          seen[0] = b.getPort();
          return HttpGuards.builder(b).apiToken(host.token).audit(AuditSink.discarding())
              .webhooks(WebhookRoutes.of(List.of(WebhookRoute.enabled(TriggerId.generate(),
                  WebhookTrigger.builder("deploy").scheme("github").build()))), d -> { })
              .build();
        }).start())
        .isInstanceOf(PolicyConfigurationException.class)
        .hasMessageContaining("deploy").hasMessageContaining("webhook.misconfigured");
    // the server was closed: its port is free again
    try (ServerSocket again = new ServerSocket()) {
      again.bind(new InetSocketAddress(LoopbackAddress.ipv4().inetAddress(), seen[0]));
      assertThat(again.isBound()).isTrue();
    }
  }
}
