/**
 * HostPolicy's test kit: jqwik arbitraries, SPI contract bases and fakes. Add it with test scope.
 *
 * <pre>{@code
 * class AcmeProfileTest implements HostProfileContract {
 *   public HostProfile profile() { return new AcmeProfile(); }
 * }
 * }</pre>
 */
module dev.hostpolicy.testkit {
  requires transitive dev.hostpolicy.api;
  requires transitive dev.hostpolicy.core;
  requires transitive net.jqwik.api;
  requires transitive com.fasterxml.jackson.databind;
  requires org.assertj.core;
  requires com.google.common;

  exports dev.hostpolicy.testkit;
  exports dev.hostpolicy.testkit.contract;
  exports dev.hostpolicy.testkit.fake;

  provides net.jqwik.api.providers.ArbitraryProvider with
      dev.hostpolicy.testkit.internal.AdversarialSettingValueProvider;
}
