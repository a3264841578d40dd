package dev.hostpolicy.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hostpolicy.api.PolicyConfigurationException;
import dev.hostpolicy.api.spi.PolicyContributor;
import dev.hostpolicy.core.HostPolicy;
import dev.hostpolicy.core.ProviderRecord;
import dev.hostpolicy.testkit.fake.RecordingDraft;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The contract every {@link PolicyContributor} — ours and a host's — must pass. Implement
 * {@link #contributor()}, and {@link #loosens()} if the contributor is meant to loosen a rule (and so
 * needs the host's trust).
 *
 * <pre>{@code
 * class AcmeEgressRulesContractTest implements PolicyContributorContract {
 *   public PolicyContributor contributor() { return new AcmeEgressRules(); }
 *   public boolean loosens() { return true; } // it adds an egress host
 * }
 * }</pre>
 *
 * <p>What it checks: a well-formed, stable id and priority; {@code appliesTo} is total;
 * {@code contribute} does not throw and is deterministic; it loosens exactly when it says it does;
 * it is registered for ServiceLoader, is applied when trusted, and — if it loosens — fails the build
 * when not trusted, naming its id.
 */
public interface PolicyContributorContract {

  /** A fresh instance of the contributor under test. */
  PolicyContributor contributor();

  /**
   * The class loader discovery uses; the thread context class loader by default. Override it (for
   * example with {@code ScopedProviders}) when the implementation is not registered on the test
   * class path.
   */
  default ClassLoader classLoader() {
    return Thread.currentThread().getContextClassLoader();
  }

  /** Whether the contributor loosens some rule of {@link #profileId()} (and so needs trust). */
  default boolean loosens() {
    return false;
  }

  /** The profile to test against; {@code minimal} by default. */
  default String profileId() {
    return "minimal";
  }

  /** Ids are lowercase segments of {@code [a-z0-9]} joined by {@code .} or {@code -}. */
  @Example
  default void idIsWellFormed() {
    assertThat(contributor().id()).matches("[a-z0-9]+(?:[.-][a-z0-9]+)*").hasSizeLessThanOrEqualTo(128);
  }

  /** Two instances report the same id and priority. */
  @Example
  default void idAndPriorityAreStable() {
    assertThat(contributor().id()).isEqualTo(contributor().id());
    assertThat(contributor().priority()).isEqualTo(contributor().priority());
  }

  /** {@code appliesTo} answers for any profile id without throwing. */
  @Property(tries = 100)
  default void appliesToIsTotal(@ForAll("contractProfileIds") String profileId) {
    assertThatCode(() -> contributor().appliesTo(profileId)).doesNotThrowAnyException();
  }

  /** {@code contribute} on a fresh draft does not throw, and two fresh drafts end up equal. */
  @Example
  default void contributeIsTotalAndDeterministic() {
    RecordingDraft first = RecordingDraft.forProfile(profileId());
    RecordingDraft second = RecordingDraft.forProfile(profileId());
    assertThatCode(() -> contributor().contribute(first)).doesNotThrowAnyException();
    contributor().contribute(second);
    assertThat(second.values()).isEqualTo(first.values());
  }

  /** The contributor loosens a rule exactly when {@link #loosens()} says so. */
  @Example
  default void loosensExactlyWhenDeclared() {
    RecordingDraft draft = RecordingDraft.forProfile(profileId());
    contributor().contribute(draft);
    if (loosens()) {
      assertThat(draft.loosenings()).as("declared to loosen, but changed nothing loosely").isNotEmpty();
    } else {
      assertThat(draft.loosenings()).as("loosening changes from a contributor declared as tightening only").isEmpty();
    }
  }

  /** Registered for ServiceLoader and applied when trusted. */
  @Example
  default void isDiscoveredAndAppliedWhenTrusted() {
    String id = contributor().id();
    HostPolicy policy = HostPolicy.builder().classLoader(classLoader()).profile(profileId()).trust(id).build();
    assertThat(policy.discovery().contributors())
        .anySatisfy(
            r -> {
              assertThat(r.id()).isEqualTo(id);
              assertThat(r.className()).isEqualTo(contributor().getClass().getName());
              assertThat(r.status())
                  .isIn(ProviderRecord.Status.APPLIED, ProviderRecord.Status.SKIPPED_NOT_APPLICABLE);
            });
  }

  /** A loosening contributor the host does not trust fails the build, naming it. */
  @Example
  default void untrustedLooseningFailsTheBuild() {
    if (!loosens() || !contributor().appliesTo(profileId())) {
      assertThatCode(() -> HostPolicy.builder().classLoader(classLoader()).profile(profileId()).build()).doesNotThrowAnyException();
      return;
    }
    assertThatThrownBy(() -> HostPolicy.builder().classLoader(classLoader()).profile(profileId()).build())
        .isInstanceOf(PolicyConfigurationException.class)
        .hasMessageContaining(contributor().id());
  }

  /** Profile ids, well-formed and not. */
  @Provide
  default Arbitrary<String> contractProfileIds() {
    return Arbitraries.oneOf(
        Arbitraries.of("minimal", "infinite-loop", "devloop", "devbox", "devtools", "", "UPPER", "a..b"),
        Arbitraries.strings().ofMaxLength(40));
  }
}
