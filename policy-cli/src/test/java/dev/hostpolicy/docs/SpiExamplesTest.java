package dev.hostpolicy.docs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hostpolicy.api.PolicyConfigurationException;
import dev.hostpolicy.api.spi.PolicyContributor;
import dev.hostpolicy.api.spi.PolicyKeys;
import dev.hostpolicy.core.HostPolicy;
import dev.hostpolicy.testkit.fake.ScopedProviders;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The examples of docs/spi.md, run with {@link AcmeEgressRules} registered for ServiceLoader. */
class SpiExamplesTest {
  private ClassLoader saved;

  @BeforeEach
  void registerTheContributor() {
    saved = Thread.currentThread().getContextClassLoader();
    Thread.currentThread().setContextClassLoader(
        ScopedProviders.builder().register(PolicyContributor.class, AcmeEgressRules.class).build());
  }

  @AfterEach
  void restore() {
    Thread.currentThread().setContextClassLoader(saved);
  }

  @Test
  void trustingAContributor() {
    // snippet: spi-trust
    HostPolicy policy = HostPolicy.builder()
        .profile("minimal")
        .trust("com.acme.egress-rules")   // without this, build() fails naming the contributor
        .build();
    // end-snippet
    assertThat(policy.get(PolicyKeys.EGRESS_ALLOW)).containsExactly("registry.acme.example");
    assertThat(policy.get(PolicyKeys.EGRESS_DENY)).containsExactly("*.paste.example");
  }

  @Test
  void untrustedFails() {
    assertThatThrownBy(() -> HostPolicy.builder().profile("minimal").build())
        .isInstanceOf(PolicyConfigurationException.class)
        .hasMessageContaining("com.acme.egress-rules");
  }
}
