package com.example.hosts.devtools;

import com.sun.net.httpserver.HttpExchange;
import dev.hostpolicy.api.PolicyViolationException;
import dev.hostpolicy.api.Secret;
import dev.hostpolicy.api.spi.AuditSink;
import dev.hostpolicy.api.spi.PolicyKeys;
import dev.hostpolicy.core.HostPolicy;
import dev.hostpolicy.core.Settings;
import dev.hostpolicy.core.env.EnvironmentSnapshot;
import dev.hostpolicy.core.env.ProductionGate;
import dev.hostpolicy.core.fs.WorkspaceFiles;
import dev.hostpolicy.core.fs.WorkspacePaths;
import dev.hostpolicy.core.net.LoopbackAddress;
import dev.hostpolicy.core.permission.ActionKind;
import dev.hostpolicy.core.permission.PermissionDecision;
import dev.hostpolicy.core.permission.PermissionPolicy;
import dev.hostpolicy.core.permission.PermissionRequest;
import dev.hostpolicy.core.profile.DevtoolsProfile;
import dev.hostpolicy.core.token.TokenMint;
import dev.hostpolicy.http.HttpGuards;
import dev.hostpolicy.http.jdk.GuardedHttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A devtools-style dev-server agent built only from HostPolicy's public API: the {@code devtools}
 * profile; the production gate first (refuses to start in production unless forced); a pairing
 * token minted for this process, kept in memory, checked in constant time, never accepted in a URL;
 * a loopback-only server on the profile's default port or the next free one; every file path
 * canonicalised inside the workspace; every action judged by the permission policy with no approver
 * (the unattended default: reads allowed, edits, commands, fetches and tool calls denied).
 *
 * <pre>{@code
 * try (DevtoolsHost host = DevtoolsHost.builder(workspace).environment(System.getenv()).start()) {
 *   System.out.println("pair with " + host.uri() + " using " + host.pairingToken().revealUtf8());
 * }
 * }</pre>
 */
public final class DevtoolsHost implements AutoCloseable {
  private final HostPolicy policy;
  private final Secret pairingToken;
  private final WorkspaceFiles files;
  private final PermissionPolicy permissions;
  private final GuardedHttpServer server;

  private DevtoolsHost(Builder b) throws IOException {
    HostPolicy.Builder pb = HostPolicy.builder()
        .profile(DevtoolsProfile.ID)
        .namespace("DEVTOOLS")
        .settings(Settings.fromEnvironment(b.environment));
    b.desiredPort.ifPresent(p -> pb.set(DevtoolsProfile.DEFAULT_PORT, (long) p));
    b.attempts.ifPresent(a -> pb.set(DevtoolsProfile.PORT_ATTEMPTS, (long) a));
    this.policy = pb.build();

    // 1. Dev only: NODE_ENV / APP_ENV / DEVTOOLS_ENV / -Dhostpolicy.env / Spring profiles.
    EnvironmentSnapshot snapshot = EnvironmentSnapshot.of(b.environment, Map.of());
    String declared = policy.get(PolicyKeys.DECLARED_ENVIRONMENT);
    ProductionGate.builder()
        .context(declared.isEmpty() ? snapshot : snapshot.withDeclaredEnvironment(declared))
        .build()
        .requireDevelopment(b.force);                         // throws env.production

    // 2. Pairing token: 32 random bytes, this process only.
    this.pairingToken = TokenMint.mint();
    this.files = WorkspaceFiles.of(WorkspacePaths.of(b.workspace));
    this.permissions = policy.permissionPolicy();

    // 3. Loopback only, default port then the next ones; all taken is a BindException naming the range.
    this.server = GuardedHttpServer.builder(LoopbackAddress.ipv4())
        .port(Math.toIntExact(policy.get(DevtoolsProfile.DEFAULT_PORT)), Math.toIntExact(policy.get(DevtoolsProfile.PORT_ATTEMPTS)))
        .guards(bound -> HttpGuards.builder(bound).apiToken(pairingToken).audit(b.audit).build())
        .start();
    server.context("/api/files", this::files);
    server.context("/api/exec", exchange -> {
      PermissionDecision d = permissions.decide(PermissionRequest.of(ActionKind.EXECUTE, "command"));
      respond(exchange, d.allowed() ? 501 : 403, "{\"error\":\"" + d.reason() + "\"}");
    });
  }

