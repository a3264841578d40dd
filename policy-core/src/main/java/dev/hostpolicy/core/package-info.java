/**
 * The composer: {@link dev.hostpolicy.core.HostPolicy} and its builder, operator
 * {@link dev.hostpolicy.core.Settings} and their typed registry
 * {@link dev.hostpolicy.core.OperatorSettings}, and the provenance and discovery records that
 * {@code describe()} reports. The controls live in sub-packages ({@code core.token},
 * {@code core.net}, ...), which never depend on this package.
 *
 * <pre>{@code
 * HostPolicy policy = HostPolicy.builder().profile("minimal").namespace("ACME")
 *     .settings(Settings.fromEnvironment()).build();
 * }</pre>
 */
package dev.hostpolicy.core;
