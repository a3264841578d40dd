/**
 * Benchmarks of the token controls next to their anchors: constant-time comparison vs
 * {@link java.security.MessageDigest#isEqual}, minting vs raw {@link java.security.SecureRandom} plus
 * {@link java.util.Base64}, cookie verification vs the bare constant-time comparison.
 *
 * <pre>{@code
 * benchmarks/run 'benchmarks.token'
 * }</pre>
 */
package dev.hostpolicy.benchmarks.token;
