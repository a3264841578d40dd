package dev.hostpolicy.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.hostpolicy.api.spi.HostProfile;
import dev.hostpolicy.core.HostPolicy;
import dev.hostpolicy.core.ProviderRecord;
import dev.hostpolicy.core.Settings;
import dev.hostpolicy.testkit.PolicyArbitraries;
import dev.hostpolicy.testkit.fake.RecordingDraft;
import java.util.Map;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The contract every {@link HostProfile} — ours and a host's — must pass. Implement
 * {@link #profile()} in a test class and the properties below run against it.
 *
 * <pre>{@code
 * class AcmeProfileContractTest implements HostProfileContract {
 *   public HostProfile profile() { return new AcmeProfile(); }
 * }
 * }</pre>
 *
 * <p>What it checks: the id is well formed and stable; {@code configure} never throws on a fresh
 * draft and is deterministic; the profile is registered for {@link java.util.ServiceLoader} under its
 * id; a built policy's {@code describe()} is stable across builds and never shows the API token.
 */
public interface HostProfileContract {

  /** A fresh instance of the profile under test. */
  HostProfile profile();

  /**
   * The class loader discovery uses; the thread context class loader by default. Override it (for
   * example with {@code ScopedProviders}) when the implementation is not registered on the test
   * class path.
   */
  default ClassLoader classLoader() {
    return Thread.currentThread().getContextClassLoader();
  }

  /** Ids are lowercase segments of {@code [a-z0-9]} joined by {@code .} or {@code -}. */
  @Example
  default void idIsWellFormed() {
    assertThat(profile().id()).matches("[a-z0-9]+(?:[.-][a-z0-9]+)*").hasSizeLessThanOrEqualTo(128);
  }

  /** Two instances report the same id, priority and description. */
  @Example
  default void idPriorityAndDescriptionAreStable() {
    HostProfile a = profile();
    HostProfile b = profile();
    assertThat(b.id()).isEqualTo(a.id());
    assertThat(b.priority()).isEqualTo(a.priority());
    assertThat(b.description()).isEqualTo(a.description()).isNotBlank().doesNotContain("\n");
  }

  /** {@code configure} on a fresh draft does not throw. */
  @Example
  default void configuresAFreshDraftWithoutThrowing() {
    RecordingDraft draft = RecordingDraft.forProfile(profile().id());
    assertThatCode(() -> profile().configure(draft)).doesNotThrowAnyException();
  }

  /** Two fresh drafts end up with the same values. */
  @Example
  default void configureIsDeterministic() {
    RecordingDraft first = RecordingDraft.forProfile(profile().id());
    RecordingDraft second = RecordingDraft.forProfile(profile().id());
    profile().configure(first);
    profile().configure(second);
    assertThat(second.values()).isEqualTo(first.values());
  }

  /** The profile is registered for ServiceLoader and is selected by its id. */
  @Example
  default void isDiscoverableById() {
    HostPolicy policy = HostPolicy.builder().classLoader(classLoader()).profile(profile().id()).build();
    assertThat(policy.discovery().profiles())
        .anySatisfy(
            r -> {
              assertThat(r.id()).isEqualTo(profile().id());
              assertThat(r.className()).isEqualTo(profile().getClass().getName());
              assertThat(r.status()).isEqualTo(ProviderRecord.Status.SELECTED);
            });
  }

  /** {@code describe()} of two builds with the same inputs is identical. */
  @Example
  default void describeIsStable() {
    String first = HostPolicy.builder().classLoader(classLoader()).profile(profile().id()).build().describe();
    String second = HostPolicy.builder().classLoader(classLoader()).profile(profile().id()).build().describe();
    assertThat(second).isEqualTo(first);
  }

  /** The API token set through operator settings never appears in {@code describe()} or {@code toString()}. */
  @Property(tries = 50)
  default void describeNeverShowsTheApiToken(@ForAll("contractApiTokens") String token) {
    HostPolicy policy =
        HostPolicy.builder()
            .classLoader(classLoader())
            .profile(profile().id())
            .namespace("CONTRACT")
            .settings(Settings.fromEnvironment(Map.of("CONTRACT_API_TOKEN", token)))
            .build();
    assertThat(policy.apiToken()).isPresent();
    assertThat(policy.describe()).doesNotContain(token);
    assertThat(policy.toString()).doesNotContain(token);
  }

  /** Valid API tokens. */
  @Provide
  default Arbitrary<String> contractApiTokens() {
    return PolicyArbitraries.apiTokens();
  }
}
