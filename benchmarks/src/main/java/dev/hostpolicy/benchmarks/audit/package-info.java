/**
 * Benchmarks of the JSONL audit sink next to what a host would otherwise write: pre-serialised lines
 * through a {@code BufferedWriter} flushed per line (flush per event), and a {@code FileChannel}
 * write plus {@code force} per line (fsync per event), with one and two writer threads.
 *
 * <pre>{@code
 * benchmarks/run 'audit\.'
 * }</pre>
 */
package dev.hostpolicy.benchmarks.audit;
