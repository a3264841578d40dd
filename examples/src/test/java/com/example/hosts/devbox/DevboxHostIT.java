package com.example.hosts.devbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The Devbox-style example's security model, end to end: real HTTP, the page parsed by jsoup (an
 * HTML5 parser) and its script run by node, the cloud-init read back by SnakeYAML.
 */
class DevboxHostIT {
  private static final String HOSTILE = "</h1><script>alert(1)</script>\"' onmouseover=alert(2) ${x} `y` \\u2028\u2028</script>";
  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void thePageEscapesUserTextForEachContextUnderAStrictNonceCsp() throws Exception {
    try (DevboxHost host = DevboxHost.builder().start()) {
      HttpResponse<String> r = get(host.uri().resolve("box?name=" + URLEncoder.encode(HOSTILE, StandardCharsets.UTF_8)), null);
      assertThat(r.statusCode()).isEqualTo(200);
      String csp = r.headers().firstValue("content-security-policy").orElseThrow();
      assertThat(csp).contains("'nonce-").doesNotContain("unsafe-inline");
      assertThat(r.headers().firstValue("x-content-type-options")).contains("nosniff");
      assertThat(r.headers().firstValue("cache-control")).contains("no-store");

      Document doc = Jsoup.parse(r.body());
      assertThat(doc.select("h1").first().wholeText()).isEqualTo(HOSTILE);
      assertThat(doc.select("input").attr("value")).isEqualTo(HOSTILE);
      assertThat(doc.select("script")).hasSize(1);                      // only ours
      assertThat(doc.select("[onmouseover]")).isEmpty();
      String nonce = doc.select("script").attr("nonce");
      assertThat(csp).contains("'nonce-" + nonce + "'");

      // node, the JS oracle, reads the string back exactly
      String script = doc.select("script").first().data() + "process.stdout.write(boxName);";
      Process node = new ProcessBuilder("node", "-e", script).start();
      String fromNode = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(node.waitFor()).isZero();
      assertThat(fromNode).isEqualTo(HOSTILE);
    }
  }

  @Test
  void provisioningValidatesInputAndRendersCloudInitThatReadsBackExactly() throws Exception {
    try (DevboxHost host = DevboxHost.builder().start()) {
      String token = host.token().revealUtf8();
      URI api = host.uri().resolve("api/provision");
      String motd = "hi\"; rm -rf / #\nkey: value\n- item\n!!python/object:os.system 'id'\n{{ template }}";
      String body = "{\"name\":\"web-1\",\"repo\":\"https://github.com/acme/app.git\",\"sshKey\":\"" + sshKey()
          + "\",\"motd\":" + new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(motd) + "}";
      assertThat(post(api, null, body).statusCode()).isEqualTo(401);
      HttpResponse<String> ok = post(api, token, body);
      assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
      assertThat(ok.body()).startsWith("#cloud-config\n");
      Map<String, Object> yaml = new Yaml().load(ok.body());
      @SuppressWarnings("unchecked")
      List<Map<String, Object>> files = (List<Map<String, Object>>) yaml.get("write_files");
      assertThat(files.get(0)).containsEntry("path", "/etc/motd").containsEntry("content", motd);
      assertThat(yaml.get("runcmd")).isEqualTo(List.of(List.of("git", "clone", "--", "https://github.com/acme/app.git", "/srv/web-1")));

      String proto = body.replace("{\"name\"", "{\"__proto__\":{\"admin\":true},\"name\"");
      assertThat(post(api, token, proto).body()).contains("\"error\":\"keypath.forbidden-segment\"");
      assertThat(post(api, token, body.replace("https://github.com/acme/app.git", "ext::sh -c touch% /tmp/pwned")).statusCode()).isEqualTo(400);
      assertThat(post(api, token, body.replace("web-1", "../etc")).statusCode()).isEqualTo(400);
      String deep = "{\"a\":".repeat(40) + "1" + "}".repeat(40);
      assertThat(post(api, token, deep).statusCode()).isEqualTo(400);
    }
  }

  @Test
  void theTlsAskAllowsOnlyListeningPortsOfTheBaseDomain() throws Exception {
    try (DevboxHost host = DevboxHost.builder().tlsBaseDomain("dev.example.com").start();
        DevboxHost off = DevboxHost.builder().start()) {
      assertThat(ask(host, host.port() + ".dev.example.com")).isEqualTo(200);
      assertThat(ask(host, host.port() + ".dev.example.com.evil.test")).isEqualTo(403);
      assertThat(ask(host, "evil.test")).isEqualTo(403);
      assertThat(ask(host, "0" + host.port() + ".dev.example.com")).isEqualTo(403);
      assertThat(ask(off, off.port() + ".dev.example.com")).isEqualTo(403);     // no base domain: refuse all
    }
  }

  private int ask(DevboxHost host, String domain) throws Exception {
    return get(host.uri().resolve("tls-ask?domain=" + URLEncoder.encode(domain, StandardCharsets.UTF_8)), null).statusCode();
  }

  private static String sshKey() {
    byte[] type = "ssh-ed25519".getBytes(StandardCharsets.US_ASCII);
    ByteBuffer blob = ByteBuffer.allocate(4 + type.length + 4 + 32);
    blob.putInt(type.length).put(type).putInt(32).put(new byte[32]);
    return "ssh-ed25519 " + Base64.getEncoder().encodeToString(blob.array()) + " user@box";
  }

  private HttpResponse<String> get(URI uri, String token) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri).GET();
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> post(URI uri, String token, String body) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.ofString(body))
        .header("Content-Type", "application/json");
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }
}
