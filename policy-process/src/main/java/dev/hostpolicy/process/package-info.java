/**
 * Child processes under policy: the launcher, runaway budgets at the process boundary, the pid
 * registry and crash recovery, provider manifests. The controls arrive with their issues; the package
 * exists so the module graph is complete.
 *
 * <pre>{@code
 * // see docs/processes.md and docs/crash-recovery.md
 * }</pre>
 */
package dev.hostpolicy.process;
