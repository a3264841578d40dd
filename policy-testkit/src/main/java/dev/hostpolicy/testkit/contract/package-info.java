/**
 * Contract bases for the SPIs: implement one method in a test class and inherit the properties every
 * implementation — HostPolicy's own and a host's — must satisfy. Today:
 * {@link dev.hostpolicy.testkit.contract.HostProfileContract} and
 * {@link dev.hostpolicy.testkit.contract.PolicyContributorContract} and
 * {@link dev.hostpolicy.testkit.contract.EnvironmentProbeContract}, and the control SPIs' — among them
 * {@link dev.hostpolicy.testkit.contract.AuditSinkContract} for audit sinks.
 *
 * <pre>{@code
 * class AcmeProfileContractTest implements HostProfileContract {
 *   public HostProfile profile() { return new AcmeProfile(); }
 * }
 * }</pre>
 */
package dev.hostpolicy.testkit.contract;
