package dev.hostpolicy.testkit.discovery;

import dev.hostpolicy.core.HostPolicy;
import dev.hostpolicy.core.ProviderRecord;
import dev.hostpolicy.core.RuleSource;
import dev.hostpolicy.core.Settings;
import dev.hostpolicy.core.UntrustedLoosening;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hostpolicy.api.PolicyConfigurationException;
import dev.hostpolicy.api.Rate;
import dev.hostpolicy.api.spi.HostProfile;
import dev.hostpolicy.api.spi.PolicyContributor;
import dev.hostpolicy.api.spi.PolicyKeys;
import dev.hostpolicy.testkit.fake.ScopedProviders;
import dev.hostpolicy.testkit.samples.BadIdContributor;
import dev.hostpolicy.testkit.samples.DuplicateIdContributor;
import dev.hostpolicy.testkit.samples.LeakyContributor;
import dev.hostpolicy.testkit.samples.LooseningContributor;
import dev.hostpolicy.testkit.samples.ShadowMinimalProfile;
import dev.hostpolicy.testkit.samples.SneakyContributor;
import dev.hostpolicy.testkit.samples.ThrowingConstructorContributor;
import dev.hostpolicy.testkit.samples.ThrowingContributor;
import dev.hostpolicy.testkit.samples.TighteningContributor;
import org.junit.jupiter.api.Test;

/** Discovery is a security boundary (DESIGN.md, Composition): every rule of it, as an example. */
class HostPolicyDiscoveryTest {

  private static ClassLoader with(Class<?>... contributors) {
    return ScopedProviders.builder().register(PolicyContributor.class, contributors).build();
  }

  private static HostPolicy.Builder minimal(ClassLoader loader) {
    return HostPolicy.builder().profile("minimal").classLoader(loader);
  }

  @Test
  void anUntrustedLooseningContributorFailsTheBuildNamingIt() {
    assertThatThrownBy(() -> minimal(with(LooseningContributor.class)).build())
        .isInstanceOf(PolicyConfigurationException.class)
        .hasMessageContaining(LooseningContributor.ID)
        .hasMessageContaining(LooseningContributor.class.getName())
        .hasMessageContaining("egress.allow (adds registry.acme.example)")
        .hasMessageContaining("trust(\"" + LooseningContributor.ID + "\")")
        .satisfies(e -> assertThat(((PolicyConfigurationException) e).key()).contains(LooseningContributor.ID));
  }

  @Test
  void aTrustedLooseningContributorIsAppliedAndNamedInDescribe() throws Exception {
    HostPolicy p = minimal(with(LooseningContributor.class)).trust(LooseningContributor.ID).build();
    assertThat(p.get(PolicyKeys.EGRESS_ALLOW)).containsExactly("registry.acme.example");
    assertThat(p.entrySources(PolicyKeys.EGRESS_ALLOW).get("registry.acme.example"))
        .isEqualTo(new RuleSource(RuleSource.Kind.CONTRIBUTOR, LooseningContributor.ID, LooseningContributor.class.getName()));

    JsonNode d = new ObjectMapper().readTree(p.describe());
    assertThat(d.at("/trusted/0").asText()).isEqualTo(LooseningContributor.ID);
    assertThat(d.at("/rules/egress.allow/entries/0/source").asText())
        .isEqualTo("contributor " + LooseningContributor.ID + " (" + LooseningContributor.class.getName() + ")");
    JsonNode record = d.at("/discovery/contributors/0");
    assertThat(record.get("id").asText()).isEqualTo(LooseningContributor.ID);
    assertThat(record.get("status").asText()).isEqualTo("applied");
    assertThat(record.get("detail").asText()).contains("trusted; loosens egress.allow");
  }

  @Test
  void tighteningNeedsNoTrust() {
    HostPolicy p = minimal(with(TighteningContributor.class)).build();
    assertThat(p.get(PolicyKeys.EGRESS_DENY)).containsExactly("*.paste.example");
    assertThat(p.get(PolicyKeys.LOGIN_RATE_LIMIT)).isEqualTo(Rate.perMinute(5));
    assertThat(p.discovery().contributors()).singleElement()
        .satisfies(r -> assertThat(r.status()).isEqualTo(ProviderRecord.Status.APPLIED));
  }

  @Test
  void aMixedContributionIsRefusedWhole() {
    assertThatThrownBy(() -> minimal(with(SneakyContributor.class)).build())
        .isInstanceOf(PolicyConfigurationException.class)
        .hasMessageContaining("egress.enforce (true -> false)");
    HostPolicy skipped = minimal(with(SneakyContributor.class)).onUntrustedLoosening(UntrustedLoosening.SKIP).build();
    assertThat(skipped.get(PolicyKeys.EGRESS_ENFORCE)).isTrue();
    assertThat(skipped.get(PolicyKeys.EGRESS_DENY)).as("its tightening part is discarded too").isEmpty();
    assertThat(skipped.discovery().contributors()).singleElement()
        .satisfies(r -> assertThat(r.status()).isEqualTo(ProviderRecord.Status.SKIPPED_UNTRUSTED));
    assertThat(skipped.describe()).contains("skipped-untrusted");
  }

