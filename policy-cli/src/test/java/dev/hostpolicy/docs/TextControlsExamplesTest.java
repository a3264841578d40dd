package dev.hostpolicy.docs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.hostpolicy.api.Decision;
import dev.hostpolicy.core.cloudinit.CloudConfig;
import dev.hostpolicy.core.cloudinit.CloudUser;
import dev.hostpolicy.core.cloudinit.WriteFile;
import dev.hostpolicy.core.text.HtmlEscaper;
import dev.hostpolicy.core.text.JsEscaper;
import dev.hostpolicy.core.text.ShellEscaper;
import dev.hostpolicy.core.text.UnescapableTextException;
import dev.hostpolicy.core.validate.GitRemoteValidator;
import dev.hostpolicy.core.validate.KeyPathGuard;
import dev.hostpolicy.core.validate.ListeningProbe;
import dev.hostpolicy.core.validate.OnDemandTlsGuard;
import dev.hostpolicy.core.validate.Slugs;
import dev.hostpolicy.http.headers.ContentSecurityPolicy;
import dev.hostpolicy.http.headers.SecurityHeaders;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The examples of docs/escaping.md, cloud-init.md, validators.md and security-headers.md, run. */
class TextControlsExamplesTest {

  @Test
  void escapingShell() {
    // snippet: escaping-shell
    String url = "https://github.com/acme/app.git";
    String dir = "/home/dev/it's \"mine\"";
    String command = "git clone -- " + ShellEscaper.word(url) + " " + ShellEscaper.word(dir);
    // git clone -- https://github.com/acme/app.git '/home/dev/it'\''s "mine"'
    String echo = "echo \"Hello, " + ShellEscaper.insideDoubleQuotes("$USER `id`") + "\"";
    // echo "Hello, \$USER \`id\`"
    // end-snippet
    assertThat(command).isEqualTo("git clone -- https://github.com/acme/app.git '/home/dev/it'\\''s \"mine\"'");
    assertThat(echo).isEqualTo("echo \"Hello, \\$USER \\`id\\`\"");
  }

  @Test
  void escapingPage() {
    // snippet: escaping-page
    String title = "</script><script>alert(1)</script> & \"more\"";
    String page = "<h1 title=\"" + HtmlEscaper.attribute(title) + "\">" + HtmlEscaper.text(title) + "</h1>\n"
        + "<script>const title = '" + JsEscaper.stringContent(title) + "';</script>";
    // end-snippet
    org.jsoup.nodes.Document d = org.jsoup.Jsoup.parse(page);
    assertThat(d.select("h1").attr("title")).isEqualTo(title);
    assertThat(d.select("h1").text()).isEqualTo(title);
    assertThat(d.select("script")).hasSize(1);
  }

  @Test
  void escapingRefusal() {
    // snippet: escaping-refusal
    String reason;
    try {
      ShellEscaper.word("name\u0000--rm");
      reason = "none";
    } catch (UnescapableTextException e) {
      reason = e.reason() + " at " + e.index();   // "escape.nul at 4"
    }
    // end-snippet
    assertThat(reason).isEqualTo("escape.nul at 4");
  }

  @Test
  void cloudInitBuilder() throws Exception {
    String devKey = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIB2dWAdX+0Sn97CEw4j5AANI/7zme6HIh4t9JZ8guS3v dev@laptop";
    String repoUrl = "https://github.com/acme/app.git";
    // snippet: cloud-init-builder
    String userData = CloudConfig.builder()
        .keepDefaultUser()
        .user(CloudUser.named("dev")
            .shell("/bin/bash")
            .groups("docker")
            .sudo("ALL=(ALL) NOPASSWD:ALL")
            .sshAuthorizedKeys(devKey))
        .writeFile(WriteFile.text("/home/dev/.env", "GREETING=no\n")
            .owner("dev:dev").permissions("0600").deferred())
        .runcmd("git", "clone", "--", repoUrl, "/home/dev/app")
        .build()
        .toYaml();
    // end-snippet
    String doc = Files.readString(DocSnippetsTest.repo().resolve("docs/cloud-init.md"));
    Matcher yaml = Pattern.compile("gives\\n\\n```yaml\\n(.*?)```", Pattern.DOTALL).matcher(doc);
    assertThat(yaml.find()).isTrue();
    assertThat(userData).isEqualTo(yaml.group(1));
  }

