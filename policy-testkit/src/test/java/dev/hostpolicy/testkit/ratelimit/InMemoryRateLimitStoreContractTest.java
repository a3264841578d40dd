package dev.hostpolicy.testkit.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hostpolicy.api.PolicyConfigurationException;
import dev.hostpolicy.api.spi.RateLimitStore;
import dev.hostpolicy.core.ratelimit.InMemoryRateLimitStore;
import dev.hostpolicy.core.ratelimit.RateLimitStores;
import dev.hostpolicy.testkit.contract.RateLimitStoreContract;
import dev.hostpolicy.testkit.fake.ScopedProviders;
import net.jqwik.api.Example;

/** The in-memory store passes the store contract, and is discoverable (only) by its id. */
class InMemoryRateLimitStoreContractTest implements RateLimitStoreContract {

  @Override
  public RateLimitStore store() {
    return new InMemoryRateLimitStore();
  }

  @Example
  void isRegisteredForServiceLoaderUnderItsId() {
    ClassLoader loader = Thread.currentThread().getContextClassLoader();
    assertThat(RateLimitStores.ids(loader)).contains(InMemoryRateLimitStore.ID);
    assertThat(RateLimitStores.byId("in-memory", loader)).isInstanceOf(InMemoryRateLimitStore.class);
  }

  @Example
  void anUnknownIdIsAConfigurationErrorListingTheIds() {
    assertThatThrownBy(() -> RateLimitStores.byId("com.acme.redis", Thread.currentThread().getContextClassLoader()))
        .isInstanceOf(PolicyConfigurationException.class)
        .hasMessageStartingWith("ratelimit.store: unknown rate-limit store \"com.acme.redis\"")
        .hasMessageContaining("in-memory");
  }

  @Example
  void twoStoresWithOneIdAreAConfigurationError() {
    ClassLoader loader = ScopedProviders.builder().register(RateLimitStore.class, ShadowInMemoryStore.class).build();
    assertThatThrownBy(() -> RateLimitStores.byId("in-memory", loader))
        .isInstanceOf(PolicyConfigurationException.class)
        .hasMessageContaining("two RateLimitStores share the id \"in-memory\"")
        .hasMessageContaining(ShadowInMemoryStore.class.getName());
  }

  @Example
  void aProviderThatFailsToLoadIsAConfigurationError() {
    ClassLoader loader = ScopedProviders.builder().registerName(RateLimitStore.class, "com.acme.Missing").build();
    assertThatThrownBy(() -> RateLimitStores.byId("in-memory", loader))
        .isInstanceOf(PolicyConfigurationException.class)
        .hasMessageStartingWith("ratelimit.store: ");
  }

  /** A store that tries to shadow the in-memory one. */
  public static final class ShadowInMemoryStore implements RateLimitStore {
    @Override
    public String id() {
      return "in-memory";
    }

    @Override
    public int priority() {
      return -1;
    }

    @Override
    public Table open(TableSpec spec) {
      throw new UnsupportedOperationException();
    }
  }
}
