package dev.hostpolicy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code hostpolicy webhook} as a black box (the shaded jar as a real process, the body piped to its
 * stdin), checked against an independent implementation of every scheme: Node's {@code crypto}
 * (HMAC and Ed25519). Our signatures verify in Node; Node's verify with us.
 */
class WebhookCliIT {
  private static final Path JAR = Path.of("target/hostpolicy.jar").toAbsolutePath();
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final long NOW = 1_700_000_000L;

  /** The oracle: signs (prints header lines) or verifies (prints ok / bad) a body with a scheme. */
  private static final String ORACLE = String.join("\n",
      "const c = require('crypto'), fs = require('fs');",
      "const [mode, scheme, bodyFile, now, id, headerFile] = process.argv.slice(2);",
      "const secret = process.env.ORACLE_SECRET;",
      "const body = fs.readFileSync(bodyFile);",
      "const hmac = (alg, key, ...parts) => { const h = c.createHmac(alg, key); parts.forEach(p => h.update(p)); return h.digest(); };",
      "const b64 = s => Buffer.from(s, 'base64');",
      "function sign() {",
      "  switch (scheme) {",
      "    case 'github': return { 'X-Hub-Signature-256': 'sha256=' + hmac('sha256', Buffer.from(secret), body).toString('hex') };",
      "    case 'generic': return { 'X-Signature': hmac('sha256', Buffer.from(secret), body).toString('hex') };",
      "    case 'stripe': return { 'Stripe-Signature': 't=' + now + ',v1=' + hmac('sha256', Buffer.from(secret), now + '.', body).toString('hex') };",
      "    case 'slack': return { 'X-Slack-Request-Timestamp': now, 'X-Slack-Signature': 'v0=' + hmac('sha256', Buffer.from(secret), 'v0:' + now + ':', body).toString('hex') };",
      "    case 'standard-webhooks': {",
      "      const msg = Buffer.concat([Buffer.from(id + '.' + now + '.'), body]);",
      "      let sig;",
      "      if (secret.startsWith('whsec_')) sig = 'v1,' + hmac('sha256', b64(secret.slice(6)), msg).toString('base64');",
      "      else { const k = c.createPrivateKey({ key: Buffer.concat([Buffer.from('302e020100300506032b657004220420', 'hex'), b64(secret.slice(5))]), format: 'der', type: 'pkcs8' });",
      "             sig = 'v1a,' + c.sign(null, msg, k).toString('base64'); }",
      "      return { 'webhook-id': id, 'webhook-timestamp': now, 'webhook-signature': sig };",
      "    }",
      "  }",
      "}",
      "if (mode === 'sign') { for (const [k, v] of Object.entries(sign())) process.stdout.write(k + ': ' + v + '\\n'); }",
      "else {",
      "  const got = {}; for (const line of fs.readFileSync(headerFile, 'utf8').split('\\n').filter(l => l)) { const i = line.indexOf(': '); got[line.slice(0, i)] = line.slice(i + 2); }",
      "  let ok;",
      "  if (scheme === 'standard-webhooks' && secret.startsWith('whpk_')) {",
      "    const pub = c.createPublicKey({ key: Buffer.concat([Buffer.from('302a300506032b6570032100', 'hex'), b64(secret.slice(5))]), format: 'der', type: 'spki' });",
      "    const msg = Buffer.concat([Buffer.from(got['webhook-id'] + '.' + got['webhook-timestamp'] + '.'), body]);",
      "    ok = got['webhook-signature'].startsWith('v1a,') && c.verify(null, msg, pub, b64(got['webhook-signature'].slice(4)));",
      "  } else { const want = sign(); ok = Object.keys(want).every(k => got[k] === want[k]) && Object.keys(got).length === Object.keys(want).length; }",
      "  process.stdout.write(ok ? 'ok\\n' : 'bad\\n');",
      "}",
      "");

  private static Path oracle;

  record Result(int exit, String out, String err) {}