  private void files(HttpExchange exchange) throws IOException {
    String path = query(exchange.getRequestURI(), "path").orElse("");
    boolean edit = exchange.getRequestMethod().equals("PUT");
    ActionKind kind = edit ? ActionKind.FILE_EDIT : ActionKind.FILE_READ;
    PermissionDecision d = permissions.decide(PermissionRequest.of(kind, path));   // no approver: ask = deny
    if (!d.allowed()) {
      respond(exchange, 403, "{\"error\":\"" + d.reason() + "\"}");
      return;
    }
    try {
      if (edit) {
        files.write(path, exchange.getRequestBody().readAllBytes());
        respond(exchange, 204, "");
      } else {
        byte[] content = files.readAllBytes(path);              // realpath, containment, no link escape
        exchange.getResponseHeaders().set("Content-Type", "application/octet-stream");
        exchange.sendResponseHeaders(200, content.length == 0 ? -1 : content.length);
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(content);
        }
      }
    } catch (PolicyViolationException e) {
      respond(exchange, 403, "{\"error\":\"" + e.reason() + "\"}");
    }
  }

  private static Optional<String> query(URI uri, String name) {
    String raw = uri.getRawQuery();
    if (raw == null) {
      return Optional.empty();
    }
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0 && pair.substring(0, eq).equals(name)) {
        return Optional.of(URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
      }
    }
    return Optional.empty();
  }

  private static void respond(HttpExchange exchange, int status, String json) throws IOException {
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  /** Starts configuring an agent for {@code workspace}. */
  public static Builder builder(Path workspace) {
    return new Builder(workspace);
  }

  /** The pairing token (shown to the user once; never persisted, never put in a URL). */
  public Secret pairingToken() {
    return pairingToken;
  }

  /** The base URI ({@code http://127.0.0.1:PORT/}). */
  public URI uri() {
    return server.uri();
  }

  /** The bound loopback address. */
  public InetSocketAddress address() {
    return server.address();
  }

  /** The effective policy. */
  public HostPolicy policy() {
    return policy;
  }

  @Override
  public void close() {
    server.close();
    pairingToken.destroy();
  }

  @Override
  public String toString() {
    return "DevtoolsHost[" + server.uri() + "]";
  }

  /** Configures a {@link DevtoolsHost}. */
  public static final class Builder {
    private final Path workspace;
    private Map<String, String> environment = System.getenv();
    private Optional<Integer> desiredPort = Optional.empty();
    private Optional<Integer> attempts = Optional.empty();
    private boolean force;
    private AuditSink audit = AuditSink.discarding();

    private Builder(Path workspace) {
      this.workspace = Objects.requireNonNull(workspace, "workspace");
    }

    /** Operator settings ({@code DEVTOOLS_*}) and the production probes read this. */
    public Builder environment(Map<String, String> environment) {
      this.environment = Map.copyOf(environment);
      return this;
    }

    /** Overrides the profile's default port and attempts (recorded as the host's own rules). */
    public Builder port(int desired, int attempts) {
      this.desiredPort = Optional.of(desired);
      this.attempts = Optional.of(attempts);
      return this;
    }

    /** Starts even in production (logged as a warning by the gate). */
    public Builder force(boolean force) {
      this.force = force;
      return this;
    }

    /** Where refusals are audited; discarded by default. */
    public Builder audit(AuditSink audit) {
      this.audit = Objects.requireNonNull(audit, "audit");
      return this;
    }

    /**
     * Checks the gate, mints the token and binds.
     *
     * @throws PolicyViolationException {@code env.production} in production without {@link #force}
     * @throws java.net.BindException when every port of the range is taken
     */
    public DevtoolsHost start() throws IOException {
      return new DevtoolsHost(this);
    }
  }
}
