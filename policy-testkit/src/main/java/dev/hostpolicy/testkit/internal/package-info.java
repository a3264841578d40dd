/**
 * jqwik wiring of the test kit. Not exported.
 *
 * <pre>{@code
 * // registered in META-INF/services/net.jqwik.api.providers.ArbitraryProvider
 * }</pre>
 */
package dev.hostpolicy.testkit.internal;
