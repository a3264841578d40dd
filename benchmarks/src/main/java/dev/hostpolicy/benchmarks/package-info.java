/**
 * The JMH suite. Every hot path has a benchmark class holding our methods and {@code anchor*}
 * methods (the JDK primitive or library a user would otherwise pick), so
 * {@link dev.hostpolicy.benchmarks.ReportWriter} can print ratios from one run.
 *
 * <pre>{@code
 * benchmarks/run            # everything
 * benchmarks/run Token      # classes matching a regex
 * }</pre>
 */
package dev.hostpolicy.benchmarks;
