/**
 * Files a host touches on behalf of its users: secrets at rest written atomically and owner-only
 * ({@link dev.hostpolicy.core.fs.SecureFiles}) and, with the workspace control, paths canonicalised
 * and contained before any file access.
 *
 * <pre>{@code
 * Path dataDir = SecureFiles.createPrivateDirectories(Path.of("/home/dev/.infloop"));
 * SecureFiles.writeAtomically(dataDir.resolve("api-token"), token);
 * }</pre>
 */
package dev.hostpolicy.core.fs;
