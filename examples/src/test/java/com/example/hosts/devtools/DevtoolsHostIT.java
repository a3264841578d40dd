package com.example.hosts.devtools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hostpolicy.api.PolicyViolationException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The devtools-style example's security model, end to end over real sockets and real files. */
class DevtoolsHostIT {
  private final HttpClient http = HttpClient.newHttpClient();

  @TempDir Path dir;
  Path workspace;

  @BeforeEach
  void tree() throws Exception {
    workspace = Files.createDirectories(dir.resolve("ws"));
    Files.writeString(workspace.resolve("a.txt"), "hello");
    Files.writeString(dir.resolve("outside.txt"), "secret");
    Files.createSymbolicLink(workspace.resolve("link"), dir.resolve("outside.txt"));
  }

  @Test
  void thePairingTokenIsPerProcessRequiredAndNeverAcceptedInAUrl() throws Exception {
    try (DevtoolsHost host = start(); DevtoolsHost other = start()) {
      assertThat(host.address().getAddress().isLoopbackAddress()).isTrue();
      String token = host.pairingToken().revealUtf8();
      assertThat(token).matches("[A-Za-z0-9_-]{43}").isNotEqualTo(other.pairingToken().revealUtf8());
      URI read = host.uri().resolve("api/files?path=a.txt");
      assertThat(get(read, null).statusCode()).isEqualTo(401);
      assertThat(get(read, other.pairingToken().revealUtf8()).statusCode()).isEqualTo(401);
      HttpResponse<String> ok = get(read, token);
      assertThat(ok.statusCode()).isEqualTo(200);
      assertThat(ok.body()).isEqualTo("hello");
      assertThat(get(URI.create(read + "&token=" + token), token).statusCode()).isEqualTo(400);
    }
  }

  @Test
  void pathsAreCanonicalisedInsideTheWorkspace() throws Exception {
    try (DevtoolsHost host = start()) {
      String token = host.pairingToken().revealUtf8();
      for (String escape : new String[] {"../outside.txt", "link", dir.resolve("outside.txt").toString(), "a.txt/../../outside.txt"}) {
        HttpResponse<String> r = get(host.uri().resolve("api/files?path=" + java.net.URLEncoder.encode(escape, "UTF-8")), token);
        assertThat(r.statusCode()).as(escape).isEqualTo(403);
        assertThat(r.body()).as(escape).startsWith("{\"error\":\"path.").doesNotContain("secret");
      }
    }
  }

  @Test
  void unattendedPermissionsDenyEditsAndCommands() throws Exception {
    try (DevtoolsHost host = start()) {
      String token = host.pairingToken().revealUtf8();
      HttpResponse<String> edit = http.send(HttpRequest.newBuilder(host.uri().resolve("api/files?path=a.txt"))
          .header("Authorization", "Bearer " + token).PUT(HttpRequest.BodyPublishers.ofString("pwned")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(edit.statusCode()).isEqualTo(403);
      assertThat(edit.body()).contains("permission.no-approver");
      assertThat(Files.readString(workspace.resolve("a.txt"))).isEqualTo("hello");
      HttpResponse<String> exec = http.send(HttpRequest.newBuilder(host.uri().resolve("api/exec"))
          .header("Authorization", "Bearer " + token).POST(HttpRequest.BodyPublishers.ofString("rm -rf /")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(exec.statusCode()).isEqualTo(403);
      assertThat(exec.body()).contains("permission.denied");
    }
  }

  @Test
  void fallsBackToTheNextPortAndFailsClearlyWhenAllAreTaken() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
      int p = taken.getLocalPort();
      try (DevtoolsHost host = DevtoolsHost.builder(workspace).environment(Map.of()).port(p, 10).start()) {
        assertThat(host.address().getPort()).isBetween(p + 1, p + 9);
        assertThat(host.policy().source(dev.hostpolicy.core.profile.DevtoolsProfile.DEFAULT_PORT).toString()).isEqualTo("host");
      }
      assertThatThrownBy(() -> DevtoolsHost.builder(workspace).environment(Map.of()).port(p, 1).start())
          .isInstanceOf(BindException.class)
          .hasMessageContaining(Integer.toString(p));
    }
  }

  @Test
  void refusesToStartInProductionUnlessForced() throws Exception {
    assertThatThrownBy(() -> DevtoolsHost.builder(workspace).environment(Map.of("NODE_ENV", "production")).start())
        .isInstanceOf(PolicyViolationException.class)
        .satisfies(e -> assertThat(((PolicyViolationException) e).reason()).isEqualTo("env.production"));
    assertThatThrownBy(() -> DevtoolsHost.builder(workspace).environment(Map.of("DEVTOOLS_ENV", "production")).start())
        .isInstanceOf(PolicyViolationException.class);
    try (DevtoolsHost forced = DevtoolsHost.builder(workspace).environment(Map.of("NODE_ENV", "production")).force(true).start()) {
      assertThat(forced.address().getAddress().isLoopbackAddress()).isTrue();
    }
  }

  private DevtoolsHost start() throws Exception {
    return DevtoolsHost.builder(workspace).environment(Map.of()).port(0, 1).start();
  }

  private HttpResponse<String> get(URI uri, String token) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri).GET();
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }
}
