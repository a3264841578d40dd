/**
 * Benchmarks of policy composition ({@code HostPolicy.build()}).
 *
 * <pre>{@code
 * benchmarks/run HostPolicyBuild
 * }</pre>
 */
package dev.hostpolicy.benchmarks.composition;
