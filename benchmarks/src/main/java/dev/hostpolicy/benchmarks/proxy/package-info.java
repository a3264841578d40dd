/**
 * Benchmarks of the egress proxy: tunnel throughput against a direct loopback connection and a
 * classic blocking relay (two threads per tunnel), request latency (CONNECT + 1 KiB echo) against a
 * direct connection, and the memory an idle tunnel costs, measured in a separate proxy process.
 *
 * <pre>{@code
 * benchmarks/run 'proxy\.'
 * }</pre>
 */
package dev.hostpolicy.benchmarks.proxy;
