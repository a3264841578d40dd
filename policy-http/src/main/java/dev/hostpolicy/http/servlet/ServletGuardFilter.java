package dev.hostpolicy.http.servlet;

import dev.hostpolicy.http.GuardRequest;
import dev.hostpolicy.http.GuardResponse;
import dev.hostpolicy.http.HttpGuards;
import dev.hostpolicy.http.Outcome;
import dev.hostpolicy.http.RequestBody;
import dev.hostpolicy.http.RequestHeaders;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Enumeration;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * The guard chain as a Jakarta Servlet 6 {@link Filter}: map it to {@code /*} of the root context
 * (the guards route on the absolute request path: {@code /login}, {@code /hooks/…}). Answers are
 * written here; a forwarded request continues down the filter chain with the guards' response
 * headers set, the attributes {@link HttpGuards#CORRELATION_ID_ATTRIBUTE},
 * {@link HttpGuards#AUTHENTICATED_ATTRIBUTE} and {@link HttpGuards#CSP_NONCE_ATTRIBUTE}, and any body
 * a guard read replayed.
 *
 * <p>The transport is {@link ServletRequest#isSecure()} plus {@code X-Forwarded-Proto} from the
 * proxies the chain trusts; if the container already rewrites {@code isSecure()} from forwarding
 * headers (a forwarded-request customizer), only enable that for a proxy you trust.
 *
 * <pre>{@code
 * ServletContextHandler context = new ServletContextHandler("/");
 * context.addFilter(new FilterHolder(ServletGuardFilter.of(guards)), "/*", EnumSet.of(DispatcherType.REQUEST));
 * context.addServlet(new ServletHolder(apiServlet), "/api/*");
 * }</pre>
 */
public final class ServletGuardFilter implements Filter {
  private final HttpGuards guards;

  private ServletGuardFilter(HttpGuards guards) {
    this.guards = guards;
  }

  /** A filter applying {@code guards}. */
  public static ServletGuardFilter of(HttpGuards guards) {
    return new ServletGuardFilter(Objects.requireNonNull(guards, "guards"));
  }

  /** The chain this filter applies. */
  public HttpGuards guards() {
    return guards;
  }

  @Override
  public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain) throws IOException, ServletException {
    if (!(req instanceof HttpServletRequest) || !(res instanceof HttpServletResponse)) {
      throw new ServletException("the HostPolicy guard filter only serves HTTP requests");
    }
    HttpServletRequest request = (HttpServletRequest) req;
    HttpServletResponse response = (HttpServletResponse) res;
    GuardRequest view = view(request);
    Outcome outcome = guards.handle(view);
    if (outcome instanceof Outcome.Respond respond) {
      write(request, response, respond.response());
      return;
    }
    Outcome.Forward forward = (Outcome.Forward) outcome;
    for (GuardResponse.Header h : forward.responseHeaders()) {
      response.addHeader(h.name(), h.value());
    }
    forward.attributes().forEach(request::setAttribute);
    HttpServletRequest next = view.body().started() ? new Replayed(request, view.body().replay()) : request;
    chain.doFilter(next, response);
  }

  private GuardRequest view(HttpServletRequest request) throws IOException {
    RequestHeaders.Builder headers = RequestHeaders.builder();
    Enumeration<String> names = request.getHeaderNames();
    if (names != null) {
      for (String name : Collections.list(names)) {
        for (String value : Collections.list(request.getHeaders(name))) {
          headers.add(name, value);
        }
      }
    }
    RequestHeaders h = headers.build();
    InetSocketAddress peer = new InetSocketAddress(InetAddress.getByName(literal(request.getRemoteAddr())), request.getRemotePort());
    long declared = request.getContentLengthLong();
    String query = request.getQueryString();
    return GuardRequest.builder(request.getMethod(), request.getRequestURI())
        .rawQuery(java.util.Optional.ofNullable(query))
        .headers(h)
        .remoteAddress(peer)
        .transport(guards.transport(request.isSecure(), peer, h.all("X-Forwarded-Proto")))
        .body(RequestBody.of(declared >= 0 ? OptionalLong.of(declared) : OptionalLong.empty(), request::getInputStream))
        .build();
  }

  /** The remote address is an IP literal; strip brackets so no name lookup can happen. */
  private static String literal(String addr) {
    if (addr == null || addr.isEmpty()) {
      return "0.0.0.0";
    }
    if (addr.startsWith("[") && addr.endsWith("]")) {
      return addr.substring(1, addr.length() - 1);
    }
    return addr;
  }

  private static void write(HttpServletRequest request, HttpServletResponse response, GuardResponse answer) throws IOException {
    response.setStatus(answer.status());
    for (GuardResponse.Header h : answer.headers()) {
      response.addHeader(h.name(), h.value());
    }
    byte[] body = answer.body();
    if (body.length > 0) {
      response.setContentLength(body.length);
      if (!request.getMethod().equals("HEAD")) {
        response.getOutputStream().write(body);
      }
    } else if (answer.status() != 204 && answer.status() != 304) {
      response.setContentLength(0);
    }
    response.flushBuffer();
  }

  @Override
  public String toString() {
    return "ServletGuardFilter[" + guards + "]";
  }

  /** The request with the body the guards read put back in front of the rest of the stream. */
  private static final class Replayed extends HttpServletRequestWrapper {
    private final ServletInputStream in;
    private BufferedReader reader;

    Replayed(HttpServletRequest request, InputStream body) {
      super(request);
      this.in = new ServletInputStream() {
        private boolean finished;

        @Override
        public int read() throws IOException {
          int b = body.read();
          finished = b < 0;
          return b;
        }

        @Override
        public int read(byte[] buf, int off, int len) throws IOException {
          int n = body.read(buf, off, len);
          finished = n < 0;
          return n;
        }

        @Override
        public boolean isFinished() {
          return finished;
        }

        @Override
        public boolean isReady() {
          return true;
        }

        @Override
        public void setReadListener(ReadListener listener) {
          throw new IllegalStateException("the replayed body is read blocking");
        }
      };
    }

    @Override
    public ServletInputStream getInputStream() {
      return in;
    }

    @Override
    public BufferedReader getReader() {
      if (reader == null) {
        String enc = getCharacterEncoding();
        Charset cs = enc == null ? StandardCharsets.UTF_8 : Charset.forName(enc);
        reader = new BufferedReader(new InputStreamReader(in, cs));
      }
      return reader;
    }
  }
}
