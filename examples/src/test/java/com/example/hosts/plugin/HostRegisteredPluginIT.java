package com.example.hosts.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.example.hosts.infiniteloop.InfiniteLoopHost;
import dev.hostpolicy.api.PolicyConfigurationException;
import dev.hostpolicy.api.Secret;
import dev.hostpolicy.api.WebhookHeaders;
import dev.hostpolicy.api.spi.PolicyKeys;
import dev.hostpolicy.api.spi.WebhookSignatureScheme;
import dev.hostpolicy.core.webhook.WebhookTrigger;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A plugin in its own jar ({@code examples-plugin}, never on this module's test class path) put on
 * a host's class path: its egress contributor applies only when trusted, and its webhook scheme is
 * found by id.
 */
class HostRegisteredPluginIT {
  private static final String CONTRIBUTOR = "com.example.registry-egress";
  private static final String SCHEME = "com.example.acme-hooks";
  private static URLClassLoader withPlugin;

  @TempDir Path dir;

  @BeforeAll
  static void loadThePluginJar() throws Exception {
    Path jar = Path.of(System.getProperty("example.plugin.jar", "missing"));
    assertThat(jar).as("the plugin jar built by the examples-plugin module").isRegularFile();
    withPlugin = new URLClassLoader(new URL[] {jar.toUri().toURL()}, HostRegisteredPluginIT.class.getClassLoader());
    assertThatThrownBy(() -> HostRegisteredPluginIT.class.getClassLoader().loadClass("com.example.plugin.RegistryEgressRules"))
        .as("the plugin is not on the test class path itself").isInstanceOf(ClassNotFoundException.class);
  }

  @Test
  void anUntrustedLooseningPluginStopsTheHostNamingIt() {
    assertThatThrownBy(() -> InfiniteLoopHost.builder(dir.resolve("data")).environment(Map.of()).classLoader(withPlugin).start())
        .isInstanceOf(PolicyConfigurationException.class)
        .hasMessageContaining(CONTRIBUTOR)
        .hasMessageContaining("egress.allow");
    assertThat(Files.exists(dir.resolve("data"))).isFalse();
  }

  @Test
  void aTrustedPluginAddsItsEgressHostWithProvenance() throws Exception {
    try (InfiniteLoopHost host = InfiniteLoopHost.builder(dir.resolve("data")).environment(Map.of())
        .classLoader(withPlugin).trust(CONTRIBUTOR).start()) {
      assertThat(host.policy().get(PolicyKeys.EGRESS_ALLOW)).containsExactly("registry.example.com");
      assertThat(host.policy().get(PolicyKeys.EGRESS_DENY)).contains("*.paste.example", "metadata.google.internal");
      assertThat(host.policy().entrySources(PolicyKeys.EGRESS_ALLOW).get("registry.example.com").toString())
          .startsWith("contributor " + CONTRIBUTOR);
      assertThat(host.policy().describe()).contains("hostpolicy-example-plugin");   // the jar it came from
    }
  }

  @Test
  void thePluginsWebhookSchemeIsFoundByIdOnlyWhereTheJarIs() {
    Secret secret = Secret.fromUtf8("acme-hook-secret-0123456789");
    WebhookTrigger trigger = WebhookTrigger.builder("acme").classLoader(withPlugin).scheme(SCHEME).secret(secret).build();
    WebhookSignatureScheme scheme = trigger.scheme().orElseThrow();
    byte[] body = "{\"event\":\"deploy\"}".getBytes(StandardCharsets.UTF_8);
    WebhookHeaders headers = scheme.signer(List.of(secret)).sign(body, Instant.now(), Optional.empty());
    assertThat(trigger.verify(body, headers).allowed()).isTrue();
    assertThat(trigger.verify("{\"event\":\"drop\"}".getBytes(StandardCharsets.UTF_8), headers).reason())
        .isEqualTo(WebhookSignatureScheme.SIGNATURE_MISMATCH);
    assertThatThrownBy(() -> WebhookTrigger.builder("acme").scheme(SCHEME).secret(secret).build())
        .isInstanceOf(PolicyConfigurationException.class);
  }
}
