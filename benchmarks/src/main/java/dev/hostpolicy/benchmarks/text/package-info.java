/**
 * Benchmarks of the escapers against the encoders a user would otherwise pick: OWASP Java Encoder
 * and Apache Commons Text, on a mostly-safe and an escape-heavy corpus.
 *
 * <pre>{@code
 * benchmarks/run 'text\..*'
 * }</pre>
 */
package dev.hostpolicy.benchmarks.text;
