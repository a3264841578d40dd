package dev.hostpolicy.core.fs;

/**
 * Why a workspace path was refused. Each constant carries the stable reason code that the
 * {@link WorkspacePathException} (and its {@link dev.hostpolicy.api.Decision}) reports; hosts and
 * scripts branch on the code, never on the message.
 *
 * <p>Codes about the <em>text</em> of the requested path ({@link #ILLEGAL_CHARACTER}, {@link #ADS},
 * {@link #WINDOWS_RESERVED_NAME}, {@link #TRAILING_DOT_OR_SPACE}, {@link #DRIVE_RELATIVE},
 * {@link #TOO_LONG}) are decided before any file is touched. The others are decided while the path
 * is resolved; whenever that resolution has left the workspace at the point where it fails, the code
 * is {@link #OUTSIDE_WORKSPACE}, so a denial never tells whether something outside the workspace
 * exists.
 *
 * <pre>{@code
 * try {
 *   workspace.resolveForWrite(requested);
 * } catch (WorkspacePathException e) {
 *   if (e.violation() == PathViolation.DANGLING_SYMLINK) {
 *     log.log(WARNING, "refusing to write through a dangling link: " + e.getMessage());
 *   }
 * }
 * }</pre>
 */
public enum PathViolation {
  /** The path resolves (or its resolution fails) outside the workspace root. */
  OUTSIDE_WORKSPACE("path.outside-workspace"),
  /**
   * A character no portable file name may hold: NUL and the other C0 controls, DEL, a lone
   * surrogate, one of {@code < > " | ? *}, a backslash on a non-Windows file system, or a character
   * the file system cannot encode.
   */
  ILLEGAL_CHARACTER("path.illegal-character"),
  /** A colon inside a name: on NTFS {@code file:stream} and {@code file::$DATA} name alternate data streams. */
  ADS("path.ads"),
  /** A Windows device name ({@code CON}, {@code NUL}, {@code COM1}, {@code LPT¹}, …), with or without an extension. */
  WINDOWS_RESERVED_NAME("path.windows-reserved-name"),
  /** A name ending in a dot or a space, which Windows silently strips (so {@code a.} would open {@code a}). */
  TRAILING_DOT_OR_SPACE("path.trailing-dot-or-space"),
  /** A path with a root that is not absolute: drive-relative {@code C:x} or drive-less {@code \x}. */
  DRIVE_RELATIVE("path.drive-relative"),
  /** The requested path is longer than {@link WorkspacePaths#MAX_PATH_CHARS} characters. */
  TOO_LONG("path.too-long"),
  /** For a write, a component that does not exist yet is {@code .} or {@code ..} rather than a plain name. */
  NOT_A_PLAIN_NAME("path.not-a-plain-name"),
  /** A symbolic link on the path points to nothing (inside the workspace). */
  DANGLING_SYMLINK("path.dangling-symlink"),
  /** More than {@link WorkspacePaths#MAX_SYMLINKS} symbolic links were followed: a loop or an over-long chain. */
  SYMLINK_LOOP("path.symlink-loop"),
  /** For a read, the path does not exist (inside the workspace). */
  NOT_FOUND("path.not-found"),
  /** A file that is not a directory is used as one ({@code file.txt/x}, {@code file.txt/..}). */
  NOT_A_DIRECTORY("path.not-a-directory"),
  /** For a write, the path is the workspace root itself, which is not a file inside the workspace. */
  WORKSPACE_ROOT("path.workspace-root"),
  /** The check could not complete (permission denied, an I/O error): fail closed. */
  INACCESSIBLE("path.inaccessible"),
  /** {@link WorkspaceFiles} only: the path is a directory, FIFO, device or other non-regular file. */
  NOT_A_REGULAR_FILE("path.not-a-regular-file"),
  /** {@link WorkspaceFiles} only: the path changed between the check and the use (a race was detected). */
  CHANGED_DURING_OPEN("path.changed-during-open");

  private final String code;

  PathViolation(String code) {
    this.code = code;
  }

  /** The stable reason code, for example {@code path.outside-workspace}. */
  public String code() {
    return code;
  }
}
