package dev.hostpolicy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ValidateCommandTest {

  @Test
  void gitUrl() {
    CliRun ok = CliRun.run("validate", "git-url", "git@github.com:acme/app.git");
    assertThat(ok.exit()).isZero();
    assertThat(ok.out()).isEqualTo("allowed\n");
    CliRun ext = CliRun.run("validate", "git-url", "ext::sh -c id");
    assertThat(ext.exit()).isEqualTo(3);
    assertThat(ext.out()).startsWith("denied validate.git-url.transport: ");
    assertThat(CliRun.run("validate", "git-url", "--upload-pack=touch /tmp/x").out())
        .startsWith("denied validate.git-url.option-injection");
    assertThat(CliRun.run("validate", "git-url", "-u").exit()).isEqualTo(3);
    assertThat(CliRun.run("validate", "git-url", "http://git.local/a.git").exit()).isEqualTo(3);
    assertThat(CliRun.run("validate", "git-url", "--allow-http", "http://git.local/a.git").exit()).isZero();
    assertThat(CliRun.run("validate", "git-url", "--allow-credentials", "https://u:p@h.example/a").exit()).isZero();
  }

  @Test
  void jsonOutput() throws Exception {
    CliRun r = CliRun.run("validate", "git-url", "--json", "file:///etc/passwd");
    assertThat(r.exit()).isEqualTo(3);
    JsonNode j = new ObjectMapper().readTree(r.stdout());
    assertThat(j.get("allowed").asBoolean()).isFalse();
    assertThat(j.get("reason").asText()).isEqualTo("validate.git-url.transport");
    assertThat(j.get("detail").asText()).isNotEmpty();
    JsonNode ok = new ObjectMapper().readTree(CliRun.run("validate", "slug", "--json", "ok").stdout());
    assertThat(ok.get("allowed").asBoolean()).isTrue();
    assertThat(ok.get("reason").asText()).isEqualTo("allowed");
  }

  @Test
  void slugFromArgumentOrStdin() {
    assertThat(CliRun.run("validate", "slug", "my-box").exit()).isZero();
    assertThat(CliRun.run("validate", "slug", "My-Box").out()).startsWith("denied validate.slug.invalid-character");
    assertThat(CliRun.run("validate", "slug", "").out()).startsWith("denied validate.slug.empty");
    assertThat(CliRun.run("validate", "slug", "-box").out()).startsWith("denied validate.slug.edge-hyphen");
    assertThat(CliRun.run("validate", "slug", "--max-length", "3", "abcd").out()).startsWith("denied validate.slug.too-long");
    assertThat(CliRun.run(Map.of(), "a--b".getBytes(StandardCharsets.UTF_8), "validate", "slug").out())
        .startsWith("denied validate.slug.double-hyphen");
    // byte for byte: a trailing newline is part of the value
    assertThat(CliRun.run(Map.of(), "ok\n".getBytes(StandardCharsets.UTF_8), "validate", "slug").exit()).isEqualTo(3);
  }

  @Test
  void tlsDomainWithoutAProbe() {
    String[] base = {"validate", "tls-domain", "--base-domain", "dev.example.com", "--assume-listening", "--exclude-port", "22"};
    assertThat(run(base, "3000.dev.example.com").exit()).isZero();
    assertThat(run(base, "22.dev.example.com").out()).startsWith("denied tls.excluded-port");
    assertThat(run(base, "3000.devXexample.com").out()).startsWith("denied tls.domain-mismatch");
    assertThat(run(base, "0.dev.example.com").out()).startsWith("denied tls.invalid-port");
    assertThat(run(base, "3000.dev.example.com.evil.test").exit()).isEqualTo(3);
  }

  @Test
  void tlsDomainProbesLoopback() throws Exception {
    try (java.net.ServerSocket s = new java.net.ServerSocket(0, 5, java.net.InetAddress.getByName("127.0.0.1"))) {
      int port = s.getLocalPort();
      CliRun r = CliRun.run("validate", "tls-domain", "--base-domain", "dev.example.com", port + ".dev.example.com");
      assertThat(r.exit()).as(r.out() + r.stderr()).isZero();
      s.close();
      CliRun closed = CliRun.run("validate", "tls-domain", "--base-domain", "dev.example.com", port + ".dev.example.com");
      assertThat(closed.exit()).isEqualTo(3);
      assertThat(closed.out()).startsWith("denied tls.not-listening");
    }
  }

  @Test
  void tlsDomainUsageErrors() {
    assertThat(CliRun.run("validate", "tls-domain", "3000.x.test").exit()).isEqualTo(2);
    assertThat(CliRun.run("validate", "tls-domain", "--base-domain", "bad_domain", "1.bad_domain").exit()).isEqualTo(2);
    assertThat(CliRun.run("validate", "tls-domain", "--base-domain", "x.test", "--exclude-port", "0", "1.x.test").exit())
        .isEqualTo(2);
    assertThat(CliRun.run("validate", "tls-domain", "--base-domain", "x.test", "--port-range", "9-1", "1.x.test").exit())
        .isEqualTo(2);
  }

  @Test
  void jsonKeys() {
    assertThat(CliRun.run("validate", "json-keys", "{\"a\":{\"b\":[1,2]}}").exit()).isZero();
    CliRun proto = CliRun.run(Map.of(), "{\"a\":{\"__proto__\":{\"x\":1}}}".getBytes(StandardCharsets.UTF_8),
        "validate", "json-keys");
    assertThat(proto.exit()).isEqualTo(3);
    assertThat(proto.out()).startsWith("denied keypath.forbidden-segment");
    assertThat(CliRun.run("validate", "json-keys", "--max-depth", "1", "{\"a\":{\"b\":1}}").out())
        .startsWith("denied keypath.too-deep");
    assertThat(CliRun.run("validate", "json-keys", "{\"a\":1,\"a\":2}").exit()).isEqualTo(2);
    assertThat(CliRun.run("validate", "json-keys", "{} {}").exit()).isEqualTo(2);
    assertThat(CliRun.run("validate", "json-keys", "not json").exit()).isEqualTo(2);
    assertThat(CliRun.run("validate", "json-keys", "").exit()).isEqualTo(2);
  }

  @Test
  void missingSubcommandOrInvalidUtf8IsUsage() {
    assertThat(CliRun.run("validate").exit()).isEqualTo(2);
    assertThat(CliRun.run("validate", "nope").exit()).isEqualTo(2);
    assertThat(CliRun.run(Map.of(), new byte[] {(byte) 0xff}, "validate", "slug").exit()).isEqualTo(2);
  }

  private static CliRun run(String[] base, String value) {
    String[] args = java.util.Arrays.copyOf(base, base.length + 1);
    args[base.length] = value;
    return CliRun.run(args);
  }
}
