package dev.hostpolicy.core.fs;

import java.io.IOException;
import java.io.InputStream;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Reads and writes workspace files so that the check of {@link WorkspacePaths} and the use of the file
 * are as close as the platform allows.
 *
 * <p>Where the file system offers a {@link SecureDirectoryStream} (Linux, macOS and other Unix JDKs;
 * Jimfs in its Unix and OS X configurations) the resolved path is opened descriptor by descriptor
 * from the workspace root: every directory with {@code openat(…, O_NOFOLLOW)}, the leaf with
 * {@link LinkOption#NOFOLLOW_LINKS}, and a write goes to a fresh temporary file in the same directory
 * descriptor that is then renamed over the leaf with {@code renameat}, atomically. A directory swapped
 * for a symbolic link after the check makes the open fail with {@code path.changed-during-open}
 * instead of following it out of the workspace. The root directory's identity is compared with the
 * one seen at construction.
 *
 * <p>Elsewhere (the default Windows provider) the leaf is opened with {@code NOFOLLOW_LINKS} and the
 * whole check is repeated after the open and compared (same real path, same file identity); this
 * detects a change but cannot prevent one that happens and is undone inside the window. The
 * residual risks are spelled out in {@code docs/workspace.md}.
 *
 * <pre>{@code
 * WorkspaceFiles files = WorkspaceFiles.of(WorkspacePaths.of(projectDir));
 * byte[] source = files.readAllBytes("src/App.java");
 * files.write("build/report.txt", "ok\n".getBytes(StandardCharsets.UTF_8)); // atomic replace
 * }</pre>
 */
public final class WorkspaceFiles {
  private static final System.Logger LOG = System.getLogger(WorkspaceFiles.class.getName());
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final LinkOption[] NOFOLLOW = {LinkOption.NOFOLLOW_LINKS};

  private final WorkspacePaths paths;
  private final Runnable afterCheck;
  private final boolean allowSecureStreams;

  private WorkspaceFiles(WorkspacePaths paths, Runnable afterCheck, boolean allowSecureStreams) {
    this.paths = paths;
    this.afterCheck = afterCheck;
    this.allowSecureStreams = allowSecureStreams;
  }

  /** File access confined to {@code paths}' workspace. */
  public static WorkspaceFiles of(WorkspacePaths paths) {
    return new WorkspaceFiles(Objects.requireNonNull(paths, "paths"), () -> {}, true);
  }

  /** Tests only: run {@code hook} between the check and the use, to stage a race. */
  WorkspaceFiles withAfterCheckHook(Runnable hook) {
    return new WorkspaceFiles(paths, hook, allowSecureStreams);
  }

  /** Tests only: use the fallback even where a {@link SecureDirectoryStream} is available. */
  WorkspaceFiles withoutSecureDirectoryStreams() {
    return new WorkspaceFiles(paths, afterCheck, false);
  }

  /** The workspace these files are confined to. */
  public WorkspacePaths paths() {
    return paths;
  }

  /**
   * Opens the regular file {@code path} for reading.
   *
   * @throws WorkspacePathException if the path is refused, is not a regular file, or changed between
   *     the check and the open
   * @throws IOException if the file cannot be read
   */
  public SeekableByteChannel openForRead(String path) throws IOException {
    Path real = paths.resolveForRead(path);
    List<String> names = paths.namesBelowRoot(real);
    if (names.isEmpty()) {
      throw PathNames.deny(PathViolation.NOT_A_REGULAR_FILE, path, "is the workspace root, a directory");
    }
    afterCheck.run();
    try (DirectoryStream<Path> rootStream = Files.newDirectoryStream(paths.root())) {
      if (allowSecureStreams && rootStream instanceof SecureDirectoryStream) {
        @SuppressWarnings("unchecked")
        SecureDirectoryStream<Path> top = (SecureDirectoryStream<Path>) rootStream;
        return openSecure(top, names, path);
      }
    }
    return openFallback(real, path);
  }

  /** {@link #openForRead(String)} as a stream. */
  public InputStream newInputStream(String path) throws IOException {
    return Channels.newInputStream(openForRead(path));
  }

  /** The whole content of the regular file {@code path} (see {@link #openForRead(String)}). */
  public byte[] readAllBytes(String path) throws IOException {
    try (InputStream in = newInputStream(path)) {
      return in.readAllBytes();
    }
  }

  /**
   * Replaces (or creates) the file {@code path} with {@code content} through a temporary file renamed
   * over it, atomically where the provider's rename replaces (Unix {@code renameat}, Windows
   * {@code ATOMIC_MOVE}): readers see the old content or the new, never a mix. A directory is never
   * replaced. Missing parent directories are created. An existing file's POSIX permissions are kept.
   * Returns the real path written.
   *
   * @throws WorkspacePathException if the path is refused or changed between the check and the write
   * @throws IOException if the write fails (the temporary file is removed)
   */
  public Path write(String path, byte[] content) throws IOException {
    Objects.requireNonNull(content, "content");
    Path target = paths.resolveForWrite(path);
    List<String> names = paths.namesBelowRoot(target);
    afterCheck.run();
    try (DirectoryStream<Path> rootStream = Files.newDirectoryStream(paths.root())) {
      if (allowSecureStreams && rootStream instanceof SecureDirectoryStream) {
        @SuppressWarnings("unchecked")
        SecureDirectoryStream<Path> top = (SecureDirectoryStream<Path>) rootStream;
        writeSecure(top, names, path, content);
        return target;
      }
    }
    writeFallback(target, path, content);
    return target;
  }

  // ---- descriptor-relative implementation -------------------------------------------------------

  private SeekableByteChannel openSecure(SecureDirectoryStream<Path> top, List<String> names, String raw)
      throws IOException {
    checkRootIdentity(top, raw);
    List<SecureDirectoryStream<Path>> opened = new ArrayList<>();
    try {
      SecureDirectoryStream<Path> dir = descend(top, names, opened, raw, null);
      Path leaf = name(names.get(names.size() - 1));
      BasicFileAttributes attributes = leafAttributes(dir, leaf, raw);
      if (!attributes.isRegularFile()) {
        throw PathNames.deny(PathViolation.NOT_A_REGULAR_FILE, raw, "is not a regular file");
      }
      try {
        return dir.newByteChannel(leaf, Set.of(StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS));
      } catch (IOException e) {
        throw changedOr(dir, leaf, raw, e);
      }
    } finally {
      closeAll(opened);
    }
  }

  private void writeSecure(SecureDirectoryStream<Path> top, List<String> names, String raw, byte[] content)
      throws IOException {
    checkRootIdentity(top, raw);
    List<SecureDirectoryStream<Path>> opened = new ArrayList<>();
    try {
      SecureDirectoryStream<Path> dir = descend(top, names, opened, raw, paths.root());
      Path leaf = name(names.get(names.size() - 1));
      Set<PosixFilePermission> keep = null;
      BasicFileAttributes existing = null;
      try {
        existing = dir.getFileAttributeView(leaf, BasicFileAttributeView.class, NOFOLLOW).readAttributes();
      } catch (NoSuchFileException e) {
        // a new file
      }
      if (existing != null) {
        if (existing.isSymbolicLink()) {
          throw changed(raw, "the leaf became a symbolic link after the check");
        }
        PosixFileAttributeView posix = dir.getFileAttributeView(leaf, PosixFileAttributeView.class, NOFOLLOW);
        if (posix != null) {
          keep = posix.readAttributes().permissions();
        }
      }
      Path temp = name(temporaryName());
      boolean moved = false;
      try {
        try (SeekableByteChannel out = dir.newByteChannel(temp,
            Set.of(StandardOpenOption.WRITE, StandardOpenOption.CREATE_NEW, LinkOption.NOFOLLOW_LINKS))) {
          writeFully(out, content);
        }
        if (keep != null) {
          PosixFileAttributeView view = dir.getFileAttributeView(temp, PosixFileAttributeView.class, NOFOLLOW);
          if (view != null) {
            view.setPermissions(keep);
          }
        }
        try {
          dir.move(temp, dir, leaf); // renameat: replaces the leaf atomically on Unix
        } catch (FileAlreadyExistsException e) {
          // a provider whose move does not replace (Jimfs): unlink, then rename — still relative to
          // the checked directory descriptor, but not atomic; a directory is never unlinked
          dir.deleteFile(leaf);
          dir.move(temp, dir, leaf);
        }
        moved = true;
      } finally {
        if (!moved) {
          try {
            dir.deleteFile(temp);
          } catch (IOException e) {
            LOG.log(Level.DEBUG, "could not remove a temporary file after a failed write", e);
          }
        }
      }
    } finally {
      closeAll(opened);
    }
  }

  /**
   * Opens every directory of {@code names} but the last, from {@code top}, without following links.
   * With {@code createUnder} non-null, a missing directory is created (by path, under the real path
   * the walk has reached) and then opened without following links.
   */
  private SecureDirectoryStream<Path> descend(SecureDirectoryStream<Path> top, List<String> names,
      List<SecureDirectoryStream<Path>> opened, String raw, Path createUnder) throws IOException {
    SecureDirectoryStream<Path> dir = top;
    Path reached = createUnder;
    for (int i = 0; i < names.size() - 1; i++) {
      Path name = name(names.get(i));
      if (createUnder != null) {
        reached = reached.resolve(names.get(i));
        if (!exists(dir, name)) {
          try {
            Files.createDirectory(reached);
          } catch (FileAlreadyExistsException e) {
            // created concurrently; opened without following links below
          }
        }
      }
      SecureDirectoryStream<Path> next;
      try {
        next = dir.newDirectoryStream(name, LinkOption.NOFOLLOW_LINKS);
      } catch (IOException e) {
        throw changedOr(dir, name, raw, e);
      }
      opened.add(next);
      dir = next;
    }
    return dir;
  }

  private static boolean exists(SecureDirectoryStream<Path> dir, Path name) throws IOException {
    try {
      dir.getFileAttributeView(name, BasicFileAttributeView.class, NOFOLLOW).readAttributes();
      return true;
    } catch (NoSuchFileException e) {
      return false;
    }
  }

  private static BasicFileAttributes leafAttributes(SecureDirectoryStream<Path> dir, Path leaf, String raw)
      throws IOException {
    BasicFileAttributes attributes = dir.getFileAttributeView(leaf, BasicFileAttributeView.class, NOFOLLOW).readAttributes();
    if (attributes.isSymbolicLink()) {
      throw changed(raw, "the file became a symbolic link after the check");
    }
    return attributes;
  }

  private void checkRootIdentity(SecureDirectoryStream<Path> top, String raw) throws IOException {
    Object expected = paths.rootKey();
    if (expected == null) {
      return;
    }
    Object actual = top.getFileAttributeView(BasicFileAttributeView.class).readAttributes().fileKey();
    if (actual != null && !actual.equals(expected)) {
      throw changed(raw, "the workspace root is no longer the directory it was");
    }
  }

  /** After a failed open: a link or a non-directory where the check saw a directory is a race. */
  private static IOException changedOr(SecureDirectoryStream<Path> dir, Path name, String raw, IOException e) {
    try {
      BasicFileAttributes now = dir.getFileAttributeView(name, BasicFileAttributeView.class, NOFOLLOW).readAttributes();
      if (now.isSymbolicLink()) {
        throw changed(raw, "a component became a symbolic link after the check");
      }
    } catch (IOException ignored) {
      // gone or unreadable: report the original failure
    }
    return e;
  }

  // ---- fallback: open, then repeat the check ------------------------------------------------------

  private SeekableByteChannel openFallback(Path real, String raw) throws IOException {
    BasicFileAttributes before = Files.readAttributes(real, BasicFileAttributes.class, NOFOLLOW);
    if (before.isSymbolicLink()) {
      throw changed(raw, "the file became a symbolic link after the check");
    }
    if (!before.isRegularFile()) {
      throw PathNames.deny(PathViolation.NOT_A_REGULAR_FILE, raw, "is not a regular file");
    }
    SeekableByteChannel channel = Files.newByteChannel(real, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
    try {
      BasicFileAttributes after = Files.readAttributes(real, BasicFileAttributes.class, NOFOLLOW);
      if (!recheck(raw, false).equals(real) || !sameFile(before, after) || !rootUnchanged()) {
        throw changed(raw, "the path changed while it was opened");
      }
      return channel;
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
  }

  private void writeFallback(Path target, String raw, byte[] content) throws IOException {
    Path parent = target.getParent();
    createMissingDirectories(parent);
    Path temp = parent.resolve(temporaryName());
    boolean moved = false;
    try {
      try (SeekableByteChannel out = Files.newByteChannel(temp,
          StandardOpenOption.WRITE, StandardOpenOption.CREATE_NEW, LinkOption.NOFOLLOW_LINKS)) {
        writeFully(out, content);
      }
      if (!recheck(raw, true).equals(target) || !temp.toRealPath().equals(temp) || !rootUnchanged()) {
        throw changed(raw, "the path changed while it was written");
      }
      keepPermissions(target, temp);
      if (Files.isDirectory(target, NOFOLLOW)) {
        // as rename(2) does: a file never replaces a directory (some providers would replace an empty one)
        throw new FileSystemException(target.toString(), null, "is a directory");
      }
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      moved = true;
    } finally {
      if (!moved) {
        Files.deleteIfExists(temp);
      }
    }
    if (!target.toRealPath().equals(target) || !rootUnchanged()) {
      throw changed(raw, "the path changed while it was written");
    }
  }

  /** The check again, after the use: any refusal now means the path changed in between. */
  private Path recheck(String raw, boolean write) {
    try {
      return write ? paths.resolveForWrite(raw) : paths.resolveForRead(raw);
    } catch (WorkspacePathException e) {
      throw changed(raw, "the path no longer passes the check (" + e.reason() + ")");
    }
  }

  private boolean rootUnchanged() throws IOException {
    Object expected = paths.rootKey();
    return expected == null
        || expected.equals(Files.readAttributes(paths.root(), BasicFileAttributes.class, NOFOLLOW).fileKey());
  }

  private void createMissingDirectories(Path dir) throws IOException {
    List<Path> missing = new ArrayList<>();
    for (Path p = dir; p != null && !paths.root().equals(p) && !Files.exists(p, NOFOLLOW); p = p.getParent()) {
      missing.add(0, p);
    }
    for (Path p : missing) {
      try {
        Files.createDirectory(p);
      } catch (FileAlreadyExistsException e) {
        // created concurrently; the checks after the write decide
      }
    }
  }

  private static void keepPermissions(Path target, Path temp) throws IOException {
    PosixFileAttributeView existing = Files.getFileAttributeView(target, PosixFileAttributeView.class, NOFOLLOW);
    if (existing == null || !Files.exists(target, NOFOLLOW)) {
      return;
    }
    Set<PosixFilePermission> keep = existing.readAttributes().permissions();
    Files.getFileAttributeView(temp, PosixFileAttributeView.class, NOFOLLOW).setPermissions(keep);
  }

  private static boolean sameFile(BasicFileAttributes a, BasicFileAttributes b) {
    if (a.fileKey() != null || b.fileKey() != null) {
      return Objects.equals(a.fileKey(), b.fileKey());
    }
    return a.creationTime().equals(b.creationTime())
        && a.lastModifiedTime().equals(b.lastModifiedTime())
        && a.size() == b.size()
        && a.isRegularFile() == b.isRegularFile();
  }

  // ---- helpers -------------------------------------------------------------------------------------

  private Path name(String name) {
    FileSystem fs = paths.root().getFileSystem();
    return fs.getPath(name);
  }

  private static String temporaryName() {
    byte[] random = new byte[12];
    RANDOM.nextBytes(random);
    return ".hostpolicy-" + HexFormat.of().formatHex(random) + ".tmp";
  }

  private static void writeFully(SeekableByteChannel out, byte[] content) throws IOException {
    ByteBuffer buffer = ByteBuffer.wrap(content);
    while (buffer.hasRemaining()) {
      out.write(buffer);
    }
    if (out instanceof FileChannel) {
      ((FileChannel) out).force(true);
    }
  }

  private static WorkspacePathException changed(String raw, String why) {
    LOG.log(Level.WARNING, "workspace path changed between check and use: {0}", why);
    return PathNames.deny(PathViolation.CHANGED_DURING_OPEN, raw, why);
  }

  private static void closeAll(List<SecureDirectoryStream<Path>> opened) {
    for (int i = opened.size() - 1; i >= 0; i--) {
      try {
        opened.get(i).close();
      } catch (IOException e) {
        LOG.log(Level.DEBUG, "could not close a directory stream", e);
      }
    }
  }
}
