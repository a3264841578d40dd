/**
 * The file system: workspace path canonicalisation ({@link dev.hostpolicy.core.fs.WorkspacePaths} —
 * no escape through {@code ..}, symbolic links, dangling links or name prefixes), file access that
 * keeps the check and the use close together ({@link dev.hostpolicy.core.fs.WorkspaceFiles}), and
 * secure files at rest.
 *
 * <pre>{@code
 * WorkspacePaths workspace = WorkspacePaths.of(projectDir);
 * Path file = workspace.resolveForRead(requested); // or throws WorkspacePathException
 * }</pre>
 */
package dev.hostpolicy.core.fs;
