/**
 * Child processes under policy: the {@link dev.hostpolicy.process.ProcessLauncher} (argv only — a
 * shell only through {@link dev.hostpolicy.process.ShellCommand} — a scrubbed environment, a working
 * directory inside the workspace, egress through a per-run proxy, its own process group, output
 * drained without deadlock, audited start and end), the {@link dev.hostpolicy.process.RunObserver}
 * hook for pid registries and budgets, and provider manifests in
 * {@code dev.hostpolicy.process.manifest}. See {@code docs/processes.md}.
 *
 * <pre>{@code
 * RunResult r = ProcessLauncher.builder().auditSink(audit).build()
 *     .run(LaunchSpec.builder().argv("make", "test").workspace(WorkspacePaths.of(dir)).build());
 * }</pre>
 */
package dev.hostpolicy.process;
