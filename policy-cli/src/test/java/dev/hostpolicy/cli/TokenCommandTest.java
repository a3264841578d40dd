package dev.hostpolicy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TokenCommandTest {
  /** base64url of bytes 0..31, and its hp_ form with the checksum computed by Python's zlib.crc32. */
  private static final String PLAIN = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8";
  private static final String HP = "hp_" + PLAIN + "13ivxD";

  private static CliRun run(String stdin, String... args) {
    return CliRun.run(Map.of(), stdin.getBytes(StandardCharsets.ISO_8859_1), args);
  }

  @Test
  void mintPrintsExactlyATokenAndNothingElse() {
    CliRun r = CliRun.run("token", "mint");
    assertThat(r.exit()).isZero();
    assertThat(r.out()).matches("[A-Za-z0-9_-]{43}");
    assertThat(r.stderr()).isEmpty();
    assertThat(CliRun.run("token", "mint").out()).isNotEqualTo(r.out());
    CliRun hp = CliRun.run("token", "mint", "--prefix", "hp");
    assertThat(hp.out()).matches("hp_[A-Za-z0-9_-]{43}[0-9A-Za-z]{6}");
  }

  @Test
  void aBadPrefixIsAUsageError() {
    for (String bad : new String[] {"HP", "1a", "a_b", "", "abcdefghijklmnopq"}) {
      CliRun r = CliRun.run("token", "mint", "--prefix", bad);
      assertThat(r.exit()).as(bad).isEqualTo(2);
      assertThat(r.stdout()).isEmpty();
      assertThat(run(PLAIN, "token", "check", "--prefix", bad).exit()).isEqualTo(2);
    }
  }

  @Test
  void checkAcceptsATokenWithOrWithoutOneTrailingNewline() {
    for (String suffix : new String[] {"", "\n", "\r\n"}) {
      CliRun r = run(PLAIN + suffix, "token", "check");
      assertThat(r.exit()).as("suffix %s", suffix.replace("\n", "\\n").replace("\r", "\\r")).isZero();
      assertThat(r.stdout()).isEmpty();
      assertThat(r.stderr()).isEmpty();
      assertThat(run(HP + suffix, "token", "check", "--prefix", "hp").exit()).isZero();
    }
  }

  @Test
  void checkRejectsEverythingElseWithExit3AndTheReasonOnStderr() {
    String[][] cases = {
      {PLAIN + "\n\n", "token.malformed"}, {" " + PLAIN, "token.malformed"}, {PLAIN + " ", "token.malformed"},
      {"", "token.malformed"}, {"\n", "token.malformed"}, {PLAIN.substring(1), "token.malformed"}, {HP, "token.malformed"},
      {PLAIN.replace('w', 'é'), "token.malformed"}, {PLAIN + "\r", "token.malformed"}};
    for (String[] c : cases) {
      CliRun r = run(c[0], "token", "check");
      assertThat(r.exit()).as(c[0]).isEqualTo(3);
      assertThat(r.stderr()).contains(c[1]).doesNotContain(PLAIN.substring(5, 30));
      assertThat(r.stdout()).isEmpty();
    }
    CliRun bad = run(HP.replace("13ivxD", "13ivxE"), "token", "check", "--prefix", "hp");
    assertThat(bad.exit()).isEqualTo(3);
    assertThat(bad.stderr()).startsWith("hostpolicy: denied: token.checksum-mismatch").doesNotContain(PLAIN.substring(5, 30));
    assertThat(run(PLAIN, "token", "check", "--prefix", "hp").exit()).isEqualTo(3);
    assertThat(run("x".repeat(9000), "token", "check").exit()).isEqualTo(3);
  }

  @Test
  void checkJsonPrintsTheDecision() throws Exception {
    ObjectMapper json = new ObjectMapper();
    CliRun ok = run(HP + "\n", "token", "check", "--prefix", "hp", "--json");
    assertThat(ok.exit()).isZero();
    JsonNode node = json.readTree(ok.stdout());
    assertThat(node.get("allowed").asBoolean()).isTrue();
    assertThat(node.get("reason").asText()).isEqualTo("allowed");
    assertThat(node.get("detail").asText()).isEmpty();
    CliRun no = run(HP.replace("13ivxD", "13ivxE"), "token", "check", "--prefix", "hp", "--json");
    assertThat(no.exit()).isEqualTo(3);
    JsonNode denied = json.readTree(no.stdout());
    assertThat(denied.get("allowed").asBoolean()).isFalse();
    assertThat(denied.get("reason").asText()).isEqualTo("token.checksum-mismatch");
    assertThat(no.out()).doesNotContain(PLAIN.substring(5, 30));
    assertThat(no.stderr()).isEmpty();
  }

  @Test
  void cookiePrintsTheValueOfTheTokenOnStdin() {
    // vector computed with Python hashlib: base64url(sha256(b"hostpolicy.session-cookie.v1\0" + token)), unpadded
    for (String suffix : new String[] {"", "\n", "\r\n"}) {
      CliRun r = run(HP + suffix, "token", "cookie");
      assertThat(r.exit()).isZero();
      assertThat(r.out()).isEqualTo("csLApbs-XA37e7wdn3RreuKDSnobO-i0h0DOO288Dk4");
      assertThat(r.stderr()).isEmpty();
    }
    assertThat(run("s3cr3t-t0ken-value-xyz", "token", "cookie").out()).isEqualTo("oo9B8RJa-6qp-L8W2cNIu0-OY9Rx1MBViTK2glJdRAo");
  }

  @Test
  void cookieRefusesSomethingThatIsNotAToken() {
    for (String bad : new String[] {"", "short", "has a space in it ok", HP + "\n\n", "t\u00e9st-token-value-long"}) {
      CliRun r = run(bad, "token", "cookie");
      assertThat(r.exit()).as(bad).isEqualTo(3);
      assertThat(r.stdout()).isEmpty();
      assertThat(r.stderr()).contains("token.malformed");
      if (bad.length() > 8) {
        assertThat(r.stderr()).doesNotContain(bad.strip());
      }
    }
  }

  @Test
  void theBareCommandAsksForASubcommand() {
    CliRun r = CliRun.run("token");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.stderr()).contains("mint");
  }
}
