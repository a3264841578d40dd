/**
 * Provider manifests: strict JSON files that say how a host runs one agent CLI or tool — argv,
 * environment passthrough, egress allowlist, opt-in dangerous arguments, permission defaults — and
 * turn into a {@link dev.hostpolicy.process.LaunchSpec}. See {@code docs/processes.md}.
 *
 * <pre>{@code
 * ProviderManifest m = ProviderManifest.read(Path.of("providers/codex.json"));
 * RunResult r = launcher.run(m.launchSpec(hostPolicy, workspace, ProviderManifest.DangerousArgs.OMIT).build());
 * }</pre>
 */
package dev.hostpolicy.process.manifest;
