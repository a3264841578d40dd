/**
 * Implementation detail of the launcher: finding {@code setsid} and {@code kill}, signalling process
 * groups, pumping output, the escalation timer. Not exported; no compatibility promises.
 *
 * <pre>{@code
 * // use dev.hostpolicy.process.ProcessLauncher
 * }</pre>
 */
package dev.hostpolicy.process.internal;