  @Test
  void validatorsGitUrl() {
    // snippet: validators-git-url
    GitRemoteValidator git = GitRemoteValidator.strict();
    Decision ok = git.check("git@github.com:acme/app.git");              // allowed
    Decision ext = git.check("ext::sh -c touch% /tmp/pwned");            // validate.git-url.transport
    Decision opt = git.check("--upload-pack=touch /tmp/pwned");          // validate.git-url.option-injection
    List<String> clone = List.of("git", "clone", "--", git.require("https://github.com/acme/app.git"), "/srv/app");
    // end-snippet
    assertThat(ok.allowed()).isTrue();
    assertThat(ext.reason()).isEqualTo("validate.git-url.transport");
    assertThat(opt.reason()).isEqualTo("validate.git-url.option-injection");
    assertThat(clone).hasSize(5);
  }

  @Test
  void validatorsSlug() {
    // snippet: validators-slug
    boolean valid = Slugs.check("my-box-2").allowed();       // true
    String reason = Slugs.check("My_Box").reason();          // validate.slug.invalid-character
    String slug = Slugs.slugify("  Café Déjà-Vu!! ");        // "cafe-deja-vu"
    // end-snippet
    assertThat(valid).isTrue();
    assertThat(reason).isEqualTo("validate.slug.invalid-character");
    assertThat(slug).isEqualTo("cafe-deja-vu");
  }

  @Test
  void validatorsTls() throws Exception {
    try (java.net.ServerSocket devServer = new java.net.ServerSocket(0, 5, InetAddress.getByName("127.0.0.1"))) {
      String domainFromCaddy = devServer.getLocalPort() + ".dev.example.com";
      // snippet: validators-tls
      OnDemandTlsGuard guard = OnDemandTlsGuard.builder("dev.example.com")
          .excludePorts(22, 5432)
          .listeningProbe(ListeningProbe.loopbackTcp(Duration.ofMillis(250)))
          .build();
      Decision ask = guard.check(domainFromCaddy);   // 200 if allowed, 403 otherwise
      int status = ask.allowed() ? 200 : 403;
      // end-snippet
      assertThat(status).isEqualTo(200);
      assertThat(guard.check("22.dev.example.com").reason()).isEqualTo("tls.excluded-port");
    }
  }

  @Test
  void validatorsKeyPaths() throws Exception {
    // snippet: validators-key-paths
    KeyPathGuard guard = KeyPathGuard.defaults();
    JsonNode body = new ObjectMapper().readTree("{\"theme\": {\"__proto__\": {\"isAdmin\": true}}}");
    Decision tree = guard.checkTree(body);                       // keypath.forbidden-segment
    Decision path = guard.checkPath("theme.colors.primary");     // allowed
    // end-snippet
    assertThat(tree.reason()).isEqualTo("keypath.forbidden-segment");
    assertThat(path.allowed()).isTrue();
  }

  @Test
  void securityHeadersOnTheJdkServer() throws Exception {
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
    // snippet: security-headers-jdk
    SecurityHeaders headers = SecurityHeaders.strict();
    server.createContext("/", exchange -> {
      SecurityHeaders.Response r = headers.forResponse(SecurityHeaders.Transport.HTTP, SecurityHeaders.Audience.AUTHENTICATED);
      r.applyTo(exchange.getResponseHeaders()::set);
      byte[] page = ("<!doctype html><script nonce=\"" + r.nonce().value() + "\" src=\"/app.js\"></script>")
          .getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
      exchange.sendResponseHeaders(200, page.length);
      exchange.getResponseBody().write(page);
      exchange.close();
    });
    // end-snippet
    server.start();
    try {
      HttpResponse<String> resp = HttpClient.newHttpClient().send(
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(resp.headers().firstValue("X-Frame-Options")).contains("DENY");
      assertThat(resp.headers().firstValue("Cache-Control")).contains("no-store");
      Matcher nonce = Pattern.compile("nonce=\"([^\"]+)\"").matcher(resp.body());
      assertThat(nonce.find()).isTrue();
      assertThat(resp.headers().firstValue("Content-Security-Policy").orElseThrow()).contains("'nonce-" + nonce.group(1) + "'");
    } finally {
      server.stop(0);
    }
  }

  @Test
  void securityHeadersCsp() {
    // snippet: security-headers-csp
    ContentSecurityPolicy csp = ContentSecurityPolicy.strict().toBuilder()
        .addSources("img-src", "https://avatars.example.com")
        .addSources("connect-src", "wss://dev.example.com")
        .build();
    SecurityHeaders headers = SecurityHeaders.builder()
        .contentSecurityPolicy(csp)
        .hsts(Duration.ofDays(365), true)
        .build();
    // end-snippet
    assertThat(headers.forResponse(SecurityHeaders.Transport.HTTPS, SecurityHeaders.Audience.PUBLIC).headers())
        .containsEntry("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
    assertThat(csp.headerValue()).contains("img-src 'self' data: https://avatars.example.com");
  }
}
