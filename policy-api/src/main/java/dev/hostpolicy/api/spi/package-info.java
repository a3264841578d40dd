/**
 * The service-provider interfaces through which hosts and plugins compose a policy:
 * {@link dev.hostpolicy.api.spi.HostProfile} (a named set of defaults) and
 * {@link dev.hostpolicy.api.spi.PolicyContributor} (a plugin that adjusts any profile), both working
 * on a {@link dev.hostpolicy.api.spi.PolicyDraft} of {@link dev.hostpolicy.api.spi.PolicyKey rules}
 * from the {@link dev.hostpolicy.api.spi.PolicyKeys catalogue}. Control-specific SPIs join this
 * package with their controls: {@link dev.hostpolicy.api.spi.EnvironmentProbe} (production
 * detection, reading through a {@link dev.hostpolicy.api.spi.ProbeContext}), webhook signature
 * schemes, address resolvers and rate-limit stores. {@link dev.hostpolicy.api.spi.AuditSink} and
 * {@link dev.hostpolicy.api.spi.AuditEvent} (with the {@link dev.hostpolicy.api.spi.AuditEvents} catalogue) are shared
 * by every control that records what it decided.
 *
 * <p>Register every implementation twice, in {@code META-INF/services} and in {@code module-info}:
 *
 * <pre>{@code
 * // module-info.java
 * provides dev.hostpolicy.api.spi.PolicyContributor with com.acme.AcmeEgressRules;
 * // META-INF/services/dev.hostpolicy.api.spi.PolicyContributor
 * com.acme.AcmeEgressRules
 * }</pre>
 */
package dev.hostpolicy.api.spi;
