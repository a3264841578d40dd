/**
 * Benchmarks of the HTTP guard chain on a real JDK server over loopback, against the same server
 * without guards.
 *
 * <pre>{@code
 * benchmarks/run 'http\.GuardChainOverheadBenchmark'
 * }</pre>
 */
package dev.hostpolicy.benchmarks.http;
