package dev.hostpolicy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code egress check}, {@code ip classify} and {@code bind check} as DESIGN.md specifies them. */
class NetCommandsTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void egressAllowedPrintsThePinnedAddresses() {
    CliRun r = CliRun.run("egress", "check", "--allow", "api.github.com", "--resolve", "api.github.com=140.82.112.6",
        "--resolve", "api.github.com=2606:50c0:8000::154", "https://api.github.com/repos");
    assertThat(r.exit()).isZero();
    assertThat(r.out()).isEqualTo("allowed api.github.com:443 -> 140.82.112.6, 2606:50c0:8000::154\n");
    assertThat(r.stderr()).isEmpty();
  }

  @Test
  void egressDeniedPrintsTheReasonAndExitsThree() {
    CliRun r = CliRun.run("egress", "check", "--allow", "*.example.com", "--resolve", "a.example.com=93.184.216.34",
        "--resolve", "a.example.com=10.0.0.7", "a.example.com");
    assertThat(r.exit()).isEqualTo(3);
    assertThat(r.out()).startsWith("denied egress.private-address: ").contains("10.0.0.7");
  }

  @ParameterizedTest
  @CsvSource({
    "not-allowed.example, egress.not-allowed",
    "a.example.com:22, egress.port-not-allowed",
    "evil.example.com, egress.denied-pattern",
    "meta.example.com, egress.metadata-endpoint",
    "0177.0.0.1, egress.ambiguous-ip-literal",
    "http://user@a.example.com/, egress.userinfo",
    "http://a.example.com\\@x/, egress.malformed-target",
    "unresolved.example.com, egress.dns-failure"
  })
  void egressReasonsInJson(String target, String reason) throws Exception {
    CliRun r = CliRun.run("egress", "check", "--allow", "*.example.com", "--deny", "evil.example.com",
        "--resolve", "a.example.com=93.184.216.34", "--resolve", "evil.example.com=93.184.216.35",
        "--resolve", "meta.example.com=169.254.169.254", "--json", target);
    assertThat(r.exit()).isEqualTo(3);
    JsonNode n = JSON.readTree(r.stdout());
    assertThat(n.get("allowed").asBoolean()).isFalse();
    assertThat(n.get("reason").asText()).isEqualTo(reason);
    assertThat(n.get("detail").asText()).isNotEmpty();
    assertThat(n.get("addresses")).isEmpty();
    assertThat(r.out().trim().lines()).hasSize(1);
  }

  @Test
  void egressJsonWhenAllowed() throws Exception {
    CliRun r = CliRun.run("egress", "check", "--allow", "a.example.com", "--resolve", "a.example.com=93.184.216.34", "--json",
        "http://a.example.com/x");
    assertThat(r.exit()).isZero();
    JsonNode n = JSON.readTree(r.stdout());
    assertThat(n.get("allowed").asBoolean()).isTrue();
    assertThat(n.get("reason").asText()).isEqualTo("allowed");
    assertThat(n.get("target").asText()).isEqualTo("a.example.com:80");
    assertThat(n.get("addresses").get(0).asText()).isEqualTo("93.184.216.34");
  }

  @Test
  void withResolveAHostWithoutAnEntryDoesNotReachDns() {
    CliRun r = CliRun.run("egress", "check", "--allow", "localhost", "--resolve", "other.example=93.184.216.34", "localhost");
    assertThat(r.exit()).isEqualTo(3);
    assertThat(r.out()).startsWith("denied egress.dns-failure:");
  }

  @Test
  void withoutResolveTheSystemResolverIsUsed() {
    CliRun r = CliRun.run("egress", "check", "--allow", "localhost", "localhost:443");
    assertThat(r.exit()).isEqualTo(3);
    assertThat(r.out()).startsWith("denied egress.private-address:").contains("loopback");
  }

  @Test
  void ipTargetsNeedAnExactIpEntry() {
    assertThat(CliRun.run("egress", "check", "--allow", "10.0.0.5:5432", "10.0.0.5:5432").exit()).isZero();
    assertThat(CliRun.run("egress", "check", "--allow", "10.0.0.5:5432", "10.0.0.6:5432").exit()).isEqualTo(3);
  }

  @ParameterizedTest
  @ValueSource(strings = {"--allow=*.com", "--allow=0177.0.0.1", "--deny=*", "--resolve=a.example", "--resolve=a.example=0x7f.1",
      "--resolve=10.0.0.1=10.0.0.1", "--allow=*"})
  void badPatternsAndResolveEntriesExitTwo(String option) {
    CliRun r = CliRun.run("egress", "check", option, "a.example");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.stdout()).isEmpty();
    assertThat(r.stderr()).startsWith("hostpolicy: ");
  }

  @Test
  void egressWithoutSubcommandOrTargetIsUsage() {
    assertThat(CliRun.run("egress").exit()).isEqualTo(2);
    assertThat(CliRun.run("egress", "check").exit()).isEqualTo(2);
  }

  @ParameterizedTest
  @CsvSource({
    "127.0.0.1, loopback", "::1, loopback", "[::1], loopback", "10.1.2.3, private-use", "100.64.0.1, shared-address-space",
    "169.254.169.254, metadata-endpoint", "fd00:ec2::254, metadata-endpoint", "8.8.8.8, public", "2606:4700:4700::1111, public",
    "::ffff:127.0.0.1, loopback", "64:ff9b::a00:1, private-use", "2001:db8::1, documentation", "224.0.0.1, multicast",
    "255.255.255.255, broadcast", "0.0.0.0, unspecified", "240.0.0.1, reserved", "fe80::1, link-local"
  })
  void ipClassifyPrintsTheCategory(String address, String category) {
    CliRun r = CliRun.run("ip", "classify", address);
    assertThat(r.exit()).isZero();
    assertThat(r.out()).isEqualTo(category + "\n");
  }

  @Test
  void ipClassifyJsonNamesBlockSourceAndEmbedding() throws Exception {
    CliRun r = CliRun.run("ip", "classify", "--json", "2002:a9fe:a9fe::1");
    assertThat(r.exit()).isZero();
    JsonNode n = JSON.readTree(r.stdout());
    assertThat(n.get("category").asText()).isEqualTo("metadata-endpoint");
    assertThat(n.get("public").asBoolean()).isFalse();
    assertThat(n.get("embedded").get("ipv4").asText()).isEqualTo("169.254.169.254");
    assertThat(n.get("embedded").get("wrapping").asText()).contains("6to4");
    JsonNode plain = JSON.readTree(CliRun.run("ip", "classify", "--json", "10.0.0.1").stdout());
    assertThat(plain.get("reference").asText()).isEqualTo("RFC 1918");
    assertThat(plain.get("embedded").isNull()).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"0177.0.0.1", "127.1", "2130706433", "0x7f000001", "127.0.0.1.", "localhost", "fe80::1%eth0", "1.2.3.4:80",
      "", "::g", "\uff11\uff12\uff17.0.0.1"})
  void ipClassifyRefusesNonLiteralsWithTwo(String address) {
    CliRun r = CliRun.run("ip", "classify", address);
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.stdout()).isEmpty();
    assertThat(r.stderr()).contains("not a strict IP literal");
  }

  @Test
  void bindLoopbackIsAllowed() {
    CliRun r = CliRun.run("bind", "check", "127.0.0.1:8080");
    assertThat(r.exit()).isZero();
    assertThat(r.out()).startsWith("allowed");
    assertThat(r.stderr()).isEmpty();
  }

  @Test
  void bindNetworkWithoutTokenIsDeniedNamingTheSettings() {
    CliRun r = CliRun.run("bind", "check", "0.0.0.0:8080", "--namespace", "INFLOOP");
    assertThat(r.exit()).isEqualTo(3);
    assertThat(r.out()).startsWith("denied bind.insecure: ").contains("INFLOOP_API_TOKEN").contains("INFLOOP_ALLOW_INSECURE");
    CliRun generic = CliRun.run("bind", "check", "[::]:8080");
    assertThat(generic.exit()).isEqualTo(3);
    assertThat(generic.out()).contains("<NS>_API_TOKEN");
  }

  @Test
  void bindWithTokenIsAllowedQuietly() {
    CliRun r = CliRun.run("bind", "check", "0.0.0.0:8080", "--token-set");
    assertThat(r.exit()).isZero();
    assertThat(r.stderr()).isEmpty();
  }

  @Test
  void bindInsecureOptInPrintsTheBannerOnStderr() throws Exception {
    CliRun r = CliRun.run("bind", "check", "0.0.0.0:8080", "--allow-insecure", "--json");
    assertThat(r.exit()).isZero();
    assertThat(r.stderr()).contains("INSECURE").contains("0.0.0.0:8080");
    assertThat(r.stderr().lines().count()).isGreaterThanOrEqualTo(5);
    JsonNode n = JSON.readTree(r.stdout());
    assertThat(n.get("allowed").asBoolean()).isTrue();
    assertThat(n.get("reason").asText()).isEqualTo("bind.insecure-allowed");
    assertThat(n.get("loopback").asBoolean()).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {"0177.0.0.1:80", "127.0.0.1:99999", "[::1", "nothing.invalid:80", "a b:80"})
  void bindBadAddressesExitTwo(String address) {
    CliRun r = CliRun.run("bind", "check", address);
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.stdout()).isEmpty();
    assertThat(r.stderr()).contains("bind address");
  }
}
