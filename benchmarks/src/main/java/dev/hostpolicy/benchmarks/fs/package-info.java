/**
 * Benchmarks of the file-system controls next to their anchors: workspace path resolution against a
 * bare {@link java.nio.file.Path#toRealPath} of the same path.
 *
 * <pre>{@code
 * benchmarks/run 'Workspace.*Benchmark'
 * }</pre>
 */
package dev.hostpolicy.benchmarks.fs;
