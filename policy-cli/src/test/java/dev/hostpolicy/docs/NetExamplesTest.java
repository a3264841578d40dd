package dev.hostpolicy.docs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hostpolicy.api.Decision;
import dev.hostpolicy.api.PolicyViolationException;
import dev.hostpolicy.api.spi.PolicyKeys;
import dev.hostpolicy.core.HostPolicy;
import dev.hostpolicy.core.Settings;
import dev.hostpolicy.core.net.AddressCategory;
import dev.hostpolicy.core.net.AddressClassification;
import dev.hostpolicy.core.net.AddressClassifier;
import dev.hostpolicy.core.net.BindDecision;
import dev.hostpolicy.core.net.EgressDecision;
import dev.hostpolicy.core.net.EgressPolicy;
import dev.hostpolicy.core.net.HostHeaderGuard;
import dev.hostpolicy.core.net.IpAddress;
import dev.hostpolicy.core.net.StaticAddressResolver;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The examples of docs/egress.md and docs/bind-guard.md, compiled and run. */
class NetExamplesTest {

  @Test
  void egressPolicy() {
    // snippet: egress-policy
    EgressPolicy policy = EgressPolicy.builder()
        .allow("api.github.com", "*.npmjs.org", "10.0.0.5:5432")   // host, subdomains, one private IP
        .deny("evil.npmjs.org")                                     // deny wins over allow
        .resolver(StaticAddressResolver.builder()                   // the system resolver by default
            .add("registry.npmjs.org", "104.16.0.35")
            .add("rebind.npmjs.org", "104.16.0.36")
            .add("rebind.npmjs.org", "169.254.169.254")
            .build())
        .build();

    EgressDecision ok = policy.check("https://registry.npmjs.org/left-pad");
    List<InetSocketAddress> connectTo = ok.socketAddresses();        // [104.16.0.35:443], pinned

    EgressDecision metadata = policy.check("rebind.npmjs.org");      // one bad answer denies all
    String reason = metadata.reason();                               // "egress.metadata-endpoint"
    // end-snippet
    assertThat(ok.allowed()).isTrue();
    assertThat(connectTo).containsExactly(new InetSocketAddress(IpAddress.parse("104.16.0.35").toInetAddress(), 443));
    assertThat(reason).isEqualTo("egress.metadata-endpoint");
    assertThat(policy.check("evil.npmjs.org").reason()).isEqualTo("egress.denied-pattern");
    assertThat(policy.check("10.0.0.5:5432").allowed()).isTrue();
    assertThat(policy.check("http://0x7f.1/").reason()).isEqualTo("egress.ambiguous-ip-literal");
  }

  @Test
  void egressFromHostPolicy() {
    // snippet: egress-host-policy
    HostPolicy hostPolicy = HostPolicy.builder()
        .profile("minimal")
        .add(PolicyKeys.EGRESS_ALLOW, "api.github.com")   // checked at build(): a bad entry fails naming it
        .build();
    EgressPolicy egress = hostPolicy.egressPolicyBuilder()
        .selfAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), 3128))  // the proxy itself
        .build();
    // end-snippet
    assertThat(egress.allowPatterns()).hasSize(1);
    assertThat(egress.selfAddresses()).hasSize(1);
  }

  @Test
  void classify() {
    // snippet: ip-classify
    AddressClassifier classifier = AddressClassifier.standard();
    AddressClassification c = classifier.classify(IpAddress.parse("64:ff9b::a9fe:a9fe"));
    c.category();     // METADATA_ENDPOINT: NAT64 of 169.254.169.254, unwrapped and judged
    c.describe();     // "64:ff9b::a9fe:a9fe is metadata-endpoint: it embeds 169.254.169.254 via ..."
    IpAddress.tryParse("0177.0.0.1");   // Optional.empty(): ambiguous, never guessed
    // end-snippet
    assertThat(c.category()).isEqualTo(AddressCategory.METADATA_ENDPOINT);
    assertThat(c.describe()).startsWith("64:ff9b::a9fe:a9fe is metadata-endpoint: it embeds 169.254.169.254 via ");
    assertThat(IpAddress.tryParse("0177.0.0.1")).isEmpty();
  }

  @Test
  void bindGuard() {
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    PrintStream stderr = new PrintStream(captured, true, StandardCharsets.UTF_8);
    // snippet: bind-guard
    HostPolicy policy = HostPolicy.builder()
        .profile("minimal")
        .namespace("INFLOOP")
        .settings(Settings.fromEnvironment(Map.of("INFLOOP_ALLOW_INSECURE", "true")))
        .build();
    BindDecision bind = policy.bindGuard().check("0.0.0.0:8080",
        policy.apiToken().isPresent(), policy.get(PolicyKeys.ALLOW_INSECURE));
    bind.banner().ifPresent(stderr::println);   // loud, multi-line; also logged as a WARNING
    // without INFLOOP_ALLOW_INSECURE: PolicyViolationException "bind.insecure", naming
    // INFLOOP_API_TOKEN and INFLOOP_ALLOW_INSECURE
    // end-snippet
    assertThat(bind.decision().reason()).isEqualTo("bind.insecure-allowed");
    assertThat(captured.toString(StandardCharsets.UTF_8)).contains("INSECURE").contains("INFLOOP_API_TOKEN");
    HostPolicy strict = HostPolicy.builder().profile("minimal").namespace("INFLOOP").settings(Settings.fromEnvironment(Map.of())).build();
    assertThatThrownBy(() -> strict.bindGuard().check("0.0.0.0:8080", false, false))
        .isInstanceOf(PolicyViolationException.class).hasMessageContaining("INFLOOP_ALLOW_INSECURE");
  }

  @Test
  void hostHeaderGuard() {
    // snippet: host-header-guard
    HostHeaderGuard guard = HostHeaderGuard.builder(8080)
        .allowName("devbox.local")                  // besides localhost, 127.0.0.1 and [::1]
        .build();
    Decision host = guard.checkHost("evil.example:8080");                          // host-header.mismatch
    Decision origin = guard.checkOrigin("POST", Optional.of("http://evil.example")); // origin.mismatch
    // end-snippet
    assertThat(host.reason()).isEqualTo("host-header.mismatch");
    assertThat(origin.reason()).isEqualTo("origin.mismatch");
    assertThat(guard.checkHost("localhost:8080").allowed()).isTrue();
  }
}
