package dev.hostpolicy.http.servlet;

import dev.hostpolicy.http.GuardedServerContract;
import dev.hostpolicy.http.HttpGuards;
import dev.hostpolicy.http.TestHost;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.function.Function;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/** The guard rows through the servlet filter in an embedded Jetty 12 (ee10, Servlet 6). */
class ServletAdapterIT extends GuardedServerContract {

  /** The application: the same answers as the JDK test's handler. */
  static final class App extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse res) throws IOException {
      byte[] in = req.getInputStream().readAllBytes();
      String path = req.getRequestURI();
      res.addHeader("X-App", "yes");
      byte[] out;
      if (path.equals("/dashboard")) {
        res.setContentType("text/html; charset=utf-8");
        out = "<!doctype html><title>dashboard</title><p>dashboard".getBytes(StandardCharsets.UTF_8);
      } else if (path.equals("/api/echo") || path.equals("/healthz")) {
        res.setContentType("application/json");
        out = TestHost.appJson(req.getAttribute(HttpGuards.AUTHENTICATED_ATTRIBUTE), req.getAttribute(HttpGuards.CORRELATION_ID_ATTRIBUTE),
            req.getAttribute(HttpGuards.CSP_NONCE_ATTRIBUTE), in.length).getBytes(StandardCharsets.UTF_8);
      } else {
        res.setStatus(404);
        res.setContentType("application/json");
        out = "{\"error\":\"app-not-found\"}".getBytes(StandardCharsets.UTF_8);
      }
      res.setContentLength(out.length);
      res.getOutputStream().write(out);
    }
  }

  static Running jetty(Function<InetSocketAddress, HttpGuards> guards) throws Exception {
    Server server = new Server();
    ServerConnector connector = new ServerConnector(server);
    connector.setHost("127.0.0.1");
    connector.setPort(0);
    server.addConnector(connector);
    connector.open(); // bind now: the chain needs the port before the context starts
    int port = connector.getLocalPort();
    HttpGuards chain = guards.apply(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port));
    ServletContextHandler context = new ServletContextHandler();
    context.setContextPath("/");
    context.addFilter(new FilterHolder(ServletGuardFilter.of(chain)), "/*", EnumSet.of(DispatcherType.REQUEST));
    context.addServlet(new ServletHolder(new App()), "/*");
    server.setHandler(context);
    server.start();
    return new Running() {
      @Override
      public int port() {
        return port;
      }

      @Override
      public void close() throws Exception {
        server.stop();
      }
    };
  }

  @Override
  protected Running start(Function<InetSocketAddress, HttpGuards> guards) throws Exception {
    return jetty(guards);
  }
}
