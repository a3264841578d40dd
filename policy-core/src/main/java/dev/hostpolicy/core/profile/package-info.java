/**
 * The built-in {@link dev.hostpolicy.api.spi.HostProfile}s: {@code minimal}, the strictest
 * defaults, and one per host style — {@code devloop}, {@code infinite-loop}, {@code devbox},
 * {@code devtools} (see {@code docs/recipes/}).
 *
 * <pre>{@code
 * HostPolicy.builder().profile("minimal").build();
 * }</pre>
 */
package dev.hostpolicy.core.profile;