  @Test
  void operatorSettingsStillWinOverContributors() {
    HostPolicy p = minimal(with(TighteningContributor.class)).namespace("X")
        .settings(Settings.fromEnvironment(java.util.Map.of("X_LOGIN_RATE_LIMIT", "30/min"))).build();
    assertThat(p.get(PolicyKeys.LOGIN_RATE_LIMIT)).isEqualTo(Rate.perMinute(30));
  }

  @Test
  void duplicateIdsFailNamingBothClasses() {
    assertThatThrownBy(() -> minimal(with(TighteningContributor.class, DuplicateIdContributor.class)).build())
        .isInstanceOf(PolicyConfigurationException.class)
        .hasMessageContaining("share the id " + TighteningContributor.ID)
        .hasMessageContaining(TighteningContributor.class.getName())
        .hasMessageContaining(DuplicateIdContributor.class.getName());
  }

  @Test
  void aJarCannotShadowABuiltInProfile() {
    ClassLoader loader = ScopedProviders.builder().register(HostProfile.class, ShadowMinimalProfile.class).build();
    assertThatThrownBy(() -> minimal(loader).build())
        .isInstanceOf(PolicyConfigurationException.class)
        .hasMessageContaining("share the id minimal")
        .hasMessageContaining(ShadowMinimalProfile.class.getName());
  }

  @Test
  void aContributorThatThrowsFailsTheBuildNamingIt() {
    assertThatThrownBy(() -> minimal(with(ThrowingContributor.class)).build())
        .isInstanceOf(PolicyConfigurationException.class)
        .hasMessageContaining(ThrowingContributor.class.getName())
        .hasMessageContaining("threw while contributing")
        .hasRootCauseMessage("boom");
  }

  @Test
  void aProviderThatCannotBeInstantiatedFailsTheBuildNamingIt() {
    assertThatThrownBy(() -> minimal(with(ThrowingConstructorContributor.class)).build())
        .isInstanceOf(PolicyConfigurationException.class)
        .hasMessageContaining(ThrowingConstructorContributor.class.getName());
  }

  @Test
  void aRegisteredClassThatDoesNotExistFailsTheBuild() {
    ClassLoader loader = ScopedProviders.builder().registerName(PolicyContributor.class, "com.acme.Missing").build();
    assertThatThrownBy(() -> minimal(loader).build())
        .isInstanceOf(PolicyConfigurationException.class)
        .hasMessageContaining("com.acme.Missing");
  }

  @Test
  void malformedIdsAreRejected() {
    assertThatThrownBy(() -> minimal(with(BadIdContributor.class)).build())
        .isInstanceOf(PolicyConfigurationException.class)
        .hasMessageContaining(BadIdContributor.class.getName())
        .hasMessageContaining("malformed id");
  }

  @Test
  void orderIsPriorityThenIdNeverLoaderOrder() {
    HostPolicy a = minimal(with(LooseningContributor.class, TighteningContributor.class)).trust(LooseningContributor.ID).build();
    HostPolicy b = minimal(with(TighteningContributor.class, LooseningContributor.class)).trust(LooseningContributor.ID).build();
    assertThat(a.discovery().contributors()).extracting(ProviderRecord::id)
        .containsExactly(TighteningContributor.ID, LooseningContributor.ID);
    assertThat(b.describe()).isEqualTo(a.describe());
  }

  @Test
  void excludedAndNotApplicableContributorsAreReported() {
    HostPolicy p = minimal(with(LooseningContributor.class)).exclude(LooseningContributor.ID).build();
    assertThat(p.get(PolicyKeys.EGRESS_ALLOW)).isEmpty();
    assertThat(p.discovery().contributors()).singleElement()
        .satisfies(r -> assertThat(r.status()).isEqualTo(ProviderRecord.Status.SKIPPED_EXCLUDED));
  }

  @Test
  void aDraftIsDeadAfterItsCall() {
    HostPolicy p = minimal(with(LeakyContributor.class)).build();
    assertThat(p.get(PolicyKeys.EGRESS_DENY)).containsExactly("*.leak.example");
    assertThatThrownBy(() -> LeakyContributor.kept.set(PolicyKeys.EGRESS_ENFORCE, false))
        .isInstanceOf(IllegalStateException.class);
    assertThat(p.get(PolicyKeys.EGRESS_ENFORCE)).isTrue();
  }

  @Test
  void theSelectedAndAvailableProfilesAreReported() {
    HostPolicy p = minimal(with()).build();
    assertThat(p.discovery().profiles())
        .extracting(ProviderRecord::id, ProviderRecord::status)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("minimal", ProviderRecord.Status.SELECTED),
            org.assertj.core.groups.Tuple.tuple("devloop", ProviderRecord.Status.AVAILABLE),
            org.assertj.core.groups.Tuple.tuple("infinite-loop", ProviderRecord.Status.AVAILABLE),
            org.assertj.core.groups.Tuple.tuple("devbox", ProviderRecord.Status.AVAILABLE),
            org.assertj.core.groups.Tuple.tuple("devtools", ProviderRecord.Status.AVAILABLE));
  }
}
