/**
 * Benchmarks of the address and host policy: the egress decision against a naive linear scan as the
 * allowlist grows, and address classification against Guava's parser plus the JDK's predicates.
 *
 * <pre>{@code
 * benchmarks/run 'net\.(EgressDecision|AddressClassification|AddressParseAndClassify)Benchmark'
 * }</pre>
 */
package dev.hostpolicy.benchmarks.net;
