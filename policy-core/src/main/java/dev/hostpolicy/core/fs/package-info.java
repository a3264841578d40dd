/**
 * Files a host touches on behalf of its users: workspace path canonicalisation
 * ({@link dev.hostpolicy.core.fs.WorkspacePaths} — no escape through {@code ..}, symbolic links,
 * dangling links or name prefixes), file access that keeps the check and the use close together
 * ({@link dev.hostpolicy.core.fs.WorkspaceFiles}), and secrets at rest written atomically and
 * owner-only ({@link dev.hostpolicy.core.fs.SecureFiles}).
 *
 * <pre>{@code
 * WorkspacePaths workspace = WorkspacePaths.of(projectDir);
 * Path file = workspace.resolveForRead(requested); // or throws WorkspacePathException
 * SecureFiles.writeAtomically(dataDir.resolve("api-token"), token);
 * }</pre>
 */
package dev.hostpolicy.core.fs;
