/**
 * Benchmarks of the child-process controls next to their anchors: scrubbing a 200-variable
 * environment against a plain {@link java.util.HashMap} copy, and a launch of {@code true} through the
 * launcher against a bare {@link java.lang.ProcessBuilder} start.
 *
 * <pre>{@code
 * benchmarks/run 'process\.'
 * }</pre>
 */
package dev.hostpolicy.benchmarks.process;
