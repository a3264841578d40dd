package dev.hostpolicy.testkit.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hostpolicy.api.PolicyConfigurationException;
import dev.hostpolicy.api.Secret;
import dev.hostpolicy.api.spi.WebhookSignatureScheme;
import dev.hostpolicy.core.webhook.GithubScheme;
import dev.hostpolicy.core.webhook.WebhookSchemes;
import dev.hostpolicy.core.webhook.WebhookTrigger;
import dev.hostpolicy.testkit.fake.ScopedProviders;
import dev.hostpolicy.testkit.samples.AcmeHooksScheme;
import dev.hostpolicy.testkit.samples.ShadowGithubScheme;
import dev.hostpolicy.testkit.samples.ThrowingScheme;
import org.junit.jupiter.api.Test;

/** Scheme discovery is a security boundary too: a jar on the class path cannot replace a built-in. */
class WebhookSchemeDiscoveryTest {

  private static ClassLoader with(Class<?>... schemes) {
    return ScopedProviders.builder().register(WebhookSignatureScheme.class, schemes).build();
  }

  @Test
  void aSchemeThatShadowsGithubFailsDiscoveryNamingBothClasses() {
    assertThatThrownBy(() -> WebhookSchemes.discover(with(ShadowGithubScheme.class)))
        .isInstanceOf(PolicyConfigurationException.class)
        .hasMessageContaining("share the id github")
        .hasMessageContaining(GithubScheme.class.getName())
        .hasMessageContaining(ShadowGithubScheme.class.getName());
    assertThatThrownBy(() -> WebhookTrigger.builder("deploy").classLoader(with(ShadowGithubScheme.class))
            .scheme("github").secret(Secret.fromUtf8("s")).build())
        .isInstanceOf(PolicyConfigurationException.class);
  }

  @Test
  void aSchemeThatThrowsWhileLoadingFailsDiscoveryNamingIt() {
    assertThatThrownBy(() -> WebhookSchemes.discover(with(ThrowingScheme.class)))
        .isInstanceOf(PolicyConfigurationException.class)
        .hasMessageContaining(ThrowingScheme.class.getName())
        .hasMessageContaining("could not be instantiated");
  }

  @Test
  void aMissingProviderClassFailsDiscovery() {
    ClassLoader loader = ScopedProviders.builder().registerName(WebhookSignatureScheme.class, "com.acme.Gone").build();
    assertThatThrownBy(() -> WebhookSchemes.discover(loader)).isInstanceOf(PolicyConfigurationException.class)
        .hasMessageContaining("could not be loaded");
  }

  @Test
  void aHostSchemeJoinsTheListInPriorityOrder() {
    WebhookSchemes schemes = WebhookSchemes.discover(with(AcmeHooksScheme.class));
    assertThat(schemes.ids()).containsExactly("github", "stripe", "slack", "standard-webhooks", "generic", "com.acme.hooks");
    assertThat(schemes.require("com.acme.hooks")).isInstanceOf(AcmeHooksScheme.class);
  }
}
