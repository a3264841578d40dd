/**
 * The HostPolicy vocabulary every control and host shares: {@link dev.hostpolicy.api.Decision}
 * (allowed, or denied with a stable reason code), {@link dev.hostpolicy.api.PolicyViolationException}
 * and {@link dev.hostpolicy.api.PolicyConfigurationException}, {@link dev.hostpolicy.api.Secret},
 * {@link dev.hostpolicy.api.ConstantTime}, {@link dev.hostpolicy.api.Rate} and
 * {@link dev.hostpolicy.api.TimeSource}.
 *
 * <p>This module has no dependencies beyond {@code java.base}, so a plugin jar can implement the
 * SPI in {@link dev.hostpolicy.api.spi} without pulling anything else in.
 *
 * <pre>{@code
 * Decision d = Decision.deny("egress.private-address", "10.0.0.7 is private-use");
 * d.requireAllowed(); // throws PolicyViolationException("egress.private-address: ...")
 * }</pre>
 */
package dev.hostpolicy.api;
