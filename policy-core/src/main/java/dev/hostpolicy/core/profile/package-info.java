/**
 * The built-in {@link dev.hostpolicy.api.spi.HostProfile}s. Today: {@code minimal}, the strictest
 * defaults; the four host-style profiles ({@code devloop}, {@code infinite-loop}, {@code devbox},
 * {@code devtools}) arrive with their controls.
 *
 * <pre>{@code
 * HostPolicy.builder().profile("minimal").build();
 * }</pre>
 */
package dev.hostpolicy.core.profile;
