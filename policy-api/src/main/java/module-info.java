/**
 * HostPolicy's API: value types, exceptions and the SPI. Depends on nothing but {@code java.base}.
 *
 * <pre>{@code
 * module com.acme.policy {
 *   requires dev.hostpolicy.api;
 *   provides dev.hostpolicy.api.spi.PolicyContributor with com.acme.AcmeEgressRules;
 * }
 * }</pre>
 */
module dev.hostpolicy.api {
  exports dev.hostpolicy.api;
  exports dev.hostpolicy.api.spi;
}
