package dev.hostpolicy.http.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hostpolicy.api.Secret;
import dev.hostpolicy.core.token.TokenMint;
import dev.hostpolicy.http.HttpGuards;
import dev.hostpolicy.http.RawHttp;
import dev.hostpolicy.testkit.fake.InMemoryAuditSink;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.EnumSet;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.Test;

/** The servlet example of docs/http.md, run in Jetty 12. */
class ServletDocExampleIT {

  static final class RunsServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse res) throws IOException {
      res.setContentType("application/json");
      res.getWriter().write("{\"caller\":\"" + req.getAttribute(HttpGuards.AUTHENTICATED_ATTRIBUTE) + "\"}");
    }
  }

  @Test
  void jettyWithTheGuardFilter() throws Exception {
    Secret apiToken = TokenMint.mint();
    InMemoryAuditSink auditSink = InMemoryAuditSink.create().forbidding(apiToken);
    // snippet: http-servlet-jetty
    Server server = new Server();
    ServerConnector connector = new ServerConnector(server);
    connector.setHost("127.0.0.1");
    connector.setPort(0);                                   // or a fixed port
    server.addConnector(connector);
    connector.open();                                       // bind first: the Host rule needs the port

    HttpGuards guards = HttpGuards.builder(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), connector.getLocalPort()))
        .apiToken(apiToken)
        .audit(auditSink)
        .build();
    ServletContextHandler context = new ServletContextHandler();
    context.setContextPath("/");                            // the guards route on absolute paths
    context.addFilter(new FilterHolder(ServletGuardFilter.of(guards)), "/*", EnumSet.of(DispatcherType.REQUEST));
    context.addServlet(new ServletHolder(new RunsServlet()), "/api/*");
    server.setHandler(context);
    server.start();
    // end-snippet
    try {
      RawHttp.Response anonymous = RawHttp.request("GET", "/api/runs").send(connector.getLocalPort());
      assertThat(anonymous.status()).isEqualTo(401);
      RawHttp.Response ok = RawHttp.request("GET", "/api/runs").bearer(apiToken.revealUtf8()).send(connector.getLocalPort());
      assertThat(ok.status()).isEqualTo(200);
      assertThat(ok.text()).isEqualTo("{\"caller\":\"api-token\"}");
      assertThat(ok.header("X-Content-Type-Options")).contains("nosniff");
      auditSink.assertNoLeaks();
    } finally {
      server.stop();
    }
  }
}
