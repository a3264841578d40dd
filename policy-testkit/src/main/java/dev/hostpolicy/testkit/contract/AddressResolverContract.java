package dev.hostpolicy.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hostpolicy.api.spi.AddressResolver;
import dev.hostpolicy.core.net.AddressResolvers;
import dev.hostpolicy.core.net.EgressDecision;
import dev.hostpolicy.core.net.EgressPolicy;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import net.jqwik.api.Example;

/**
 * The contract every {@link AddressResolver} — ours and a host's — must pass. Implement the methods
 * without a default in a test class and the examples below run against it. Use host names the
 * resolver answers without the network (a static table, {@code localhost}, RFC 6761
 * {@code .invalid}).
 *
 * <pre>{@code
 * class PinnedResolverContractTest implements AddressResolverContract {
 *   public AddressResolver resolver() { return new PinnedResolver(); }
 *   public String resolvableHost() { return "registry.acme.example"; }
 *   public Optional<String> unresolvableHost() { return Optional.of("nothing.invalid"); }
 * }
 * }</pre>
 *
 * <p>What it checks: the id is well formed and stable; a known host resolves to a non-empty list
 * without {@code null}s, identically from several threads at once; the caller may not mutate the
 * resolver through the list it got; an unknown host throws {@link UnknownHostException} (not an
 * empty list, not another exception); an {@link EgressPolicy} using it reaches a decision that is
 * not a resolver failure; and, if registered, {@link AddressResolvers#byId} finds it by its id.
 */
public interface AddressResolverContract {

  /** A fresh resolver under test. */
  AddressResolver resolver();

  /** A normalised host name the resolver answers without the network. */
  String resolvableHost();

  /** A normalised host name the resolver reports as unknown, if there is a safe one to ask. */
  default Optional<String> unresolvableHost() {
    return Optional.empty();
  }

  /** Whether the resolver is registered for {@link java.util.ServiceLoader} under its id. */
  default boolean registeredForDiscovery() {
    return false;
  }

  /** Ids are lowercase segments of {@code [a-z0-9]} joined by {@code .} or {@code -}, and stable. */
  @Example
  default void idIsWellFormedAndStable() {
    assertThat(resolver().id()).matches("[a-z0-9]+(?:[.-][a-z0-9]+)*").hasSizeLessThanOrEqualTo(128);
    assertThat(resolver().id()).isEqualTo(resolver().id());
  }

  /** A known host resolves to at least one address and no {@code null}. */
  @Example
  default void resolvesAKnownHostToAddresses() throws Exception {
    List<InetAddress> answer = resolver().resolve(resolvableHost());
    assertThat(answer).isNotEmpty().doesNotContainNull();
  }

  /** Clearing the returned list is refused or does not change the next answer. */
  @Example
  default void answersCannotBeChangedThroughTheReturnedList() throws Exception {
    AddressResolver r = resolver();
    List<InetAddress> first = r.resolve(resolvableHost());
    List<InetAddress> copy = new ArrayList<>(first);
    try {
      first.clear();
    } catch (UnsupportedOperationException expected) {
      // immutable: fine
    }
    assertThat(r.resolve(resolvableHost())).isNotEmpty();
    assertThat(copy).isNotEmpty();
  }

  /** Eight threads resolving at once all get an answer. */
  @Example
  default void isSafeToCallFromSeveralThreads() throws Exception {
    AddressResolver r = resolver();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<List<InetAddress>>> futures = new ArrayList<>();
      for (int i = 0; i < 32; i++) {
        futures.add(pool.submit(() -> r.resolve(resolvableHost())));
      }
      for (Future<List<InetAddress>> f : futures) {
        assertThat(f.get(60, TimeUnit.SECONDS)).isNotEmpty().doesNotContainNull();
      }
    } finally {
      pool.shutdownNow();
    }
  }

  /** An unknown host is an {@link UnknownHostException}, never an empty answer or another exception. */
  @Example
  default void anUnknownHostThrowsUnknownHostException() {
    unresolvableHost().ifPresent(host -> assertThatThrownBy(() -> resolver().resolve(host))
        .isInstanceOf(UnknownHostException.class));
  }

  /** An egress policy allowing the known host decides without a resolver failure. */
  @Example
  default void anEgressPolicyReachesADecisionThroughIt() {
    EgressDecision d = EgressPolicy.builder().allow(resolvableHost()).resolver(resolver()).build()
        .check(resolvableHost() + ":443");
    assertThat(d.reason()).isNotIn("egress.dns-failure", "egress.dns-timeout", "egress.check-failed");
  }

  /** A registered resolver is found by its id. */
  @Example
  default void isDiscoverableByIdWhenRegistered() {
    if (registeredForDiscovery()) {
      AddressResolver r = resolver();
      assertThat(AddressResolvers.byId(r.id(), r.getClass().getClassLoader())).isInstanceOf(r.getClass());
    }
  }
}
