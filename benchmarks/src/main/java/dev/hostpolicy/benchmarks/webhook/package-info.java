/**
 * Benchmarks of webhook signature verification against the JDK primitive ({@code Mac.doFinal}) and
 * of the two HMAC and Ed25519 implementations we could use (JCE, Bouncy Castle, the JDK's EdDSA).
 *
 * <pre>{@code
 * benchmarks/run webhook
 * }</pre>
 */
package dev.hostpolicy.benchmarks.webhook;