  @BeforeAll
  static void writeOracle(@TempDir Path dir) throws IOException {
    oracle = dir.resolve("oracle.js");
    Files.writeString(oracle, ORACLE);
  }

  static Result run(Map<String, String> env, Path stdin, List<String> command) throws Exception {
    ProcessBuilder pb = new ProcessBuilder(command);
    pb.environment().putAll(env);
    Path out = Files.createTempFile("webhook", ".out");
    Path err = Files.createTempFile("webhook", ".err");
    pb.redirectOutput(out.toFile()).redirectError(err.toFile()).redirectInput(stdin.toFile());
    Process p = pb.start();
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("process finished").isTrue();
    Result r = new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    Files.delete(out);
    Files.delete(err);
    return r;
  }

  static Result hostpolicy(Map<String, String> env, Path stdin, String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", JAR.toString()));
    cmd.addAll(List.of(args));
    return run(env, stdin, cmd);
  }

  static Result node(String secret, Path body, String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of("node", oracle.toString()));
    cmd.addAll(List.of(args));
    return run(Map.of("ORACLE_SECRET", secret), body, cmd);
  }

  private static String secretFor(String scheme) {
    byte[] key = new byte[32];
    RANDOM.nextBytes(key);
    switch (scheme) {
      case "standard-webhooks":
        return "whsec_" + Base64.getEncoder().encodeToString(key);
      case "stripe":
        return "whsec_" + Base64.getUrlEncoder().withoutPadding().encodeToString(key).replace("-", "a").replace("_", "b");
      default:
        return Base64.getEncoder().encodeToString(key);
    }
  }

  private static Path body(Path dir) throws IOException {
    byte[] b = new byte[1 + RANDOM.nextInt(3000)];
    RANDOM.nextBytes(b);
    b[0] = '\n'; // a leading line break and arbitrary bytes, not text
    return Files.write(Files.createTempFile(dir, "body", ".bin"), b);
  }

  private static String[] headerArgs(String lines) {
    List<String> out = new ArrayList<>();
    for (String line : lines.split("\n")) {
      out.add("--header");
      out.add(line);
    }
    return out.toArray(String[]::new);
  }

  private static String[] concat(String[] a, String... b) {
    String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"github", "stripe", "slack", "standard-webhooks", "generic"})
  void ourSignaturesVerifyInNodeAndNodesVerifyWithUs(String scheme, @TempDir Path dir) throws Exception {
    for (int round = 0; round < 2; round++) {
      String secret = secretFor(scheme);
      Map<String, String> env = Map.of("HP_SECRET", secret);
      Path body = body(dir);

      Result signed = hostpolicy(env, body, "webhook", "sign", "--scheme", scheme, "--secret-env", "HP_SECRET",
          "--now", Long.toString(NOW), "--id", "msg_" + round);
      assertThat(signed.exit()).as(signed.err()).isZero();
      assertThat(signed.out()).doesNotContain(secret);
      Path headers = Files.writeString(dir.resolve("headers-" + round), signed.out());
      assertThat(node(secret, body, "verify", scheme, body.toString(), Long.toString(NOW), "msg_" + round, headers.toString()).out())
          .as("node verifies our %s signature", scheme).isEqualTo("ok\n");

      Result nodeSigned = node(secret, body, "sign", scheme, body.toString(), Long.toString(NOW), "msg_n" + round);
      assertThat(nodeSigned.exit()).as(nodeSigned.err()).isZero();
      Result verified = hostpolicy(env, body, concat(new String[] {"webhook", "verify", "--scheme", scheme, "--secret-env", "HP_SECRET",
          "--now", Long.toString(NOW + 299)}, headerArgs(nodeSigned.out())));
      assertThat(verified.out()).as("we verify node's %s signature: %s", scheme, verified.err()).isEqualTo("allowed\n");
      assertThat(verified.exit()).isZero();

      byte[] tampered = Files.readAllBytes(body);
      tampered[tampered.length - 1] ^= 1;
      Path tamperedBody = Files.write(dir.resolve("tampered-" + round), tampered);
      Result refused = hostpolicy(env, tamperedBody, concat(new String[] {"webhook", "verify", "--scheme", scheme, "--secret-env", "HP_SECRET",
          "--now", Long.toString(NOW)}, headerArgs(nodeSigned.out())));
      assertThat(refused.exit()).isEqualTo(3);
      assertThat(refused.out()).isEqualTo("webhook.signature-mismatch\n");
      assertThat(refused.err()).doesNotContain(secret);
    }
  }

  @Test
  void ed25519SignaturesCrossBothWays(@TempDir Path dir) throws Exception {
    byte[] seed = new byte[32];
    RANDOM.nextBytes(seed);
    String signing = "whsk_" + Base64.getEncoder().encodeToString(seed);
    Path body = body(dir);
    // Node derives the public key independently of Bouncy Castle.
    Path derive = Files.writeString(dir.resolve("derive.js"),
        "const c=require('crypto');const k=c.createPrivateKey({key:Buffer.concat([Buffer.from('302e020100300506032b657004220420','hex'),"
            + "Buffer.from(process.env.ORACLE_SECRET.slice(5),'base64')]),format:'der',type:'pkcs8'});"
            + "process.stdout.write('whpk_'+c.createPublicKey(k).export({format:'der',type:'spki'}).subarray(12).toString('base64'))");
    String publicKey = run(Map.of("ORACLE_SECRET", signing), body, List.of("node", derive.toString())).out();
    assertThat(publicKey).startsWith("whpk_").hasSize(49);

    Result signed = hostpolicy(Map.of("K", signing), body, "webhook", "sign", "--scheme", "standard-webhooks", "--secret-env", "K",
        "--now", Long.toString(NOW), "--id", "msg_ed");
    assertThat(signed.out()).contains("webhook-signature: v1a,");
    Path headers = Files.writeString(dir.resolve("headers"), signed.out());
    assertThat(node(publicKey, body, "verify", "standard-webhooks", body.toString(), Long.toString(NOW), "msg_ed", headers.toString()).out())
        .isEqualTo("ok\n");

    Result nodeSigned = node(signing, body, "sign", "standard-webhooks", body.toString(), Long.toString(NOW), "msg_node");
    Result verified = hostpolicy(Map.of("PK", publicKey), body, concat(new String[] {"webhook", "verify", "--scheme", "standard-webhooks",
        "--secret-env", "PK", "--now", Long.toString(NOW)}, headerArgs(nodeSigned.out())));
    assertThat(verified.out()).as(verified.err()).isEqualTo("allowed\n");
  }

  @Test
  void verifyJsonAndExitCodesFromARealProcess(@TempDir Path dir) throws Exception {
    Path body = Files.write(dir.resolve("body"), "Hello, World!".getBytes(StandardCharsets.UTF_8));
    Path secret = Files.writeString(dir.resolve("secret"), "It's a Secret to Everybody\n");
    Result ok = hostpolicy(Map.of(), body, "webhook", "verify", "--json", "--scheme", "github", "--secret-file", secret.toString(),
        "--header", "X-Hub-Signature-256: sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17");
    assertThat(ok.exit()).isZero();
    assertThat(ok.out()).startsWith("{\"allowed\":true,\"reason\":\"allowed\",\"detail\":");
    Result denied = hostpolicy(Map.of(), body, "webhook", "verify", "--json", "--scheme", "github", "--secret-file", secret.toString());
    assertThat(denied.exit()).isEqualTo(3);
    assertThat(denied.out()).startsWith("{\"allowed\":false,\"reason\":\"webhook.signature-missing\",\"detail\":");
    Result usage = hostpolicy(Map.of(), body, "webhook", "verify", "--scheme", "github");
    assertThat(usage.exit()).isEqualTo(2);
  }
}
