package com.example.hosts.devbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import dev.hostpolicy.api.Decision;
import dev.hostpolicy.api.Secret;
import dev.hostpolicy.api.spi.AuditSink;
import dev.hostpolicy.core.HostPolicy;
import dev.hostpolicy.core.cloudinit.CloudConfig;
import dev.hostpolicy.core.cloudinit.WriteFile;
import dev.hostpolicy.core.net.LoopbackAddress;
import dev.hostpolicy.core.profile.DevboxProfile;
import dev.hostpolicy.core.text.HtmlEscaper;
import dev.hostpolicy.core.text.JsEscaper;
import dev.hostpolicy.core.token.TokenMint;
import dev.hostpolicy.core.validate.GitRemoteValidator;
import dev.hostpolicy.core.validate.KeyPathGuard;
import dev.hostpolicy.core.validate.ListeningProbe;
import dev.hostpolicy.core.validate.OnDemandTlsGuard;
import dev.hostpolicy.core.validate.Slugs;
import dev.hostpolicy.http.HttpGuards;
import dev.hostpolicy.http.jdk.GuardedHttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/**
 * A Devbox-style provisioner built only from HostPolicy's public API: the {@code devbox} profile; a
 * loopback server whose every response carries the strict security headers and a per-response nonce
 * CSP; a page that puts user text into HTML text, an HTML attribute and a JS string through the
 * exact escapers; a provisioning API that refuses {@code __proto__}-style keys and over-deep JSON,
 * malformed slugs and dangerous git remotes, and renders cloud-init with the typed builder (every
 * value a quoted YAML string, commands as argv lists); and the on-demand-TLS ask check.
 *
 * <pre>{@code
 * try (DevboxHost host = DevboxHost.builder().tlsBaseDomain("dev.example.com").start()) {
 *   // GET /box?name=…         the page, user text escaped for its context
 *   // POST /api/provision     {"name":"web-1","repo":"https://…","sshKey":"ssh-ed25519 …","motd":"…"}
 *   // GET /tls-ask?domain=3000.dev.example.com
 * }
 * }</pre>
 */
public final class DevboxHost implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HostPolicy policy;
  private final Secret token;
  private final KeyPathGuard keyPaths;
  private final GitRemoteValidator remotes = GitRemoteValidator.strict();
  private final Optional<OnDemandTlsGuard> tls;
  private final GuardedHttpServer server;

  private DevboxHost(Builder b) throws IOException {
    HostPolicy.Builder pb = HostPolicy.builder().profile(DevboxProfile.ID);
    b.tlsBaseDomain.ifPresent(d -> pb.set(DevboxProfile.TLS_BASE_DOMAIN, d));
    this.policy = pb.build();
    this.token = TokenMint.mint();
    this.keyPaths = KeyPathGuard.builder().maxDepth(Math.toIntExact(policy.get(DevboxProfile.MAX_KEY_DEPTH))).build();
    String base = policy.get(DevboxProfile.TLS_BASE_DOMAIN);
    this.tls = base.isEmpty()
        ? Optional.empty()
        : Optional.of(OnDemandTlsGuard.builder(base).listeningProbe(ListeningProbe.loopbackTcp(Duration.ofMillis(250))).build());
    this.server = GuardedHttpServer.builder(LoopbackAddress.ipv4())
        .port(0, 1)
        .guards(bound -> HttpGuards.builder(bound)
            .apiToken(token)
            .publicPaths("/box", "/tls-ask")        // the page and Caddy's ask call; /api/ needs the token
            .audit(b.audit)
            .build())
        .start();
    server.context("/api/", this::provision);
    server.context("/tls-ask", this::tlsAsk);
    server.context("/box", this::page);
  }

  private void page(HttpExchange exchange) throws IOException {
    if (!exchange.getRequestURI().getRawPath().equals("/box")) {
      send(exchange, 404, "application/json", "{\"error\":\"not-found\"}");
      return;
    }
    String name = query(exchange.getRequestURI(), "name").orElse("my-box");
    String nonce = (String) exchange.getAttribute(HttpGuards.CSP_NONCE_ATTRIBUTE);
    String html = "<!doctype html><html><head><title>" + HtmlEscaper.text(name) + "</title></head><body>"
        + "<h1>" + HtmlEscaper.text(name) + "</h1>"
        + "<input name=\"name\" value=\"" + HtmlEscaper.attribute(name) + "\">"
        + "<script nonce=\"" + nonce + "\">const boxName = \"" + JsEscaper.stringContent(name) + "\";</script>"
        + "</body></html>";
    send(exchange, 200, "text/html; charset=utf-8", html);
  }

  private void provision(HttpExchange exchange) throws IOException {
    if (!exchange.getRequestURI().getRawPath().equals("/api/provision") || !exchange.getRequestMethod().equals("POST")) {
      send(exchange, 404, "application/json", "{\"error\":\"not-found\"}");
      return;
    }
    JsonNode body;
    try {
      body = JSON.readTree(exchange.getRequestBody());
    } catch (IOException e) {
      send(exchange, 400, "application/json", "{\"error\":\"devbox.malformed-json\"}");
      return;
    }
    Decision d = keyPaths.checkTree(body);                           // __proto__, constructor, depth
    String name = body.path("name").asText("");
    String repo = body.path("repo").asText("");
    if (d.allowed()) {
      d = Slugs.check(name);
    }
    if (d.allowed()) {
      d = remotes.check(repo);                                       // ext::, file://, -u…, credentials
    }
    if (!d.allowed()) {
      send(exchange, 400, "application/json", "{\"error\":\"" + d.reason() + "\"}");
      return;
    }
    String yaml;
    try {
      yaml = CloudConfig.builder()
          .sshAuthorizedKey(body.path("sshKey").asText(""))
          .writeFile(WriteFile.text("/etc/motd", body.path("motd").asText("")))
          .runcmd("git", "clone", "--", repo, "/srv/" + name)
          .build()
          .toYaml();
    } catch (RuntimeException e) {
      send(exchange, 400, "application/json", "{\"error\":\"devbox.invalid-cloud-config\"}");
      return;
    }
    send(exchange, 200, "text/cloud-config; charset=utf-8", yaml);
  }

  private void tlsAsk(HttpExchange exchange) throws IOException {
    String domain = query(exchange.getRequestURI(), "domain").orElse("");
    Decision d = tls.map(g -> g.check(domain)).orElse(Decision.deny("devbox.tls-disabled", "no base domain configured"));
    send(exchange, d.allowed() ? 200 : 403, "application/json", "{\"allowed\":" + d.allowed() + ",\"reason\":\"" + d.reason() + "\"}");
  }

  private static Optional<String> query(URI uri, String name) {
    String raw = uri.getRawQuery();
    if (raw != null) {
      for (String pair : raw.split("&")) {
        int eq = pair.indexOf('=');
        if (eq > 0 && pair.substring(0, eq).equals(name)) {
          return Optional.of(URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
      }
    }
    return Optional.empty();
  }

  private static void send(HttpExchange exchange, int status, String type, String text) throws IOException {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", type);
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  /** Starts configuring a provisioner. */
  public static Builder builder() {
    return new Builder();
  }

  /** The base URI ({@code http://127.0.0.1:PORT/}). */
  public URI uri() {
    return server.uri();
  }

  /** The port the server listens on. */
  public int port() {
    return server.address().getPort();
  }

  /** The API token. */
  public Secret token() {
    return token;
  }

  /** The effective policy. */
  public HostPolicy policy() {
    return policy;
  }

  @Override
  public void close() {
    server.close();
  }

  @Override
  public String toString() {
    return "DevboxHost[" + server.uri() + "]";
  }

  /** Configures a {@link DevboxHost}. */
  public static final class Builder {
    private Optional<String> tlsBaseDomain = Optional.empty();
    private AuditSink audit = AuditSink.discarding();

    private Builder() {}

    /** The base domain of on-demand TLS names; without one the ask check refuses everything. */
    public Builder tlsBaseDomain(String baseDomain) {
      this.tlsBaseDomain = Optional.of(baseDomain);
      return this;
    }

    /** Where refusals are audited; discarded by default. */
    public Builder audit(AuditSink audit) {
      this.audit = audit;
      return this;
    }

    /** Starts serving on an ephemeral loopback port. */
    public DevboxHost start() throws IOException {
      return new DevboxHost(this);
    }
  }
}
